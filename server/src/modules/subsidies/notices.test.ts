import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import type { Session } from "../../../test/factories.js";
import { findOrganizationById } from "../organizations/index.js";
import { honorific, warekiDate, yenText } from "./notices/index.js";
import {
  makeCompany,
  makeRound,
  makeSubsidyWorld,
  rows,
  type SubsidyWorld,
  subsidyProgram,
  wageApplication,
} from "./subsidies.fixtures.js";

/**
 * 通知書 (PDF) and 申請一覧 (xlsx), generated for real applications taken through the lifecycle
 * and read back: the PDF's text with pdfjs, the workbook with exceljs.
 */
let t: TestContext;
let w: SubsidyWorld;
let programId: string;
let roundId: string;
let orgName: string;

interface App {
  id: string;
  version: number;
  status: string;
  company: { name: string };
  decisionNo: string | null;
  confirmationNo: string | null;
  [k: string]: unknown;
}

async function walk(a: App, steps: [Session, string, Record<string, unknown>?][]): Promise<App> {
  let current = a;
  for (const [who, action, extra] of steps) {
    const res = await who.post(`/api/subsidies/applications/${current.id}/transition`, {
      action,
      version: current.version,
      ...extra,
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    current = res.json();
  }
  return current;
}

async function apply(companyName?: string): Promise<App> {
  const companyId = await makeCompany(t, w.mie.id, companyName ? { name: companyName } : {});
  const res = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId, { roundId }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const toAdopted = (a: App) =>
  walk(a, [
    [w.staff, "check", { on: "2026-06-01" }],
    [w.manager, "adopt", { on: "2026-06-10" }],
  ]);
const toDecided = async (a: App) => walk(await toAdopted(a), [[w.manager, "decide", { on: "2026-07-01" }]]);

/** The text of every page, items joined (a line's pieces may come as several items). */
async function pdfText(body: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(body), isEvalSupported: false, disableFontFace: true }).promise;
  let out = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if ("str" in item) out += item.str + (item.hasEOL ? "\n" : "");
    }
    out += "\n";
  }
  await doc.destroy();
  return out;
}

const notice = (who: Session, id: string, kind: string) =>
  who.get(`/api/subsidies/applications/${id}/notices/${kind}.pdf`);

let decided: App;
let confirmed: App;
let rejected: App;
let adopted: App;
let withdrawn: App;

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  programId = (await subsidyProgram(w.staff, "11")).id;
  roundId = (await makeRound(w.manager, programId, "通知書回", 20_000_000)).roundId;
  orgName = (await findOrganizationById(t.database.db, w.mie.id))?.name ?? "";
  decided = await toDecided(await apply("株式会社通知テスト"));
  confirmed = await walk(await toDecided(await apply()), [
    [w.staff, "report", { on: "2026-10-15", lines: [{ category: "機械装置等費", amountYen: 2_800_000 }] }],
    [w.manager, "confirm", { on: "2026-10-31" }],
  ]);
  rejected = await walk(await apply(), [
    [w.staff, "check", { on: "2026-06-01" }],
    [w.manager, "reject", { on: "2026-06-10", note: "審査基準（付加価値額の伸び率）に満たないため" }],
  ]);
  adopted = await toAdopted(await apply());
  withdrawn = await walk(await toDecided(await apply()), [
    [w.manager, "withdraw", { on: "2026-07-10", note: "辞退届" }],
  ]);
}, 60_000);
afterAll(() => t.close());

describe("format helpers", () => {
  it("when dates and amounts are written, then they are 和暦 and yen with separators", () => {
    expect(warekiDate("2026-11-20")).toBe("令和8年11月20日");
    expect(warekiDate("2019-05-01")).toBe("令和元年5月1日");
    expect(warekiDate("2019-04-30")).toBe("平成31年4月30日");
    expect(warekiDate("1989-01-07")).toBe("昭和64年1月7日");
    expect(yenText(1_500_000)).toBe("1,500,000円");
    expect(yenText(999)).toBe("999円");
    expect(honorific("株式会社三重精機")).toBe("御中");
    expect(honorific("山田商店")).toBe("様");
  });
});

describe("交付決定通知書", () => {
  it("when a decided application's notice is downloaded, then the PDF names the center, the company, the amount, the number and the 和暦 date, with the working", async () => {
    await rows(t, sql`update subsidy_applications set report_due_on = '2027-02-28' where id = ${decided.id}`);
    const res = await notice(w.viewer, decided.id, "decision");
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("交付決定通知書"));
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(res.rawPayload);
    expect(decided.decisionNo).toMatch(/^三産支第2026-11-\d{4}号$/);
    for (const expected of [
      "交付決定通知書",
      orgName,
      "株式会社通知テスト",
      "御中",
      decided.decisionNo as string,
      "令和8年7月1日",
      "令和8年5月20日付けで交付申請のあった令和8年度生産性向上・業態転換支援補助金",
      "省エネ型設備の導入による生産性向上",
      "賃上げコース",
      "1,500,000円",
      "補助対象経費",
      "3,000,000円",
      "実績報告は、令和9年2月28日までに提出すること",
      "以上",
    ]) {
      expect(text).toContain(expected);
    }
    expect(orgName).not.toBe("");
  });

  it("when the application has no 交付決定 yet, was rejected, or the reader is elsewhere, then 409 with the state, or 404", async () => {
    const early = await notice(w.staff, adopted.id, "decision");
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0]).toMatchObject({
      field: "kind",
      message: expect.stringContaining(
        "この申請は「採択」で交付決定がされていないため、交付決定通知書は出力できません",
      ),
    });
    expect((await notice(w.staff, rejected.id, "decision")).statusCode).toBe(409);
    expect((await notice(w.outsider, decided.id, "decision")).statusCode).toBe(404);
    expect((await notice(w.fukushimaManager, decided.id, "decision")).statusCode).toBe(404);
    expect((await notice(w.staff, crypto.randomUUID(), "decision")).statusCode).toBe(404);
    expect((await notice(w.staff, "not-a-uuid", "decision")).statusCode).toBe(400);
    expect((await notice(w.staff, decided.id, "invoice")).statusCode).toBe(400);
  });

  it("when a grant is withdrawn after its decision, then its decision notice is refused as no longer standing", async () => {
    expect(withdrawn.decisionNo).not.toBeNull();
    const res = await notice(w.staff, withdrawn.id, "decision");
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].message).toContain("交付決定が効力を失っており");
  });
});

describe("額の確定通知書", () => {
  it("when a confirmed application's notice is downloaded, then it shows the decided and the confirmed amount and the difference", async () => {
    expect(confirmed).toMatchObject({ status: "confirmed", confirmedYen: 1_400_000 });
    const res = await notice(w.staff, confirmed.id, "confirmation");
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const text = await pdfText(res.rawPayload);
    expect(confirmed.confirmationNo).toMatch(/^三産支確第2026-11-\d{4}号$/);
    for (const expected of [
      "補助金の額の確定通知書",
      orgName,
      confirmed.company.name,
      "様",
      confirmed.confirmationNo as string,
      confirmed.decisionNo as string,
      "令和8年10月31日",
      "令和8年10月15日付けで提出のあった実績報告書",
      "1,500,000円",
      "1,400,000円",
      "2,800,000円",
      "交付決定額 1,500,000円 − 確定額 1,400,000円 = 100,000円（減額）",
    ]) {
      expect(text).toContain(expected);
    }
    // The decision notice of a confirmed grant is still issued.
    expect((await notice(w.staff, confirmed.id, "decision")).statusCode).toBe(200);
  });

  it("when the amount is not confirmed yet, then 409", async () => {
    const res = await notice(w.staff, decided.id, "confirmation");
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].message).toContain("額の確定通知書は出力できません");
  });
});

describe("不採択通知書", () => {
  it("when a rejected application's notice is downloaded, then it gives the reason, the date and the 不採択 文書番号, and reading takes no new number", async () => {
    const counters = sql`select coalesce(sum(last_no), 0)::int as n from subsidy_notice_counters where subsidy_program_id = ${programId}`;
    const before = await rows<{ n: number }>(t, counters);
    const res = await notice(w.staff, rejected.id, "rejection");
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const text = await pdfText(res.rawPayload);
    for (const expected of [
      "不採択通知書",
      orgName,
      rejected.company.name,
      "令和8年6月10日",
      "審査基準（付加価値額の伸び率）に満たないため",
      "1,500,000円",
    ]) {
      expect(text).toContain(expected);
    }
    expect(rejected.rejectionNo).toMatch(/^三産支不第2026-\d+-\d{4}号$/);
    expect(text).toContain(rejected.rejectionNo);
    expect(await rows<{ n: number }>(t, counters)).toEqual(before);
    // Reading a notice changes nothing.
    const after = (await w.staff.get(`/api/subsidies/applications/${rejected.id}`)).json();
    expect(after).toMatchObject({ status: "rejected", version: rejected.version });
    expect((await notice(w.staff, decided.id, "rejection")).statusCode).toBe(409);
  });
});

describe("申請一覧 (xlsx)", () => {
  it("when the round's list is downloaded, then every application is a row with its status, amounts as numbers and numbers, under a 和暦 title and a bold frozen header", async () => {
    const res = await w.viewer.get(`/api/subsidies/applications.xlsx?subsidyProgramId=${programId}&roundId=${roundId}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("補助金申請一覧"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const title = String(ws.getCell("A1").value);
    expect(title).toContain("令和8年度 11 生産性向上・業態転換支援補助金事業 通知書回 補助金申請一覧");
    expect(title).toContain(orgName);
    expect(String(ws.getCell("A2").value)).toMatch(/^令和\d+年\d+月\d+日現在　5件$/);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    const header = ws.getRow(3);
    expect(header.getCell(1).font?.bold).toBe(true);
    const headers = (header.values as unknown[]).slice(1);
    expect(headers).toEqual([
      "No.",
      "事業者名",
      "事業名",
      "補助金",
      "公募回",
      "コース・区分",
      "状況",
      "受付日",
      "算定額（円）",
      "交付決定額（円）",
      "確定額（円）",
      "支払額（円）",
      "交付決定日",
      "交付決定番号",
      "額の確定番号",
      "不採択通知番号",
    ]);
    const col = (name: string) => headers.indexOf(name) + 1;
    const byCompany = new Map<string, ExcelJS.Row>();
    for (let r = 4; r <= 8; r++) byCompany.set(String(ws.getRow(r).getCell(col("事業者名")).value), ws.getRow(r));
    const d = byCompany.get("株式会社通知テスト") as ExcelJS.Row;
    expect(d.getCell(col("状況")).value).toBe("交付決定");
    expect(d.getCell(col("コース・区分")).value).toBe("賃上げコース");
    expect(d.getCell(col("事業名")).value).toBe("省エネ型設備の導入による生産性向上");
    expect(d.getCell(col("算定額（円）")).value).toBe(1_500_000);
    expect(d.getCell(col("交付決定額（円）")).value).toBe(1_500_000);
    expect(d.getCell(col("交付決定額（円）")).numFmt).toBe("#,##0");
    expect(d.getCell(col("確定額（円）")).value).toBeNull();
    expect(d.getCell(col("交付決定番号")).value).toBe(decided.decisionNo);
    expect(d.getCell(col("受付日")).value).toEqual(new Date("2026-05-20T00:00:00Z"));
    const c = byCompany.get(confirmed.company.name) as ExcelJS.Row;
    expect(c.getCell(col("状況")).value).toBe("額の確定");
    expect(c.getCell(col("確定額（円）")).value).toBe(1_400_000);
    expect(c.getCell(col("額の確定番号")).value).toBe(confirmed.confirmationNo);
    const r = byCompany.get(rejected.company.name) as ExcelJS.Row;
    expect(r.getCell(col("状況")).value).toBe("不採択");
    expect(r.getCell(col("交付決定額（円）")).value).toBeNull();
    expect(byCompany.get(withdrawn.company.name)?.getCell(col("状況")).value).toBe("辞退");
    // The totals row: 5 applications × 1,500,000 computed; decided on the decided, confirmed and withdrawn ones.
    const total = ws.getRow(9);
    expect(total.getCell(2).value).toBe("合計");
    expect(total.getCell(col("算定額（円）")).value).toMatchObject({ formula: "SUM(I4:I8)", result: 7_500_000 });
  });

  it("when the list is asked for by another organization, for a missing round or with a malformed filter, then 404 or 400", async () => {
    expect((await w.outsider.get(`/api/subsidies/applications.xlsx?subsidyProgramId=${programId}`)).statusCode).toBe(
      404,
    );
    expect((await w.staff.get(`/api/subsidies/applications.xlsx?roundId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await w.staff.get("/api/subsidies/applications.xlsx?roundId=nope")).statusCode).toBe(400);
    expect((await w.staff.get("/api/subsidies/applications.xlsx?status=unknown")).statusCode).toBe(400);
    // The outsider's own list holds none of Mie's applications.
    const own = await w.outsider.get("/api/subsidies/applications.xlsx");
    expect(own.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]?.getCell("A2").value)).toMatch(/現在　0件$/);
  });
});
