import type { ActivityFact } from "@shien/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { systemActor } from "../../http/actor.js";
import { type SupportProgram, supportProgram } from "../plans/index.js";
import {
  makeCompany,
  makeRound,
  makeSubsidyWorld,
  type StepApp,
  type SubsidyWorld,
  subsidyProgram,
  wageApplication,
  walk,
} from "../subsidies/subsidies.fixtures.js";
import { type FactInput, recordFact } from "./activities.service.js";

/**
 * A business's timeline reads as the support happened: within a day a record's facts stay together
 * in the order of its life, and a subsidy fact names its application and links to it.
 */

let t: TestContext;
let w: SubsidyWorld;
let subsidyProgramId: string;
let program: SupportProgram;

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  const sp = await subsidyProgram(w.staff, "11");
  subsidyProgramId = sp.id;
  program = (await supportProgram(t.database.db, w.mie.id, sp.program.id)) as SupportProgram;
});
afterAll(() => t.close());

const timeline = async (companyId: string): Promise<ActivityFact[]> => {
  const res = await w.staff.get(`/api/companies/${companyId}/timeline`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

describe("the timeline of a subsidy application", () => {
  it("when an application is adopted and decided on one day, then 交付決定 is listed above 採択 with the application's title, id and amount", async () => {
    const { roundId } = await makeRound(w.manager, subsidyProgramId, "同日決定回", 10_000_000);
    const companyId = await makeCompany(t, w.mie.id);
    const created = await w.staff.post(
      "/api/subsidies/applications",
      wageApplication(subsidyProgramId, companyId, { roundId }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const a = await walk(created.json() as StepApp, [
      [w.staff, "check", { on: "2026-06-01" }],
      [w.manager, "adopt", { on: "2026-06-10" }],
      [w.manager, "decide", { on: "2026-06-10" }],
    ]);
    const items = await timeline(companyId);
    expect(items.map((f) => [f.type, f.occurredOn, f.amountYen])).toEqual([
      ["subsidy_decided", "2026-06-10", 1_500_000],
      ["subsidy_adopted", "2026-06-10", null],
      ["subsidy_applied", "2026-05-20", null],
    ]);
    for (const f of items) {
      expect(f).toMatchObject({
        sourceModule: "subsidies",
        sourceId: a.id,
        sourceTitle: "省エネ型設備の導入による生産性向上",
        attributes: { applicationId: a.id, course: "賃上げコース" },
      });
    }
  });
});

describe("facts one step writes together", () => {
  const fact = (type: "consultation" | "issue_resolved", companyId: string): FactInput =>
    ({
      type,
      program,
      departmentId: program.departmentIds[0] as string,
      companyId,
      occurredOn: "2026-07-01",
      outcome: type === "consultation" ? "resolved" : null,
      attributes:
        type === "consultation"
          ? { channel: "window", topics: ["資金繰り"], durationMinutes: 30, staffCount: 1 }
          : { topics: ["資金繰り"] },
    }) as FactInput;

  it("when a consultation and its 課題解決 share a transaction, then they are adjacent, 課題解決 above, whatever the write order; a later record of the day comes first", async () => {
    const companyId = await makeCompany(t, w.mie.id);
    const actor = systemActor(w.mie.id, "test");
    const first = "00000000-0000-4000-8000-000000000001";
    const second = "00000000-0000-4000-8000-000000000002";
    // Written 課題解決 first: the insert order must not decide the reading order.
    await t.database.db.transaction((tx) =>
      recordFact(tx, actor, { module: "consultations", id: first }, [
        fact("issue_resolved", companyId),
        fact("consultation", companyId),
      ]),
    );
    await t.database.db.transaction((tx) =>
      recordFact(tx, actor, { module: "consultations", id: second }, fact("consultation", companyId)),
    );
    const items = await timeline(companyId);
    expect(items.map((f) => [f.sourceId, f.type, f.sourceTitle])).toEqual([
      [second, "consultation", null],
      [first, "issue_resolved", null],
      [first, "consultation", null],
    ]);
  });
});
