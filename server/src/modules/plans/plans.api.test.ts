import { randomUUID } from "node:crypto";
import type { PlanOverview, PlanTreeNode, ProgramDetail } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { type SeededCenter, seededCenter } from "../../../test/seed-centers.js";
import { importPlanText } from "./index.js";

let t: TestContext;
let mie: SeededCenter["org"];
let fkAdmin: Session;
let admin: Session;
let mieId: string;
let fukushimaId: string;

function flatten(nodes: PlanTreeNode[]): PlanTreeNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

const deptId = (org: SeededCenter["org"], name: string) => org.departments.find((d) => d.name === name)?.id as string;

beforeAll(async () => {
  t = await createTestContext();
  const m = await seededCenter(t, "mie");
  ({ org: mie, admin, planId: mieId } = m);
  ({ admin: fkAdmin, planId: fukushimaId } = await seededCenter(t, "fukushima"));
});
afterAll(() => t.close());

describe("plan overview", () => {
  it("when Mie's plan is opened, then its totals are the document's: 1,337,734 / 1,206,500千円, 県 alone 690,118千円", async () => {
    const res = await admin.get(`/api/plans/${mieId}`);
    expect(res.statusCode).toBe(200);
    const o = res.json() as PlanOverview;
    expect(o.plan).toMatchObject({ fiscalYear: 2026, status: "adopted" });
    expect(o.totals.all).toMatchObject({ currentYen: 1_337_734_000, previousYen: 1_206_500_000, programCount: 24 });
    expect(o.totals.bySource.find((r) => r.key === "prefecture")?.currentYen).toBe(690_118_000);
    const yorozu = flatten(o.tree).find((n) => n.program?.name === "よろず支援拠点事業")?.program;
    expect(yorozu).toMatchObject({ budgetYen: 124_990_000, previousYen: 74_990_000, differenceYen: 50_000_000 });
    expect(yorozu?.departments.map((d) => d.name)).toEqual(["よろず支援・事業承継課"]);
  });

  it("when Fukushima's plan is opened, then 28 distinct programs appear in 29 entries, the 再掲 not counted twice", async () => {
    const o = (await fkAdmin.get(`/api/plans/${fukushimaId}`)).json() as PlanOverview;
    const nodes = flatten(o.tree).filter((n) => n.kind !== "group");
    expect(nodes).toHaveLength(29);
    expect(nodes.filter((n) => n.kind === "reference")).toHaveLength(1);
    expect(o.totals.all.programCount).toBe(28);
    const detail = (await fkAdmin.get(`/api/plans/${fukushimaId}/programs/I-1-3`)).json() as ProgramDetail;
    expect(detail.subPrograms.map((s) => s.amounts.find((a) => a.label === "事業費")?.yen)).toEqual([
      54_000_000, 420_069_000,
    ]);
    const budget = (await fkAdmin.get(`/api/plans/${fukushimaId}/budget-statement`)).json();
    const line = (label: string) => budget.lines.find((l: { label: string }) => l.label === label);
    expect(line("経常収益")).toMatchObject({ currentYen: 4_179_684_000, differenceYen: 667_735_000 });
    expect(line("経常費用")).toMatchObject({ currentYen: 4_211_763_000, differenceYen: 618_777_000 });
  });

  it("when another organization's plan is asked for, then it answers exactly like a missing one", async () => {
    const other = await admin.get(`/api/plans/${fukushimaId}`);
    const missing = await admin.get(`/api/plans/${randomUUID()}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    expect((await admin.get(`/api/plans/${fukushimaId}/programs/I-1-1`)).statusCode).toBe(404);
  });

  it("when a viewer opens the plan, then they can read it", async () => {
    const viewer = await signIn(t.app, await makeUser(t.database.db, mie, { role: "viewer" }));
    expect((await viewer.get(`/api/plans/${mieId}`)).statusCode).toBe(200);
    expect((await viewer.get(`/api/plans/${mieId}/programs/1`)).statusCode).toBe(200);
  });

  it("when a plan has no budget statement or the program code is unknown, then 404", async () => {
    expect((await admin.get(`/api/plans/${mieId}/budget-statement`)).statusCode).toBe(404);
    expect((await admin.get(`/api/plans/${mieId}/programs/999`)).statusCode).toBe(404);
  });
});

describe("editing a plan", () => {
  async function yorozuLine(s: Session) {
    const p = (await s.get(`/api/plans/${mieId}/programs/1`)).json() as ProgramDetail;
    return { line: p.amounts[0] as ProgramDetail["amounts"][number], indicator: p.indicators[0] };
  }

  it("when the plan is adopted, then edits are refused with 409 and nothing changes", async () => {
    const { line } = await yorozuLine(admin);
    const res = await admin.patch(`/api/plans/${mieId}/amount-lines/${line.id}`, { yen: 1, version: line.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("見直し");
    expect((await yorozuLine(admin)).line.yen).toBe(124_990_000);
  });

  it("when a non-admin asks to revise, then 404; when two admins revise at once, then exactly one succeeds", async () => {
    const manager = await signIn(t.app, await makeUser(t.database.db, mie, { role: "manager" }));
    expect((await manager.post(`/api/plans/${mieId}/revise`, { reason: "x" })).statusCode).toBe(404);
    expect((await admin.post(`/api/plans/${mieId}/revise`, {})).statusCode).toBe(400);
    const admin2 = await signIn(t.app, await makeUser(t.database.db, mie, { role: "admin" }));
    const results = await Promise.all([
      admin.post(`/api/plans/${mieId}/revise`, { reason: "補正予算の反映" }),
      admin2.post(`/api/plans/${mieId}/revise`, { reason: "補正予算の反映" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const plan = (await admin.get(`/api/plans/${mieId}`)).json() as PlanOverview;
    expect(plan.plan).toMatchObject({ status: "draft", revision: 1 });
    const revisions = await t.database.db.execute(
      sql`select count(*)::int as n from plan_revisions where plan_id = ${mieId}`,
    );
    expect(revisions.rows[0]?.n).toBe(1);
  });

  it("when an admin corrects an amount, then the line, the difference and the totals follow, and the audit log records it", async () => {
    const { line } = await yorozuLine(admin);
    const res = await admin.patch(`/api/plans/${mieId}/amount-lines/${line.id}`, {
      yen: 125_000_000,
      version: line.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ yen: 125_000_000, previousYen: 74_990_000, differenceYen: 50_010_000 });
    const o = (await admin.get(`/api/plans/${mieId}`)).json() as PlanOverview;
    expect(o.totals.all.currentYen).toBe(1_337_744_000);
    const audit = (await admin.get(`/api/audit?entity=amount_line&entityId=${line.id}`)).json();
    expect(audit.items[0].changes).toEqual(
      expect.arrayContaining([{ field: "yen", from: 124_990_000, to: 125_000_000 }]),
    );
    await admin.patch(`/api/plans/${mieId}/amount-lines/${line.id}`, { yen: 124_990_000, version: res.json().version });
  });

  it("when a manager edits a program of their department, then it works; another department's, then 404", async () => {
    const own = await signIn(
      t.app,
      await makeUser(t.database.db, mie, { role: "manager", departmentIds: [deptId(mie, "よろず支援・事業承継課")] }),
    );
    const other = await signIn(
      t.app,
      await makeUser(t.database.db, mie, { role: "manager", departmentIds: [deptId(mie, "技術支援課")] }),
    );
    const program2 = (await own.get(`/api/plans/${mieId}/programs/2`)).json() as ProgramDetail;
    const indicator = program2.indicators[0];
    expect(indicator).toBeDefined();
    const ok = await own.patch(`/api/plans/${mieId}/indicators/${indicator?.id}`, {
      target: 120,
      version: indicator?.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ target: 120, targetText: null });
    const refused = await other.patch(`/api/plans/${mieId}/indicators/${indicator?.id}`, {
      target: 1,
      version: indicator?.version,
    });
    expect(refused.statusCode).toBe(404);
    const after = (await own.get(`/api/plans/${mieId}/programs/2`)).json() as ProgramDetail;
    expect(after.indicators[0]?.target).toBe(120);
  });

  it("when staff or a viewer edit, then 404; when the body is malformed, then 400 naming the field; when the line is missing, then 404", async () => {
    const { line } = await yorozuLine(admin);
    const staff = await signIn(
      t.app,
      await makeUser(t.database.db, mie, { departmentIds: [deptId(mie, "よろず支援・事業承継課")] }),
    );
    expect(
      (await staff.patch(`/api/plans/${mieId}/amount-lines/${line.id}`, { yen: 5, version: line.version })).statusCode,
    ).toBe(404);
    const bad = await admin.patch(`/api/plans/${mieId}/amount-lines/${line.id}`, { yen: 1.5, version: line.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("yen");
    expect(
      (await admin.patch(`/api/plans/${mieId}/amount-lines/${randomUUID()}`, { yen: 5, version: 1 })).statusCode,
    ).toBe(404);
    const foreign = await makeOrg(t.database.db);
    const outsider = await signIn(t.app, await makeUser(t.database.db, foreign, { role: "admin" }));
    expect(
      (await outsider.patch(`/api/plans/${mieId}/amount-lines/${line.id}`, { yen: 5, version: line.version }))
        .statusCode,
    ).toBe(404);
    expect((await yorozuLine(admin)).line.yen).toBe(124_990_000);
  });

  it("when the plan is adopted again, then it is read-only again", async () => {
    expect((await admin.post(`/api/plans/${mieId}/adopt`)).statusCode).toBe(200);
    const { line } = await yorozuLine(admin);
    expect(
      (await admin.patch(`/api/plans/${mieId}/amount-lines/${line.id}`, { yen: 1, version: line.version })).statusCode,
    ).toBe(409);
  });
});

describe("export", () => {
  it("when xlsx is asked for, then a workbook comes back with a Japanese file name", async () => {
    const res = await admin.get(`/api/plans/${mieId}/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect(String(res.headers["content-disposition"])).toContain(encodeURIComponent("令和8年度"));
  });

  it("when the YAML export is imported again, then the plan is unchanged", async () => {
    const before = (await admin.get(`/api/plans/${mieId}`)).json() as PlanOverview;
    const yaml = (await admin.get(`/api/plans/${mieId}/export?format=yaml`)).body;
    const r = await importPlanText(t.database.db, yaml, "export.yaml", { reviseReason: "往復確認" });
    expect(r).toMatchObject({ created: false, programs: 24, warnings: [] });
    const after = (await admin.get(`/api/plans/${mieId}`)).json() as PlanOverview;
    expect(after.totals).toEqual(before.totals);
    expect(flatten(after.tree).map((n) => n.program?.id)).toEqual(flatten(before.tree).map((n) => n.program?.id));
  });
});

describe("editing an amount that has only a printed difference", () => {
  it("when the amount changes, then the 約 difference moves with it and stays approximate", async () => {
    await fkAdmin.post(`/api/plans/${fukushimaId}/revise`, { reason: "テスト" });
    const p = (await fkAdmin.get(`/api/plans/${fukushimaId}/programs/I-1-2`)).json() as ProgramDetail;
    const line = p.amounts.find((a) => a.label === "事業費");
    expect(line).toMatchObject({ previousYen: null, differenceApproximate: true });
    const res = await fkAdmin.patch(`/api/plans/${fukushimaId}/amount-lines/${line?.id}`, {
      yen: (line?.yen as number) + 1_000_000,
      version: line?.version,
    });
    expect(res.json()).toMatchObject({
      differenceYen: (line?.differenceYen as number) + 1_000_000,
      differenceApproximate: true,
    });
    const list = (await fkAdmin.get("/api/plans")).json();
    expect(list.items[0].programCount).toBe(28);
  });
});
