import { readFileSync } from "node:fs";
import { CSRF_HEADER, type PlanOverview, type ProgramDetail, SESSION_COOKIE } from "@shien/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { seededCenter, seedPlanFile } from "../../../test/seed-centers.js";
import { importPlanText } from "./index.js";

// Edits of an open (見直し中) plan: stale forms, duplicate names, the 前年度比 after a cleared figure,
// and validation messages that name the plan's own fields.

let t: TestContext;
let admin: Session;
let managerA: Session;
let managerB: Session;
let planId: string;

const YOROZU = "よろず支援・事業承継課";

async function program(s: Session, code: string): Promise<ProgramDetail> {
  return (await s.get(`/api/plans/${planId}/programs/${code}`)).json() as ProgramDetail;
}

beforeAll(async () => {
  t = await createTestContext();
  const mie = await seededCenter(t, "mie");
  const yorozu = mie.org.departments.find((d) => d.name === YOROZU)?.id as string;
  admin = mie.admin;
  planId = mie.planId;
  managerA = await signIn(t.app, await makeUser(t.database.db, mie.org, { role: "manager", departmentIds: [yorozu] }));
  managerB = await signIn(t.app, await makeUser(t.database.db, mie.org, { role: "manager", departmentIds: [yorozu] }));
  expect((await admin.post(`/api/plans/${planId}/revise`, { reason: "補正予算の反映" })).statusCode).toBe(200);
});
afterAll(() => t.close());

describe("two editors of one line", () => {
  it("when a manager saves over a line another manager saved after they opened it, then 409 and the first save stays", async () => {
    const line = (await program(managerA, "1")).amounts[0] as ProgramDetail["amounts"][number];
    const first = await managerA.patch(`/api/plans/${planId}/amount-lines/${line.id}`, {
      yen: 130_000_000,
      version: line.version,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(line.version + 1);
    const stale = await managerB.patch(`/api/plans/${planId}/amount-lines/${line.id}`, {
      yen: 125_000_000,
      version: line.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain("他の人が先に更新しました");
    expect(stale.json().error.details[0].field).toBe("version");
    const after = (await program(admin, "1")).amounts[0];
    expect(after).toMatchObject({ yen: 130_000_000, version: line.version + 1 });
    const audit = (await admin.get(`/api/audit?entity=amount_line&entityId=${line.id}`)).json();
    expect(audit.items).toHaveLength(1);
  });

  it("when two managers save the same indicator at once from the same version, then exactly one is kept", async () => {
    const indicator = (await program(managerA, "2")).indicators[0] as ProgramDetail["indicators"][number];
    const url = `/api/plans/${planId}/indicators/${indicator.id}`;
    const results = await Promise.all([
      managerA.patch(url, { target: 140, version: indicator.version }),
      managerB.patch(url, { target: 150, version: indicator.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json().target;
    const after = (await program(admin, "2")).indicators[0];
    expect(after).toMatchObject({ target: winner, version: indicator.version + 1 });
  });

  it("when an edit comes without the version it was made on, then 400 naming 版 and nothing changes", async () => {
    const line = (await program(admin, "1")).amounts[0] as ProgramDetail["amounts"][number];
    const res = await admin.patch(`/api/plans/${planId}/amount-lines/${line.id}`, { yen: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: "version" })]);
    expect((await program(admin, "1")).amounts[0]?.yen).toBe(line.yen);
  });
});

describe("indicator names", () => {
  it("when an indicator is renamed to the name of another in its program and category, then 409 naming it, not 500", async () => {
    const p = await program(admin, "2");
    const [first, second] = p.indicators.filter((i) => i.category === p.indicators[0]?.category);
    expect(second).toBeDefined();
    const res = await admin.patch(`/api/plans/${planId}/indicators/${second?.id}`, {
      name: first?.name,
      version: second?.version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(`「${first?.name}」という指標が既にあります`);
    expect(res.json().error.details[0].field).toBe("name");
    const after = (await program(admin, "2")).indicators.find((i) => i.id === second?.id);
    expect(after).toMatchObject({ name: second?.name, version: second?.version });
  });

  it("when an indicator keeps its own name with other changes, then that is no clash", async () => {
    const indicator = (await program(admin, "2")).indicators[0] as ProgramDetail["indicators"][number];
    const res = await admin.patch(`/api/plans/${planId}/indicators/${indicator.id}`, {
      name: indicator.name,
      unit: indicator.unit,
      note: "名称はそのまま",
      version: indicator.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: indicator.name, note: "名称はそのまま" });
  });
});

describe("前年度比 after the previous-year amount is cleared", () => {
  it("when the previous-year amount is cleared, then there is no difference, and a later amount does not invent one", async () => {
    const line = (await program(admin, "3")).amounts[0] as ProgramDetail["amounts"][number];
    expect(line.previousYen).not.toBeNull();
    const cleared = await admin.patch(`/api/plans/${planId}/amount-lines/${line.id}`, {
      previousYen: null,
      version: line.version,
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ previousYen: null, differenceYen: null, differenceApproximate: false });
    const changed = await admin.patch(`/api/plans/${planId}/amount-lines/${line.id}`, {
      yen: line.yen + 1_000_000,
      version: cleared.json().version,
    });
    expect(changed.json()).toMatchObject({ yen: line.yen + 1_000_000, previousYen: null, differenceYen: null });
    const o = (await admin.get(`/api/plans/${planId}`)).json() as PlanOverview;
    expect(o.totals.all.currentYen).toBeGreaterThan(0);
  });
});

describe("validation messages name the plan's fields", () => {
  it("when an indicator's target is negative, then the message says 目標, not another screen's 連携先", async () => {
    const indicator = (await program(admin, "2")).indicators[0] as ProgramDetail["indicators"][number];
    const res = await admin.patch(`/api/plans/${planId}/indicators/${indicator.id}`, {
      target: -1,
      version: indicator.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toEqual({ field: "target", message: "目標は0以上にしてください。" });
  });

  it("when an amount is text or beyond the range, then one message names 金額, in English too", async () => {
    const line = (await program(admin, "2")).amounts[0] as ProgramDetail["amounts"][number];
    const text = await admin.patch(`/api/plans/${planId}/amount-lines/${line.id}`, {
      yen: "abc",
      version: line.version,
    });
    expect(text.json().error.details[0].message).toMatch(/^金額の値の種類が正しくありません/);
    const huge = await admin.patch(`/api/plans/${planId}/amount-lines/${line.id}`, {
      yen: 1e16,
      version: line.version,
    });
    expect(huge.json().error.details).toEqual([
      { field: "yen", message: "金額は1000000000000000以下にしてください。" },
    ]);
    const en = await t.app.inject({
      method: "PATCH",
      url: `/api/plans/${planId}/amount-lines/${line.id}`,
      headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}`, [CSRF_HEADER]: admin.csrf, "accept-language": "en" },
      payload: { previousYen: "x", version: line.version },
    });
    expect(en.json().error.details[0].message).toMatch(/^Previous year's amount must be/);
    expect((await program(admin, "2")).amounts[0]).toMatchObject({ yen: line.yen, version: line.version });
  });
});

describe("a plan file imported while the plan is open for revision", () => {
  it("when the file comes without a reason, then it is refused and the screen's edits stay; with one, it is a new revision", async () => {
    const line = (await program(admin, "4")).amounts[0] as ProgramDetail["amounts"][number];
    const edited = await admin.patch(`/api/plans/${planId}/amount-lines/${line.id}`, {
      yen: line.yen + 5_000,
      version: line.version,
    });
    expect(edited.statusCode).toBe(200);
    const file = seedPlanFile("mie");
    const text = readFileSync(file, "utf8");
    await expect(importPlanText(t.database.db, text, file)).rejects.toThrow(/画面で見直し中です/);
    expect((await program(admin, "4")).amounts[0]?.yen).toBe(line.yen + 5_000);

    await importPlanText(t.database.db, text, file, { reviseReason: "ファイルの版に戻す" });
    expect((await program(admin, "4")).amounts[0]?.yen).toBe(line.yen);
    const o = (await admin.get(`/api/plans/${planId}`)).json() as PlanOverview;
    expect(o.plan).toMatchObject({ status: "adopted", revision: 2 });
  });
});

describe("内訳 targets", () => {
  let fk: Session;
  let fkPlanId: string;
  beforeAll(async () => {
    ({ admin: fk, planId: fkPlanId } = await seededCenter(t, "fukushima"));
    expect((await fk.post(`/api/plans/${fkPlanId}/revise`, { reason: "内訳の目標の見直し" })).statusCode).toBe(200);
  });
  const adopted = async () =>
    ((await fk.get(`/api/plans/${fkPlanId}/programs/II-2-1`)).json() as ProgramDetail).indicators.find(
      (i) => i.name === "助成金採択件数",
    ) as ProgramDetail["indicators"][number];

  it("when a manager changes the 国内 target of 助成金採択件数, then it is saved and audited; 外国 stays", async () => {
    const before = await adopted();
    expect(before.breakdown).toEqual([
      { label: "国内", target: 42 },
      { label: "外国", target: 6 },
    ]);
    const res = await fk.patch(`/api/plans/${fkPlanId}/indicators/${before.id}`, {
      breakdown: [
        { label: "国内", target: 45 },
        { label: "外国", target: 6 },
      ],
      version: before.version,
    });
    expect(res.statusCode).toBe(200);
    expect((await adopted()).breakdown).toEqual([
      { label: "国内", target: 45 },
      { label: "外国", target: 6 },
    ]);
    const audit = (await fk.get(`/api/audit?entity=indicator&entityId=${before.id}`)).json();
    expect(audit.items[0].changes[0]).toMatchObject({ field: "breakdown" });
  });

  it("when the labels differ from the plan's, or the indicator has no 内訳, then 400 naming 内訳 and nothing changes", async () => {
    const before = await adopted();
    const renamed = await fk.patch(`/api/plans/${fkPlanId}/indicators/${before.id}`, {
      breakdown: [
        { label: "国内", target: 45 },
        { label: "海外", target: 9 },
      ],
      version: before.version,
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.message).toContain("内訳の項目は計画のとおり（国内・外国）");
    expect(renamed.json().error.details[0].field).toBe("breakdown");
    const plain = ((await fk.get(`/api/plans/${fkPlanId}/programs/I-1-2`)).json() as ProgramDetail).indicators.find(
      (i) => i.breakdown === null,
    );
    expect(plain).toBeDefined();
    const none = await fk.patch(`/api/plans/${fkPlanId}/indicators/${plain?.id}`, {
      breakdown: [{ label: "国内", target: 1 }],
      version: plain?.version,
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain("この指標には内訳がありません");
    expect(await adopted()).toMatchObject({ breakdown: before.breakdown, version: before.version });
  });
});
