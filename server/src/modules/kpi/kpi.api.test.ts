import { todayInTokyo } from "@shien/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { type KpiOrg, makeKpiOrg } from "./kpi.test-kit.js";

let t: TestContext;
let k: KpiOrg;
let admin: Session;
let yorozuManager: Session;
let yorozuStaff: Session;
let keieiManager: Session;
let viewer: Session;
let outsider: Session;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  k = await makeKpiOrg(t.database.db, [2026]);
  const org = { id: k.orgId, slug: k.slug, departments: [] };
  const user = (role: "admin" | "manager" | "staff" | "viewer", dept: string) =>
    makeUser(t.database.db, org, { role, departmentIds: [dept] }).then((u) => signIn(t.app, u));
  [admin, yorozuManager, yorozuStaff, keieiManager, viewer] = await Promise.all([
    user("admin", k.dept.keiei),
    user("manager", k.dept.yorozu),
    user("staff", k.dept.yorozu),
    user("manager", k.dept.keiei),
    user("viewer", k.dept.yorozu),
  ]);
  outsider = await signIn(t.app, await makeUser(t.database.db, await makeOrg(t.database.db), { role: "admin" }));
  const items = (await viewer.get("/api/kpi?fiscalYear=2026")).json().items as { indicatorId: string; name: string }[];
  ids = Object.fromEntries(items.map((i) => [i.name, i.indicatorId]));
});
afterAll(() => t.close());

const manual = (who: Session, id: string, body: unknown) => who.post(`/api/kpi/indicators/${id}/manual`, body);

describe("KPI endpoints", () => {
  it("when any role of the organization reads the dashboard, then it answers; another organization or a year without a plan gets 404; a bad year 400", async () => {
    for (const who of [admin, yorozuStaff, viewer])
      expect((await who.get("/api/kpi?fiscalYear=2026")).statusCode).toBe(200);
    // The other organization has no plan for the year: nothing of this one's answers.
    expect((await outsider.get("/api/kpi?fiscalYear=2026")).statusCode).toBe(404);
    expect((await viewer.get("/api/kpi?fiscalYear=2031")).statusCode).toBe(404);
    expect((await viewer.get("/api/kpi?fiscalYear=abc")).statusCode).toBe(400);
    expect((await viewer.get("/api/kpi?fiscalYear=2026&asOf=2026-13-01")).statusCode).toBe(400);
  });

  it("when the as-of day is past the year's end, then the year's last day is used", async () => {
    expect((await viewer.get("/api/kpi?fiscalYear=2026&asOf=2030-01-01")).json().asOf).toBe("2027-03-31");
  });

  it("when the program's manager enters a month's figure, then it counts; a correction replaces it and both are audited", async () => {
    const id = ids.入場者数 as string;
    const month = todayInTokyo().slice(0, 7);
    const first = await manual(yorozuManager, id, { month: "2026-04", value: 120, evidence: "ゲートカウンター4月分" });
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toEqual([expect.objectContaining({ month: "2026-04", value: 120 })]);
    const corrected = await manual(yorozuManager, id, { month: "2026-04", value: 125, evidence: "訂正: 集計漏れ" });
    expect(corrected.json().items).toEqual([
      expect.objectContaining({ month: "2026-04", value: 125, evidence: "訂正: 集計漏れ" }),
    ]);
    await manual(admin, id, { month, value: 10, evidence: "今月分" });
    const figure = (await viewer.get("/api/kpi?fiscalYear=2026"))
      .json()
      .items.find((i: { name: string }) => i.name === "入場者数");
    expect(figure.actual).toBe(135);
    const audit = await t.database.db.execute(
      sql`select action from audit_log where org_id = ${k.orgId} and entity = 'manual_figure' order by seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "update", "create"]);
    const voided = await t.database.db.execute(
      sql`select count(*)::int as n from activities where org_id = ${k.orgId} and type = 'manual_figure' and voided_at is not null`,
    );
    expect(voided.rows[0]?.n).toBe(1);
  });

  it("when someone else enters a figure, or for an indicator that is computed, or for a future month, then it is refused and nothing is written", async () => {
    const id = ids.入場者数 as string;
    const before = await t.database.db.execute(
      sql`select count(*)::int as n from activities where org_id = ${k.orgId}`,
    );
    const body = { month: "2026-05", value: 1, evidence: "x" };
    for (const who of [yorozuStaff, viewer, keieiManager, outsider])
      expect((await manual(who, id, body)).statusCode).toBe(404);
    const computed = await manual(yorozuManager, ids.相談件数 as string, body);
    expect(computed.statusCode).toBe(400);
    expect(computed.json().error.details[0].field).toBe("value");
    const future = await manual(yorozuManager, id, { ...body, month: "2027-03" });
    if (todayInTokyo() < "2027-03-01") expect(future.json().error.details[0].field).toBe("month");
    expect((await manual(yorozuManager, id, { month: "2026-4", value: 1, evidence: "x" })).statusCode).toBe(400);
    expect((await manual(yorozuManager, id, { month: "2026-05", value: -1, evidence: "x" })).statusCode).toBe(400);
    expect((await manual(yorozuManager, crypto.randomUUID(), body)).statusCode).toBe(404);
    const after = await t.database.db.execute(sql`select count(*)::int as n from activities where org_id = ${k.orgId}`);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it("when an indicator's facts are asked for a missing indicator or by another organization, then 404", async () => {
    expect((await viewer.get(`/api/kpi/indicators/${crypto.randomUUID()}/facts?fiscalYear=2026`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/kpi/indicators/${ids.相談件数}/facts?fiscalYear=2026`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/kpi/indicators/not-a-uuid/facts?fiscalYear=2026`)).statusCode).toBe(400);
  });

  it("when the quarterly report is downloaded, then it is a workbook with the plan's indicators, 和暦 headings and the quarter's actuals", async () => {
    await k.facts([
      { type: "consultation", code: "Y", on: "2026-04-10", companyId: await k.company("報告商事") },
      { type: "consultation", code: "Y", on: "2026-08-10", companyId: await k.company("報告商事2") },
    ]);
    const res = await viewer.get("/api/kpi/report.xlsx?fiscalYear=2026&quarter=2");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("令和8年度_第2四半期"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws?.getCell("A1").value)).toContain("令和8年度 第2四半期");
    expect(String(ws?.getCell("A2").value)).toContain("令和8年9月30日現在");
    const rows = ws?.getSheetValues() as unknown[][];
    const consult = rows.find((r) => Array.isArray(r) && r[4] === "相談件数") as unknown[];
    // ExcelJS rows are 1-based: 6 計画, 7 第1四半期, 8 第2四半期, 9 累計, 10 進捗率
    expect(consult.slice(6, 11)).toEqual([20, 1, 1, 2, 0.1]);
    expect((await viewer.get("/api/kpi/report.xlsx?fiscalYear=2026&quarter=5")).statusCode).toBe(400);
  });
});
