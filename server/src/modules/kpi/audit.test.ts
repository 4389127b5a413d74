import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { type KpiOrg, makeKpiOrg } from "./kpi.test-kit.js";

/**
 * An auditor's recount: staff record, edit and merge through the API as they do every day, and
 * after every step each computed indicator of both fiscal years equals a naive count over the
 * live facts (and, for businesses, over the 名寄せ view). Then the drill-down, the quarterly
 * report and the confidential drill-down as an admin outside 協議会 sees them.
 */
let t: TestContext;
let k: KpiOrg;
let staff: Session;
/** Works in よろず and in 協議会: may move a record between the two programs. */
let both: Session;
let admin: Session;
let outsider: Session;
let staffId: string;
let bothId: string;
const AS_OF = "2027-03-31";

beforeAll(async () => {
  t = await createTestContext();
  k = await makeKpiOrg(t.database.db, [2025, 2026]);
  const org = { id: k.orgId, slug: k.slug, departments: [] };
  const s = await makeUser(t.database.db, org, { role: "staff", departmentIds: [k.dept.yorozu] });
  const b = await makeUser(t.database.db, org, { role: "staff", departmentIds: [k.dept.yorozu, k.dept.kyogikai] });
  staffId = s.id;
  bothId = b.id;
  staff = await signIn(t.app, s);
  both = await signIn(t.app, b);
  admin = await signIn(t.app, await makeUser(t.database.db, org, { role: "admin", departmentIds: [k.dept.yorozu] }));
  outsider = await signIn(t.app, await makeUser(t.database.db, await makeOrg(t.database.db), { role: "admin" }));
});
afterAll(() => t.close());

const rows = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)).rows as T[];

interface Indicator {
  indicatorId: string;
  name: string;
  programCode: string;
  actual: number | null;
  monthly: (number | null)[];
}

/** The naive figures of the kit's plan, straight from the live facts. */
async function naive(fiscalYear: number, asOf: string): Promise<Record<string, number | null>> {
  const q1 = { from: `${fiscalYear}-04-01`, to: `${fiscalYear}-06-30` };
  const one = async (where: ReturnType<typeof sql>, distinct = false) => {
    const [r] = await rows<{ n: number }>(sql`
      select ${distinct ? sql`count(distinct e.entity)` : sql`count(*)`}::int as n
        from activities a
        join programs p on p.id = a.program_id
        left join company_entities e on e.org_id = a.org_id and e.company_id = a.company_id
       where a.org_id = ${k.orgId} and a.fiscal_year = ${fiscalYear} and a.voided_at is null
         and a.occurred_on <= ${asOf} and ${where}`);
    return Number(r?.n ?? 0);
  };
  const y = sql`p.code = 'Y'`;
  const consult = sql`${y} and a.type in ('consultation', 'visit')`;
  const inQ1 = sql`a.occurred_on between ${q1.from} and ${q1.to}`;
  const resolved = await one(sql`${y} and a.type = 'issue_resolved'`);
  const sent = await one(sql`${y} and a.type = 'referral_sent'`);
  return {
    相談件数: await one(consult),
    課題解決件数: resolved,
    "支援事業者数（名寄せ後）": await one(sql`${consult} and a.company_id is not null`, true),
    訪問件数: await one(sql`${consult} and a.attributes->>'channel' = 'visit'`),
    第1四半期相談件数: await one(sql`${consult} and ${inQ1}`),
    第1四半期支援事業者数: await one(sql`${consult} and ${inQ1} and a.company_id is not null`, true),
    解決率: sent === 0 ? null : Math.round((resolved / sent) * 100 * 100) / 100,
    再生相談件数: await one(sql`p.code = 'R' and a.type = 'consultation'`),
  };
}

async function dashboard(fiscalYear: number, who: Session = admin): Promise<Indicator[]> {
  const res = await who.get(`/api/kpi?fiscalYear=${fiscalYear}&asOf=${fiscalYear + 1}-03-31`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

/** Every computed indicator of both years equals the naive count. */
async function expectRecount(step: string) {
  for (const fy of [2025, 2026]) {
    const want = await naive(fy, `${fy + 1}-03-31`);
    const got = Object.fromEntries(
      (await dashboard(fy)).filter((i) => i.name in want).map((i) => [i.name, i.actual] as const),
    );
    expect({ step, fy, ...got }).toEqual({ step, fy, ...want });
  }
}

const input = (over: Record<string, unknown>) => ({
  channel: "window",
  staffUserIds: [staffId],
  topics: [],
  status: "ongoing",
  ...over,
});
async function record(who: Session, over: Record<string, unknown>) {
  const res = await who.post("/api/consultations", input(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}
async function edit(who: Session, rec: { id: string; version: number }, patch: Record<string, unknown>) {
  const res = await who.patch(`/api/consultations/${rec.id}`, { version: rec.version, ...patch });
  expect(res.statusCode, res.body).toBe(200);
  rec.version = res.json().version;
}

describe("indicators equal a naive recount through everyday changes", () => {
  it("when records are added, moved across months, quarters, fiscal years, programs and businesses, resolved and un-resolved, and businesses merged and unmerged, then every indicator equals the recount after each step", async () => {
    const Y = (await k.program(2026, "Y")).id;
    const R = (await k.program(2026, "R")).id;
    const Y25 = (await k.program(2025, "Y")).id;
    const a = await k.company("監査一号株式会社");
    const b = await k.company("監査二号株式会社");
    const c = await k.company("監査三号株式会社");
    await expectRecount("empty");

    const r1 = await record(staff, { companyId: a, programId: Y, occurredOn: "2026-04-10" });
    const r2 = await record(staff, {
      companyId: b,
      programId: Y,
      occurredOn: "2026-05-15",
      channel: "visit",
      status: "resolved",
    });
    const r3 = await record(staff, { companyId: c, programId: Y, occurredOn: "2026-06-30" });
    const r4 = await record(staff, { companyId: a, programId: Y, occurredOn: "2026-04-01" });
    await expectRecount("four records");
    const ref = await staff.post("/api/referrals", {
      companyId: b,
      programId: Y,
      target: { kind: "agency", agency: "商工会" },
      reason: "融資の相談",
      sentOn: "2026-05-16",
    });
    expect(ref.statusCode, ref.body).toBe(201);
    await expectRecount("referral sent (ratio)");

    await edit(staff, r3, { occurredOn: "2026-07-01" });
    await expectRecount("Q1 → Q2 at the quarter boundary");
    await edit(staff, r3, { occurredOn: "2026-06-30" });
    await expectRecount("back into Q1");
    await edit(staff, r1, { companyId: b });
    await expectRecount("another business (a's first fact moves to r4)");
    await edit(staff, r4, { occurredOn: "2026-09-01" });
    await expectRecount("a's only fact leaves Q1");
    await edit(staff, r2, { status: "ongoing" });
    await expectRecount("un-resolved");
    await edit(staff, r2, { status: "resolved" });
    await expectRecount("resolved again");
    await edit(staff, r2, { channel: "window" });
    await expectRecount("visit → window");

    await edit(both, r1, { programId: R, staffUserIds: [bothId] });
    await expectRecount("よろず → 協議会 (confidential)");
    await edit(both, r1, { programId: Y });
    await expectRecount("協議会 → よろず");

    await edit(staff, r4, { programId: Y25, occurredOn: "2026-03-31" });
    await expectRecount("into the previous fiscal year (3/31)");
    await edit(staff, r4, { programId: Y, occurredOn: "2026-04-01" });
    await expectRecount("back to 4/1");

    const merged = await admin.post("/api/companies/merge", { companyIds: [a, c] });
    expect(merged.statusCode, merged.body).toBe(200);
    await expectRecount("a + c merged");
    const merged2 = await admin.post("/api/companies/merge", { companyIds: [b, c] });
    expect(merged2.statusCode, merged2.body).toBe(200);
    await expectRecount("b joins too");
    // Merges are undone newest first: the older one is refused while the newer one stands.
    expect((await admin.post(`/api/companies/merges/${merged.json().mergeId}/undo`)).statusCode).toBe(409);
    await expectRecount("refused undo changes nothing");
    expect((await admin.post(`/api/companies/merges/${merged2.json().mergeId}/undo`)).statusCode).toBe(200);
    await expectRecount("b leaves again");
    expect((await admin.post(`/api/companies/merges/${merged.json().mergeId}/undo`)).statusCode).toBe(200);
    await expectRecount("all undone");
  });
});

describe("the drill-down adds up", () => {
  it("when a count indicator is drilled into, then its total equals the dashboard figure, confidential facts included but not listed to an admin outside 協議会", async () => {
    const R = (await k.program(2026, "R")).id;
    const secret = await record(both, {
      companyId: await k.company("再生案件株式会社"),
      programId: R,
      occurredOn: "2026-05-01",
      staffUserIds: [bothId],
      notes: "再生計画の策定支援",
    });
    const items = await dashboard(2026);
    for (const name of ["相談件数", "課題解決件数", "訪問件数", "第1四半期相談件数", "再生相談件数"]) {
      const ind = items.find((i) => i.name === name) as Indicator;
      const res = await admin.get(
        `/api/kpi/indicators/${ind.indicatorId}/facts?fiscalYear=2026&asOf=${AS_OF}&pageSize=200`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect({ name, total: body.total }).toEqual({ name, total: ind.actual });
      expect(body.items.length + body.hidden).toBe(body.total);
    }
    const r = items.find((i) => i.name === "再生相談件数") as Indicator;
    const drill = (await admin.get(`/api/kpi/indicators/${r.indicatorId}/facts?fiscalYear=2026&asOf=${AS_OF}`)).json();
    expect(drill.items).toEqual([]);
    expect(drill.hidden).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(drill)).not.toContain(secret.id);
    const csv = await admin.get(`/api/kpi/indicators/${r.indicatorId}/facts.csv?fiscalYear=2026&asOf=${AS_OF}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain("再生案件株式会社");
    expect(csv.body).not.toContain(secret.id);
    // 協議会 sees its own record behind the figure.
    const own = (await both.get(`/api/kpi/indicators/${r.indicatorId}/facts?fiscalYear=2026&asOf=${AS_OF}`)).json();
    expect(own.items.map((i: { sourceId: string }) => i.sourceId)).toContain(secret.id);
    // Another organization learns nothing, not even that the indicator exists.
    expect((await outsider.get(`/api/kpi/indicators/${r.indicatorId}/facts?fiscalYear=2026`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/kpi/indicators/${r.indicatorId}/facts.csv?fiscalYear=2026`)).statusCode).toBe(404);
  });
});

describe("the quarterly report", () => {
  it("when the fourth quarter is reported, then each quarter's column equals a naive count of its three months and the heading is 令和9年3月31日現在", async () => {
    const res = await admin.get("/api/kpi/report.xlsx?fiscalYear=2026&quarter=4");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws?.getCell("A2").value)).toContain("令和9年3月31日現在");
    const sheet = ws?.getSheetValues() as unknown[][];
    const line = sheet.find((r) => Array.isArray(r) && r[4] === "相談件数") as unknown[];
    const quarters = [
      ["2026-04-01", "2026-06-30"],
      ["2026-07-01", "2026-09-30"],
      ["2026-10-01", "2026-12-31"],
      ["2027-01-01", "2027-03-31"],
    ];
    const want: number[] = [];
    for (const [from, to] of quarters) {
      const [r] = await rows<{ n: number }>(sql`
        select count(*)::int as n from activities a join programs p on p.id = a.program_id
         where a.org_id = ${k.orgId} and a.fiscal_year = 2026 and a.voided_at is null and p.code = 'Y'
           and a.type in ('consultation', 'visit') and a.occurred_on between ${from} and ${to}`);
      want.push(Number(r?.n));
    }
    // ExcelJS rows are 1-based: 6 計画, 7–10 第1–第4四半期, 11 累計.
    expect(line.slice(7, 12)).toEqual([...want, want.reduce((x, y) => x + y, 0)]);
  });
});

describe("expert dispatch in the figures", () => {
  it("when dispatches are done, one is rejected and one cancelled, then 専門家派遣回数 and 派遣謝金 equal the recount of done ones", async () => {
    const org = { id: k.orgId, slug: k.slug, departments: [] };
    const manager = await signIn(
      t.app,
      await makeUser(t.database.db, org, { role: "manager", departmentIds: [k.dept.keiei] }),
    );
    const expertId = (await manager.post("/api/experts", { name: "集計 花子" })).json().id;
    const frames = (await manager.get("/api/dispatch/frames?fiscalYear=2026")).json().items as { id: string }[];
    expect(frames).toHaveLength(1);
    const frameId = frames[0]?.id as string;
    const fees = [30000, 45000, 12000, 8000];
    const ids: string[] = [];
    for (const [i, feeYen] of fees.entries()) {
      const res = await manager.post("/api/dispatches", {
        frameId,
        companyId: await k.company(`派遣先${i}株式会社`),
        expertId,
        scheduledOn: "2026-06-01",
        minutes: 120,
        feeYen,
        companyShareYen: 0,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const move = async (id: string, body: Record<string, unknown>) => {
      const res = await manager.post(`/api/dispatches/${id}/transition`, body);
      expect(res.statusCode, res.body).toBe(200);
    };
    await move(ids[0] as string, { action: "approve", version: 1 });
    await move(ids[0] as string, { action: "done", on: "2026-06-01", version: 2 });
    await move(ids[1] as string, { action: "approve", version: 1 });
    await move(ids[1] as string, { action: "done", on: "2026-07-01", version: 2 });
    await move(ids[1] as string, { action: "report", on: "2026-07-05", reportText: "報告", version: 3 });
    await move(ids[2] as string, { action: "reject", reason: "対象外", version: 1 });
    await move(ids[3] as string, { action: "approve", version: 1 });
    await move(ids[3] as string, { action: "cancel", reason: "日程不調", version: 2 });
    const items = await dashboard(2026);
    const byName = Object.fromEntries(items.map((i) => [i.name, i.actual]));
    const [naiveRow] = await rows<{ n: number; yen: string }>(sql`
      select count(*)::int as n, coalesce(sum(amount_yen), 0)::text as yen from activities a join programs p on p.id = a.program_id
       where a.org_id = ${k.orgId} and a.fiscal_year = 2026 and a.voided_at is null and p.code in ('D', 'D-1') and a.type = 'dispatch'`);
    expect(naiveRow).toEqual({ n: 2, yen: "75000" });
    expect({ count: byName.専門家派遣回数, yen: byName.派遣謝金 }).toEqual({ count: 2, yen: 75000 });
  });
});

describe("和暦 around the change of era", () => {
  it("when reports of 平成30年度 Q3 and 令和元年度 Q1 are downloaded, then the headings read 平成30年12月31日 and 令和元年6月30日", async () => {
    const old = await makeKpiOrg(t.database.db, [2018, 2019]);
    const org = { id: old.orgId, slug: old.slug, departments: [] };
    const v = await signIn(
      t.app,
      await makeUser(t.database.db, org, { role: "viewer", departmentIds: [old.dept.yorozu] }),
    );
    const heading = async (fy: number, q: number) => {
      const res = await v.get(`/api/kpi/report.xlsx?fiscalYear=${fy}&quarter=${q}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      return `${ws?.getCell("A1").value} / ${ws?.getCell("A2").value}`;
    };
    expect(await heading(2018, 3)).toMatch(/^平成30年度 第3四半期.* \/ 平成30年12月31日現在/);
    expect(await heading(2019, 1)).toMatch(/^令和元年度 第1四半期.* \/ 令和元年6月30日現在/);
  });
});
