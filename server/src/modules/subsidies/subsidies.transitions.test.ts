import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import type { Session } from "../../../test/factories.js";
import {
  frameOf,
  liveFacts,
  makeCompany,
  makeRound,
  makeSubsidyWorld,
  rows,
  type SubsidyWorld,
  subsidyProgram,
  wageApplication,
} from "./subsidies.fixtures.js";

let t: TestContext;
let w: SubsidyWorld;
let programId: string;

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  programId = (await subsidyProgram(w.staff, "11")).id;
});
afterAll(() => t.close());

interface App {
  id: string;
  version: number;
  status: string;
  [k: string]: unknown;
}

/** Applies one step as `who`; returns the response (the test checks its status). */
const step = (who: Session, a: App, action: string, extra: Record<string, unknown> = {}) =>
  who.post(`/api/subsidies/applications/${a.id}/transition`, { action, version: a.version, ...extra });

/** Applies steps that must succeed, returning the application after the last one. */
async function walk(a: App, steps: [Session, string, Record<string, unknown>?][]): Promise<App> {
  let current = a;
  for (const [who, action, extra] of steps) {
    const res = await step(who, current, action, extra);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    current = res.json();
  }
  return current;
}

async function apply(roundId: string | null, over: Record<string, unknown> = {}): Promise<App> {
  const companyId = await makeCompany(t, w.mie.id);
  const res = await w.staff.post(
    "/api/subsidies/applications",
    wageApplication(programId, companyId, { ...(roundId ? { roundId } : {}), ...over }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const toAdopted = (a: App) =>
  walk(a, [
    [w.staff, "check", { on: "2026-06-01" }],
    [w.manager, "adopt", { on: "2026-06-10" }],
  ]);

describe("the whole lifecycle", () => {
  it("when an application goes through every step to payment, then the frame, the numbers and the facts follow each step", async () => {
    const { roundId, frame } = await makeRound(w.manager, programId, "全工程回", 10_000_000);
    const frameId = frame?.id as string;
    let a = await apply(roundId);
    a = await walk(a, [[w.staff, "check", { on: "2026-06-01" }]]);
    expect(a.status).toBe("checked");
    a = await walk(a, [[w.manager, "adopt", { on: "2026-06-10" }]]);
    expect(await liveFacts(t, a.id)).toEqual([
      ["subsidy_applied", null, "2026-05-20", null],
      ["subsidy_adopted", null, "2026-06-10", null],
    ]);
    expect(await frameOf(t, frameId)).toMatchObject({ committedYen: 0, remainingYen: 10_000_000 });

    a = await walk(a, [[w.manager, "decide", { on: "2026-07-01" }]]);
    expect(a).toMatchObject({ status: "decided", decidedYen: 1_500_000, decidedOn: "2026-07-01" });
    expect(a.decisionNo).toMatch(/^三産支第2026-11-\d{4}号$/);
    expect(await frameOf(t, frameId)).toEqual({
      budgetYen: 10_000_000,
      committedYen: 1_500_000,
      paidYen: 0,
      remainingYen: 8_500_000,
    });
    expect(await liveFacts(t, a.id)).toContainEqual(["subsidy_decided", 1_500_000, "2026-07-01", null]);

    // 変更承認: the amount goes down; the frame gets the difference back.
    a = await walk(a, [[w.manager, "change", { on: "2026-08-01", amountYen: 1_200_000, note: "機械の仕様変更" }]]);
    expect(a).toMatchObject({ status: "decided", decidedYen: 1_200_000, decidedOn: "2026-07-01" });
    expect(await frameOf(t, frameId)).toMatchObject({ committedYen: 1_200_000, remainingYen: 8_800_000 });
    expect(await liveFacts(t, a.id)).toContainEqual(["subsidy_decided", 1_200_000, "2026-07-01", null]);

    const actual = [{ category: "機械装置等費", amountYen: 2_000_000 }];
    a = await walk(a, [[w.staff, "report", { on: "2026-09-15", lines: actual }]]);
    expect(a).toMatchObject({ status: "reported", actualLines: actual });
    a = await walk(a, [[w.manager, "confirm", { on: "2026-09-30" }]]);
    // 額の確定 = min(交付決定額 1,200,000, 2,000,000 × 1/2 = 1,000,000).
    expect(a).toMatchObject({ status: "confirmed", confirmedYen: 1_000_000 });
    expect(a.confirmationNo).toMatch(/^三産支確第2026-11-\d{4}号$/);
    expect(await liveFacts(t, a.id)).toContainEqual(["subsidy_confirmed", 1_000_000, "2026-09-30", null]);

    a = await walk(a, [
      [w.staff, "claim", { on: "2026-10-05" }],
      [w.manager, "pay", { on: "2026-10-20" }],
    ]);
    expect(a).toMatchObject({ status: "paid", paidYen: 1_000_000, paidOn: "2026-10-20", repaymentYen: null });
    // The unused 200,000 yen is released; the paid part stays committed and is counted as paid.
    expect(await frameOf(t, frameId)).toEqual({
      budgetYen: 10_000_000,
      committedYen: 1_000_000,
      paidYen: 1_000_000,
      remainingYen: 9_000_000,
    });
    expect(await liveFacts(t, a.id)).toEqual([
      ["subsidy_applied", null, "2026-05-20", null],
      ["subsidy_adopted", null, "2026-06-10", null],
      ["subsidy_decided", 1_200_000, "2026-07-01", null],
      ["subsidy_confirmed", 1_000_000, "2026-09-30", null],
      ["subsidy_paid", 1_000_000, "2026-10-20", null],
    ]);
    const events = (await w.viewer.get(`/api/subsidies/applications/${a.id}/events`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      "receive",
      "check",
      "adopt",
      "decide",
      "change",
      "report",
      "confirm",
      "claim",
      "pay",
    ]);
    expect(events[4]).toMatchObject({ from: "decided", to: "decided", note: "機械の仕様変更", amountYen: 1_200_000 });
  });

  it("when an application is returned and resubmitted with new lines, then the amount is computed again; a return needs a reason", async () => {
    let a = await apply(null);
    const noReason = await step(w.staff, a, "return");
    expect([noReason.statusCode, noReason.json().error.details[0].field]).toEqual([400, "note"]);
    a = await walk(a, [[w.staff, "return", { note: "見積書の添付がありません", on: "2026-05-25" }]]);
    expect(a).toMatchObject({ status: "returned", note: "見積書の添付がありません" });
    a = await walk(a, [
      [w.staff, "resubmit", { on: "2026-05-28", lines: [{ category: "機械装置等費", amountYen: 5_000_000 }] }],
    ]);
    // 5,000,000 × 1/2 = 2,500,000, above the course cap of 2,000,000.
    expect(a).toMatchObject({ status: "received", computedYen: 2_000_000 });
    const below = await step(w.staff, a, "return", { note: "再度の差戻し" });
    expect(below.statusCode).toBe(200);
  });

  it("when the rejected path is taken, then the application ends 不採択 with its fact", async () => {
    let a = await apply(null);
    a = await walk(a, [
      [w.staff, "check", { on: "2026-06-01" }],
      [w.manager, "reject", { on: "2026-06-10", note: "審査基準に満たない" }],
    ]);
    expect(a.status).toBe("rejected");
    // 不採択 takes its own 文書番号 series: no decision number, no gap in the decision series.
    expect(a.rejectionNo).toMatch(/^三産支不第2026-11-\d{4}号$/);
    expect(a.decisionNo).toBeNull();
    expect(await liveFacts(t, a.id)).toContainEqual(["subsidy_rejected", null, "2026-06-10", null]);
  });
});

describe("illegal steps", () => {
  it("when a step is not allowed from the current status or the version is stale, then 409 names the status and nothing changes", async () => {
    const a = await apply(null);
    const cases: [Session, string, string][] = [
      [w.manager, "adopt", "申請受付"],
      [w.manager, "decide", "申請受付"],
      [w.manager, "pay", "申請受付"],
      [w.staff, "resubmit", "申請受付"],
      [w.manager, "cancel", "申請受付"],
      [w.staff, "report", "申請受付"],
    ];
    for (const [who, action, status] of cases) {
      const res = await step(who, a, action, { lines: [{ category: "広報費", amountYen: 1 }] });
      expect(res.statusCode, action).toBe(409);
      expect(res.json().error.details[0]).toMatchObject({ field: "action", message: expect.stringContaining(status) });
    }
    const stale = await step(w.staff, { ...a, version: 7 }, "check");
    expect([stale.statusCode, stale.json().error.details[0].field]).toEqual([409, "version"]);
    const adopted = await toAdopted(a);
    for (const action of ["check", "adopt", "report", "confirm", "claim", "pay", "resubmit"]) {
      const who = ["check", "report", "claim", "resubmit"].includes(action) ? w.staff : w.manager;
      const res = await step(who, adopted, action, { lines: [{ category: "広報費", amountYen: 1 }] });
      expect(res.statusCode, action).toBe(409);
      expect(res.json().error.details[0].message).toContain("採択");
    }
    const after = (await w.staff.get(`/api/subsidies/applications/${a.id}`)).json();
    expect(after).toMatchObject({ status: "adopted", version: adopted.version, decidedYen: null });
    expect((await w.staff.get(`/api/subsidies/applications/${a.id}/events`)).json().items).toHaveLength(3);
  });

  it("when the decided amount is zero or above the computed amount, then 400 amountYen and no frame moves", async () => {
    const { roundId, frame } = await makeRound(w.manager, programId, "金額検証回", 3_000_000);
    const a = await toAdopted(await apply(roundId));
    for (const amountYen of [0, 1_500_001]) {
      const res = await step(w.manager, a, "decide", { amountYen });
      expect([res.statusCode, res.json().error.details[0].field]).toEqual([400, "amountYen"]);
    }
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 0 });
    const lower = await step(w.manager, a, "decide", { amountYen: 1_000_000, on: "2026-07-01" });
    expect(lower.json()).toMatchObject({ decidedYen: 1_000_000 });
    const up = await step(w.manager, lower.json(), "change", { amountYen: 1_500_000, on: "2026-07-05" });
    expect(up.json()).toMatchObject({ decidedYen: 1_500_000 });
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 1_500_000 });
  });
});

describe("辞退・取消 release the frame", () => {
  it("when a decided grant is withdrawn, then its commitment is released and the decision's fact revoked", async () => {
    const { roundId, frame } = await makeRound(w.manager, programId, "辞退回", 5_000_000);
    let a = await toAdopted(await apply(roundId));
    a = await walk(a, [[w.manager, "decide", { on: "2026-07-01" }]]);
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 1_500_000 });
    a = await walk(a, [[w.manager, "withdraw", { on: "2026-07-20", note: "事業者から辞退届" }]]);
    expect(a.status).toBe("withdrawn");
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 0, remainingYen: 5_000_000 });
    expect(await liveFacts(t, a.id)).toEqual([
      ["subsidy_applied", null, "2026-05-20", null],
      ["subsidy_adopted", null, "2026-06-10", null],
      ["subsidy_withdrawn", null, "2026-07-20", "withdrawn"],
    ]);
    // Withdrawing before a decision moves no frame.
    const early = await walk(await apply(roundId), [[w.manager, "withdraw", { on: "2026-05-30" }]]);
    expect(early.status).toBe("withdrawn");
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 0 });
  });

  it("when a reported grant is cancelled, then the whole decided amount is released", async () => {
    const { roundId, frame } = await makeRound(w.manager, programId, "取消回", 5_000_000);
    let a = await toAdopted(await apply(roundId));
    a = await walk(a, [
      [w.manager, "decide", { on: "2026-07-01" }],
      [w.staff, "report", { on: "2026-09-01", lines: [{ category: "機械装置等費", amountYen: 3_000_000 }] }],
      [w.manager, "cancel", { on: "2026-09-10", note: "不正受給の疑い" }],
    ]);
    expect(a).toMatchObject({ status: "cancelled", repaymentYen: null });
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 0, paidYen: 0 });
    expect(await liveFacts(t, a.id)).toContainEqual(["subsidy_withdrawn", null, "2026-09-10", "cancelled"]);
  });

  it("when a paid grant is cancelled, then a repayment of the paid amount is claimed and the payment stays on record", async () => {
    const { roundId, frame } = await makeRound(w.manager, programId, "返還回", 5_000_000);
    let a = await toAdopted(await apply(roundId));
    a = await walk(a, [
      [w.manager, "decide", { on: "2026-07-01" }],
      [w.staff, "report", { on: "2026-09-01", lines: [{ category: "機械装置等費", amountYen: 3_000_000 }] }],
      [w.manager, "confirm", { on: "2026-09-15" }],
      [w.staff, "claim", { on: "2026-09-20" }],
      [w.manager, "pay", { on: "2026-10-10" }],
    ]);
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 1_500_000, paidYen: 1_500_000 });
    a = await walk(a, [[w.manager, "cancel", { on: "2026-11-01", note: "交付決定の取消" }]]);
    expect(a).toMatchObject({ status: "cancelled", paidYen: 1_500_000, paidOn: "2026-10-10", repaymentYen: 1_500_000 });
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 0, paidYen: 1_500_000 });
    expect(await liveFacts(t, a.id)).toEqual([
      ["subsidy_applied", null, "2026-05-20", null],
      ["subsidy_adopted", null, "2026-06-10", null],
      ["subsidy_paid", 1_500_000, "2026-10-10", null],
      ["subsidy_withdrawn", null, "2026-11-01", "cancelled"],
    ]);
    const last = (await w.staff.get(`/api/subsidies/applications/${a.id}/events`)).json().items.at(-1);
    expect(last).toMatchObject({ action: "cancel", from: "paid", to: "cancelled", amountYen: 1_500_000 });
  });
});

describe("budget and numbers", () => {
  it("when a decision does not fit the frame, then 409 予算枠不足 names what is left and no notice number is used", async () => {
    const { roundId, frame } = await makeRound(w.manager, programId, "番号回", 2_000_000);
    const [a, b, c] = await Promise.all([apply(roundId), apply(roundId), apply(roundId)]).then((xs) =>
      Promise.all(xs.map(toAdopted)),
    );
    const first = await step(w.manager, a as App, "decide", { on: "2026-07-01" });
    expect(first.statusCode).toBe(200);
    const no = Number(/-(\d{4})号$/.exec(first.json().decisionNo)?.[1]);
    const refused = await step(w.manager, b as App, "decide", { on: "2026-07-01" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({
      field: "amountYen",
      message: "予算枠不足: 残り 500,000円に対して 1,500,000円は交付決定できません",
    });
    const third = await step(w.manager, c as App, "decide", { on: "2026-07-02", amountYen: 500_000 });
    expect(third.statusCode).toBe(200);
    expect(third.json().decisionNo).toBe(`三産支第2026-11-${String(no + 1).padStart(4, "0")}号`);
    expect((await w.staff.get(`/api/subsidies/applications/${b?.id}`)).json()).toMatchObject({
      status: "adopted",
      decisionNo: null,
    });
    expect(await frameOf(t, frame?.id as string)).toMatchObject({ committedYen: 2_000_000, remainingYen: 0 });
    const increase = await step(w.manager, third.json(), "change", { amountYen: 600_000 });
    expect(increase.json().error.details[0].message).toBe(
      "予算枠不足: 残り 0円に対して増額分 100,000円は変更承認できません",
    );
  });

  it("when an application has no round, then its decision commits the program's whole-year frame, whose budget cannot go below it", async () => {
    const program = await subsidyProgram(w.staff, "11");
    const yearFrame = program.frames.find((f) => f.roundId === null)?.id as string;
    const before = await frameOf(t, yearFrame);
    const a = await toAdopted(await apply(null));
    await walk(a, [[w.manager, "decide", { on: "2026-07-01" }]]);
    expect(await frameOf(t, yearFrame)).toMatchObject({ committedYen: before.committedYen + 1_500_000 });
    const low = await w.manager.patch(`/api/subsidies/programs/${program.id}`, { budgetYen: 1_000_000 });
    expect([low.statusCode, low.json().error.details[0].field]).toEqual([409, "budgetYen"]);
    const [n] = await rows<{ n: number }>(
      t,
      sql`select count(*)::int as n from subsidy_notice_counters where subsidy_program_id = ${program.id}`,
    );
    // One counter per kind that has issued a number: 交付決定, 額の確定, 不採択.
    expect(n?.n).toBe(3);
  });
});
