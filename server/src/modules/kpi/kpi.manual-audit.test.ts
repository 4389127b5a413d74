/**
 * A month's figure entered by hand for an indicator of a confidential program: its value and its
 * evidence are records behind the figure, so the audit log (read by admins of every department)
 * names the month and nothing else.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { type KpiOrg, makeKpiOrg } from "./kpi.test-kit.js";

let t: TestContext;
let k: KpiOrg;
let manager: Session;
let otherAdmin: Session;
let indicatorId: string;

beforeAll(async () => {
  t = await createTestContext();
  k = await makeKpiOrg(t.database.db, [2026]);
  const org = { id: k.orgId, slug: k.slug, departments: [] };
  const user = (role: "admin" | "manager", dept: string) =>
    makeUser(t.database.db, org, { role, departmentIds: [dept] }).then((u) => signIn(t.app, u));
  [manager, otherAdmin] = await Promise.all([user("manager", k.dept.yorozu), user("admin", k.dept.keiei)]);
  const items = (await manager.get("/api/kpi?fiscalYear=2026")).json().items as { indicatorId: string; name: string }[];
  indicatorId = items.find((i) => i.name === "入場者数")?.indicatorId as string;
});
afterAll(() => t.close());

const auditOf = async () => {
  const res = await otherAdmin.get(`/api/audit?entity=manual_figure&entityId=${indicatorId}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as { changes: { field: string; to?: unknown }[] }[];
};

describe("manual figures in the audit log", () => {
  it("when the figure of an open program is entered, then the entry keeps the value and the evidence", async () => {
    const res = await manager.post(`/api/kpi/indicators/${indicatorId}/manual`, {
      month: "2026-04",
      value: 120,
      evidence: "ゲートカウンター4月分",
    });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = await auditOf();
    expect(entry?.changes).toEqual([{ field: "2026-04", to: { value: 120, evidence: "ゲートカウンター4月分" } }]);
  });

  it("when the program is confidential, then an admin of another department reads only which month was entered", async () => {
    // The kit's manual indicator sits in an open program: mark that program confidential, as a plan would.
    const program = await k.program(2026, "Y");
    await t.database.db.execute(sql`update programs set confidential = true where id = ${program.id}`);
    const res = await manager.post(`/api/kpi/indicators/${indicatorId}/manual`, {
      month: "2026-05",
      value: 4321,
      evidence: "再生案件の面談記録ZQX",
    });
    expect(res.statusCode, res.body).toBe(200);
    const [latest] = await auditOf();
    expect(latest?.changes).toEqual([{ field: "2026-05" }]);
  });
});
