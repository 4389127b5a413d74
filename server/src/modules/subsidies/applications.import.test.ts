import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import type { Session } from "../../../test/factories.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/index.js";
import {
  liveFacts,
  makeCompany,
  makeRound,
  makeSubsidyWorld,
  rows,
  type SubsidyWorld,
  subsidyProgram,
} from "./subsidies.fixtures.js";

let t: TestContext;
let w: SubsidyWorld;
let programId: string;
const TSU_NUMBER = "3190001012345";
const company: Record<"tsu" | "ise", string> = { tsu: "", ise: "" };

const HEADER =
  "application_ref,corporate_number,company_name,phone,program_code,round,course,type,title,received_on,tax_treatment,tax_included,category,amount_yen,note";
/** 5 rows, 2 applications: 津精機 by 法人番号 (3 lines), 伊勢技研 by 名寄せ (2 lines, 免税事業者, 税込). */
const HAPPY = [
  `A-1,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,省エネ型設備の導入,2026-05-20,,,機械装置等費,"2,000,000",成形機`,
  'A-1,,,,,,,,,,,,広報費,"500,000",チラシ',
  "A-1,,,,,,,,,,,,外注費,500000,金型設計",
  'B-7,,㈱伊勢技研,059-222-3333,11 生産性向上・業態転換支援補助金事業,,賃上げコース,,新製品の試作開発,2026/5/21,免税事業者,税込,開発費,"1,320,000",試作',
  'B-7,,,,,,,,,,,,展示会出展費,"330,000",',
];
const csv = (lines: string[], header = HEADER) => Buffer.from(`\uFEFF${[header, ...lines].join("\r\n")}\r\n`, "utf8");
const body = (bytes: Buffer, over: Record<string, unknown> = {}) => ({
  fileName: "applications.csv",
  contentBase64: bytes.toString("base64"),
  dryRun: false,
  ...over,
});
const post = (s: Session, bytes: Buffer, over: Record<string, unknown> = {}) =>
  s.post("/api/subsidies/applications/import", body(bytes, over));

const count = async (table: string) =>
  Number((await rows<{ n: number }>(t, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n);
const TABLES = ["subsidy_applications", "subsidy_events", "activities", "audit_log", "companies"];
const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (x) => [x, await count(x)])));

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  programId = (await subsidyProgram(w.staff, "11")).id;
  const sys = systemActor(w.mie.id, "test");
  const db = t.database.db;
  company.tsu = (
    await createCompany(db, sys, {
      name: "津精機株式会社",
      corporateNumber: TSU_NUMBER,
      address: "三重県津市栄町1-891",
      sizeClass: "sme",
    })
  ).id;
  company.ise = (
    await createCompany(db, sys, {
      name: "株式会社伊勢技研",
      phone: "059-222-3333",
      address: "三重県伊勢市岩渕1-7-29",
      sizeClass: "small",
    })
  ).id;
});
afterAll(() => t.close());

describe("importing subsidy applications", () => {
  it("when a dry run is asked, then it reports the 2 applications with their computed amounts and stores nothing", async () => {
    const before = await snapshot();
    const res = await post(w.staff, csv(HAPPY), { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      encoding: "utf-8",
      rows: 5,
      dryRun: true,
      created: 2,
      companies: { matched: 2, created: 0 },
      unmatched: [],
      errors: [],
    });
    expect(report.applications).toEqual([
      expect.objectContaining({
        ref: "A-1",
        rows: [2, 3, 4],
        company: { id: company.tsu, name: "津精機株式会社", match: "corporateNumber" },
        program: { code: "11", name: "生産性向上・業態転換支援補助金事業" },
        fiscalYear: 2026,
        course: "賃上げコース",
        lines: 3,
        costYen: 3_000_000,
        computedYen: 1_500_000,
        applicationId: null,
      }),
      expect.objectContaining({
        ref: "B-7",
        rows: [5, 6],
        company: { id: company.ise, name: "株式会社伊勢技研", match: "meiyose" },
        costYen: 1_650_000,
        computedYen: 825_000,
        applicationId: null,
      }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("when staff import 5 rows of 2 applications, then each is received exactly as entered by hand, with its event, fact and audit entry", async () => {
    const before = await snapshot();
    const res = await post(w.staff, csv(HAPPY));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ dryRun: false, created: 2, errors: [] });
    const [a1, b7] = report.applications as { applicationId: string }[];
    expect(await count("subsidy_applications")).toBe(before.subsidy_applications + 2);

    const imported = (await w.viewer.get(`/api/subsidies/applications/${a1?.applicationId}`)).json();
    expect(imported).toMatchObject({
      company: { id: company.tsu },
      title: "省エネ型設備の導入",
      course: "賃上げコース",
      taxTreatment: "standard",
      status: "received",
      receivedOn: "2026-05-20",
      computedYen: 1_500_000,
      lines: [
        { category: "機械装置等費", description: "成形機", amountYen: 2_000_000 },
        { category: "広報費", description: "チラシ", amountYen: 500_000 },
        { category: "外注費", description: "金型設計", amountYen: 500_000 },
      ],
    });
    // The same application entered by hand: the same working, the same amount.
    const byHand = await w.staff.post("/api/subsidies/applications", {
      subsidyProgramId: programId,
      companyId: company.tsu,
      title: "省エネ型設備の導入",
      course: "賃上げコース",
      lines: imported.lines,
      receivedOn: "2026-05-20",
    });
    expect(byHand.statusCode, byHand.body).toBe(201);
    const strip = ({ id, createdAt, ...rest }: Record<string, unknown>) => rest;
    expect(strip(imported)).toEqual(strip(byHand.json()));

    const b = (await w.viewer.get(`/api/subsidies/applications/${b7?.applicationId}`)).json();
    const bByHand = await w.staff.post("/api/subsidies/applications", {
      subsidyProgramId: programId,
      companyId: company.ise,
      title: "新製品の試作開発",
      course: "wage_increase",
      taxTreatment: "exempt",
      taxIncluded: true,
      lines: [
        { category: "開発費", description: "試作", amountYen: 1_320_000 },
        { category: "展示会出展費", amountYen: 330_000 },
      ],
      receivedOn: "2026-05-21",
    });
    expect(strip(b)).toEqual(strip(bByHand.json()));
    expect(b).toMatchObject({ taxTreatment: "exempt", computedYen: 825_000, company: { name: "株式会社伊勢技研" } });

    for (const [id, on] of [
      [a1?.applicationId, "2026-05-20"],
      [b7?.applicationId, "2026-05-21"],
    ] as const) {
      expect(await liveFacts(t, id as string)).toEqual([["subsidy_applied", null, on, null]]);
      const events = (await w.viewer.get(`/api/subsidies/applications/${id}/events`)).json().items;
      expect(events).toEqual([expect.objectContaining({ action: "receive", to: "received" })]);
      const audit = await rows<{ action: string }>(
        t,
        sql`select action from audit_log where entity = 'subsidy_application' and entity_id = ${id}`,
      );
      expect(audit.map((x) => x.action)).toEqual(["create"]);
    }
    const fileAudit = await rows<{ entity_id: string }>(
      t,
      sql`select entity_id from audit_log where entity = 'subsidy_application_import'`,
    );
    expect(fileAudit).toEqual([{ entity_id: "applications.csv" }]);
  });

  it("when the same file is imported again, then every application is refused as already recorded and nothing is stored", async () => {
    const before = await snapshot();
    const report = (await post(w.staff, csv(HAPPY))).json();
    expect(report.created).toBe(0);
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, "application_ref"],
      [5, "application_ref"],
    ]);
    expect(report.errors[0].reason).toContain("既に登録されています");
    expect(await snapshot()).toEqual(before);
  });

  it("when one row is wrong, then nothing is imported and the error names its row, column and value in Japanese and English", async () => {
    const before = await snapshot();
    const res = await post(
      w.staff,
      csv([
        `C-1,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,検査装置の導入,2026-06-01,,,機械装置等費,"3,000,000",検査装置`,
        `C-2,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,販路開拓,2026-06-02,,,広報費,"1,500,000.5",広告`,
        `C-3,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,工場の改装,2026-06-03,,,借料,"2,000,000",`,
        "C-3,,,,,,,,,2026-06-04,,,外注費,1500000,",
        `C-4,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,設計の外注,2026-06-05,,,外注費,"1,50,000",`,
      ]),
    );
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.created).toBe(0);
    expect(
      report.errors.map((e: { row: number; column: string; value: string }) => [e.row, e.column, e.value]),
    ).toEqual([
      [3, "amount_yen", "1,500,000.5"],
      [5, "received_on", "2026-06-04"],
      [6, "amount_yen", "1,50,000"],
    ]);
    expect(report.errors[0].reason).toContain("小数は入力できません");
    expect(report.errors[0].reasonEn).toContain("decimals are refused");
    expect(report.errors[1].reason).toContain("2行目以降を空欄");
    // The good application passed every check, yet the file is all or nothing.
    expect(report.applications.map((a: { ref: string; applicationId: null }) => [a.ref, a.applicationId])).toEqual([
      ["C-1", null],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("when an application is ineligible or the arithmetic refuses it, then the rule that failed is reported on its row and column", async () => {
    const before = await snapshot();
    const report = (
      await post(
        w.staff,
        csv([
          `E-1,${TSU_NUMBER},津精機株式会社,,11,,一般コース,,一般コースの申請,2026-06-10,,,機械装置等費,"1,000,000",`,
          `E-2,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,下限に届かない申請,2026-06-11,,,機械装置等費,"900,000",`,
          `E-3,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,対象外の経費,2026-06-12,,,機械装置等費,"2,000,000",`,
          'E-3,,,,,,,,,,,,人件費,"500,000",',
          `E-4,${TSU_NUMBER},津精機株式会社,,11,,,,コースなし,2026-06-13,,,機械装置等費,"2,000,000",`,
        ]),
      )
    ).json();
    expect(report.created).toBe(0);
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, "course"],
      [3, "amount_yen"],
      [5, "category"],
      [6, "course"],
    ]);
    const [course, floor, category, none] = report.errors;
    expect(course.reason).toMatch(/「一般コース」の対象は小規模企業等です。「津精機株式会社」は中小企業/);
    expect(course.reasonEn).toMatch(/is for small businesses/);
    expect(floor.reason).toContain("下限額");
    expect(category).toMatchObject({ value: "人件費", reason: expect.stringContaining("経費2の経費区分「人件費」") });
    expect(none.reason).toContain("コースを指定");
    expect(await snapshot()).toEqual(before);
  });

  it("when the program code is unknown, then the row names it with the codes that may be imported", async () => {
    const before = await snapshot();
    const report = (
      await post(w.staff, csv([`F-1,${TSU_NUMBER},津精機株式会社,,99,,,,不明な事業,2026-06-20,,,,100000,`]))
    ).json();
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, column: "program_code", value: "99" })]);
    expect(report.errors[0].reason).toMatch(
      /令和8年度.*「99」はありません。取り込める事業コード: 6（.*）、11（生産性向上/,
    );
    expect(report.errors[0].reasonEn).toContain('"99"');
    expect(await snapshot()).toEqual(before);
  });

  it("when a business is not registered, then it is an error unless createCompanies registers it once for all its applications", async () => {
    const header =
      "application_ref,company_name,phone,address,size_class,program_code,course,title,received_on,category,amount_yen";
    const newcomer = (address: string) =>
      csv(
        [
          `G-1,株式会社新規テック四日市,059-333-4444,${address},中小企業,11,賃上げコース,設備の導入,2026-06-25,機械装置等費,"2,000,000"`,
          `G-2,株式会社新規テック四日市,059-333-4444,${address},中小企業,11,賃上げコース,設備の増設,2026-06-26,機械装置等費,"2,400,000"`,
        ],
        header,
      );
    const before = await snapshot();
    const refused = (await post(w.staff, newcomer(""))).json();
    expect(refused.unmatched).toEqual([
      { row: 2, name: "株式会社新規テック四日市" },
      { row: 3, name: "株式会社新規テック四日市" },
    ]);
    expect(refused.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, "company_name"],
      [3, "company_name"],
    ]);
    expect(refused.errors[0].reason).toContain("登録済みの事業者に該当しません");
    expect(await snapshot()).toEqual(before);

    // Registered without an address, the business cannot be shown to be 三重県内: the rule refuses it.
    const noAddress = (await post(w.staff, newcomer(""), { createCompanies: true })).json();
    expect(noAddress.errors[0]).toMatchObject({ row: 2, column: "company_name" });
    expect(noAddress.errors[0].reason).toContain("所在地（都道府県）が登録されていません");
    expect(await snapshot()).toEqual(before);

    const file = newcomer("三重県四日市市諏訪町1-5");
    const dry = (await post(w.staff, file, { createCompanies: true, dryRun: true })).json();
    expect(dry).toMatchObject({ errors: [], created: 2, companies: { matched: 0, created: 1 } });
    expect(dry.applications[0].company).toEqual({ id: null, name: "株式会社新規テック四日市", match: "created" });
    expect(await snapshot()).toEqual(before);

    const done = (await post(w.staff, file, { createCompanies: true })).json();
    expect(done).toMatchObject({ errors: [], created: 2, companies: { matched: 0, created: 1 } });
    const [g1, g2] = done.applications;
    expect(g1.company.id).toBe(g2.company.id);
    expect([g1.computedYen, g2.computedYen]).toEqual([1_000_000, 1_200_000]);
    expect(await count("companies")).toBe(before.companies + 1);
  });

  it("when a CP932 file has Japanese headers, a full-width amount and a round by its number, then it is read and imported", async () => {
    const { roundId } = await makeRound(w.manager, programId, "第2期", null);
    const tsuBranch = await makeCompany(t, w.mie.id, { name: "松阪木工株式会社", address: "三重県松阪市殿町1340-1" });
    const text = [
      "申請番号,事業者名,法人番号,事業コード,公募回,コース,事業名,受付日,経費区分,金額,摘要",
      "H-1,松阪木工株式会社,,11,2,賃上げコース,木工機械の更新,令和8年6月1日,機械装置等費,１，２００，０００円,ＮＣルーター",
    ].join("\r\n");
    expect(tsuBranch).toBeTruthy();
    // 松阪木工 is registered by name only: a name alone never proves the same business.
    const ambiguous = (await post(w.staff, iconv.encode(text, "cp932"))).json();
    expect(ambiguous.encoding).toBe("shift_jis");
    expect(ambiguous.mapping).toMatchObject({ 申請番号: "application_ref", 金額: "amount_yen", 摘要: "note" });
    expect(ambiguous.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: "事業者名",
        reason: expect.stringMatching(/名称だけでは|判断できません/),
      }),
    ]);
    const numbered = text.replace("松阪木工株式会社,,", `津精機株式会社,${TSU_NUMBER},`);
    const res = await post(w.staff, iconv.encode(numbered, "cp932"));
    const report = res.json();
    expect(report).toMatchObject({ encoding: "shift_jis", errors: [], created: 1 });
    expect(report.applications[0]).toMatchObject({ round: "第2期", receivedOn: "2026-06-01", costYen: 1_200_000 });
    const stored = (await w.viewer.get(`/api/subsidies/applications/${report.applications[0].applicationId}`)).json();
    expect(stored).toMatchObject({
      round: { id: roundId, name: "第2期" },
      computedYen: 600_000,
      lines: [{ category: "機械装置等費", description: "ＮＣルーター", amountYen: 1_200_000 }],
    });
  });

  it("when an xlsx file has numbers and dates as cells, then they are read as yen and dates (a decimal amount is refused)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("申請");
    ws.addRow(["申請番号", "法人番号", "事業コード", "コース", "事業名", "受付日", "経費区分", "金額"]);
    ws.addRow([
      "X-1",
      Number(TSU_NUMBER),
      11,
      "賃上げコース",
      "表計算からの申請",
      new Date(Date.UTC(2026, 6, 10)),
      "機械装置等費",
      2_400_000,
    ]);
    ws.addRow(["X-1", null, null, null, null, null, "広報費", 100_000.5]);
    const upload = async (book: ExcelJS.Workbook) =>
      (
        await w.staff.post(
          "/api/subsidies/applications/import",
          body(Buffer.from(await book.xlsx.writeBuffer()), { fileName: "申請.xlsx", dryRun: true }),
        )
      ).json();
    const refused = await upload(wb);
    expect(refused).toMatchObject({ encoding: "xlsx", created: 0 });
    expect(refused.errors).toEqual([expect.objectContaining({ row: 3, column: "金額", value: "100000.5" })]);
    ws.getRow(3).getCell(8).value = 100_000;
    const report = await upload(wb);
    expect(report).toMatchObject({ errors: [], created: 1 });
    // 法人番号 alone finds the business; its registered name is reported.
    expect(report.applications[0]).toMatchObject({
      company: { id: company.tsu, name: "津精機株式会社", match: "corporateNumber" },
      receivedOn: "2026-07-10",
      costYen: 2_500_000,
      computedYen: 1_250_000,
    });
  });

  it("when a required column is missing, then the header row is reported and nothing is read", async () => {
    const report = (await post(w.staff, Buffer.from("application_ref,company_name,title\nX-1,a,b\n"))).json();
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 1, column: "(見出し)" });
    expect(report.errors[0].reason).toContain("program_code");
    expect(report.errors[0].reason).toContain("amount_yen");
  });
});

describe("access and validation", () => {
  const file = () =>
    csv([`K-1,${TSU_NUMBER},津精機株式会社,,11,,賃上げコース,,権限の確認,2026-07-01,,,機械装置等費,"2,000,000",`]);

  it("when a viewer, staff of another department or another organization imports, then 404 and nothing is stored", async () => {
    const before = await snapshot();
    for (const s of [w.viewer, w.otherStaff, w.outsider]) {
      for (const dryRun of [true, false]) {
        const res = await post(s, file(), { dryRun });
        expect(res.statusCode, res.body).toBe(404);
      }
    }
    expect(await snapshot()).toEqual(before);
    // The department's manager and an admin may (a dry run here).
    for (const s of [w.manager, w.admin]) {
      expect((await post(s, file(), { dryRun: true })).json()).toMatchObject({ errors: [], created: 1 });
    }
  });

  it("when the body is malformed, then 400", async () => {
    const ok = body(file());
    const cases: Record<string, unknown>[] = [
      { ...ok, contentBase64: undefined },
      { ...ok, contentBase64: "not base64!" },
      { ...ok, fileName: "" },
      { ...ok, dryRun: "yes" },
      { ...ok, mapping: { 申請番号: 1 } },
    ];
    for (const c of cases) {
      const res = await w.staff.post("/api/subsidies/applications/import", c);
      expect(res.statusCode, JSON.stringify(c).slice(0, 80)).toBe(400);
    }
  });

  it("when the mapping names a column that does not exist, then the header row says which", async () => {
    const report = (await post(w.staff, file(), { mapping: { 事業名: "subject" }, dryRun: true })).json();
    expect(report.errors).toEqual([expect.objectContaining({ row: 1, column: "(見出し)", value: "subject" })]);
  });
});
