import { defaultReportDueOn, todayInTokyo } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import type { Session } from "../../../test/factories.js";
import {
  makeCompany,
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
  reportDueOn: string | null;
  [k: string]: unknown;
}

const DAY = 24 * 60 * 60 * 1000;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const today = () => todayInTokyo();
const maxDate = (a: string, b: string) => (a > b ? a : b);

const step = (who: Session, a: App, action: string, extra: Record<string, unknown> = {}) =>
  who.post(`/api/subsidies/applications/${a.id}/transition`, { action, version: a.version, ...extra });

async function walk(a: App, steps: [Session, string, Record<string, unknown>?][]): Promise<App> {
  let current = a;
  for (const [who, action, extra] of steps) {
    const res = await step(who, current, action, extra);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    current = res.json();
  }
  return current;
}

async function adopted(title = "省エネ型設備の導入による生産性向上"): Promise<App> {
  const companyId = await makeCompany(t, w.mie.id);
  const res = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId, { title }));
  expect(res.statusCode, res.body).toBe(201);
  return walk(res.json(), [
    [w.staff, "check", { on: "2026-06-01" }],
    [w.manager, "adopt", { on: "2026-06-10" }],
  ]);
}

const auditFields = async (id: string) =>
  (
    await rows<{ changes: { field: string; from?: unknown; to?: unknown }[] }>(
      t,
      sql`select changes from audit_log where entity = 'subsidy_application' and entity_id = ${id} order by seq`,
    )
  ).flatMap((r) => r.changes);

describe("実績報告の期限 with the decision", () => {
  it("when a decision names no due date, then it is the decision date + 180 days, or the fiscal year's 3月31日 if earlier", async () => {
    const july = await walk(await adopted(), [[w.manager, "decide", { on: "2026-07-01" }]]);
    expect(july).toMatchObject({ status: "decided", decidedOn: "2026-07-01", reportDueOn: "2026-12-28" });
    const november = await walk(await adopted(), [[w.manager, "decide", { on: "2026-11-01" }]]);
    expect(november.reportDueOn).toBe("2027-03-31");
    expect((await w.viewer.get(`/api/subsidies/applications/${july.id}`)).json().reportDueOn).toBe("2026-12-28");
    expect(await auditFields(july.id)).toContainEqual({ field: "reportDueOn", from: null, to: "2026-12-28" });
    // Before a decision there is no due date.
    expect((await adopted()).reportDueOn).toBeNull();
  });

  it("the default rule, at its edges", () => {
    expect(defaultReportDueOn("2026-04-01", 2026)).toBe("2026-09-28");
    expect(defaultReportDueOn("2026-10-02", 2026)).toBe("2027-03-31");
    expect(defaultReportDueOn("2026-10-01", 2026)).toBe("2027-03-30");
    expect(defaultReportDueOn("2027-03-31", 2026)).toBe("2027-03-31");
    // A decision dated after the program's year counts to the end of its own year.
    expect(defaultReportDueOn("2027-04-10", 2026)).toBe("2027-10-07");
  });

  it("when a decision names a due date, then it is stored; one before the decision, or on another step, is refused", async () => {
    const a = await adopted();
    const early = await step(w.manager, a, "decide", { on: "2026-07-01", reportDueOn: "2026-06-30" });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].field).toBe("reportDueOn");
    const bad = await step(w.manager, a, "decide", { on: "2026-07-01", reportDueOn: "2026-02-30" });
    expect(bad.statusCode).toBe(400);
    expect((await w.staff.get(`/api/subsidies/applications/${a.id}`)).json()).toMatchObject({
      status: "adopted",
      version: a.version,
      reportDueOn: null,
    });

    const decided = await walk(a, [[w.manager, "decide", { on: "2026-07-01", reportDueOn: "2027-01-31" }]]);
    expect(decided).toMatchObject({ status: "decided", reportDueOn: "2027-01-31" });

    // 変更承認 may move it (and nothing else); other steps may not carry it.
    const moved = await walk(decided, [[w.manager, "change", { on: "2026-08-01", reportDueOn: "2027-02-15" }]]);
    expect(moved).toMatchObject({ status: "decided", reportDueOn: "2027-02-15", decidedYen: decided.decidedYen });
    const onReport = await step(w.staff, moved, "report", {
      on: "2026-09-01",
      lines: [{ category: "機械装置等費", amountYen: 3_000_000 }],
      reportDueOn: "2027-03-01",
    });
    expect(onReport.statusCode).toBe(400);
    expect(onReport.json().error.details[0].field).toBe("reportDueOn");
  });
});

describe("future-dated steps", () => {
  it("when a step is dated after today (Japan), then it is refused on 'on' and nothing changes", async () => {
    const a = await adopted();
    const tomorrow = addDays(today(), 1);
    for (const on of [tomorrow, "2099-01-01"]) {
      const res = await step(w.manager, a, "decide", { on });
      expect(res.statusCode).toBe(400);
      const detail = res.json().error.details[0];
      expect(detail.field).toBe("on");
      expect(detail.message).toContain("未来の日付では記録できません");
    }
    const after = (await w.staff.get(`/api/subsidies/applications/${a.id}`)).json();
    expect(after).toMatchObject({ status: "adopted", version: a.version, decidedYen: null });
    const events = (await w.staff.get(`/api/subsidies/applications/${a.id}/events`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(["receive", "check", "adopt"]);

    // Today itself, and no date at all (today), are fine.
    const decided = await walk(a, [[w.manager, "decide", { on: today() }]]);
    expect(decided.decidedOn).toBe(today());
    const b = await walk(await adopted(), [[w.manager, "decide"]]);
    expect(b.decidedOn).toBe(today());
  });
});

describe("reports due", () => {
  it("lists decided grants due within N days or overdue, overdue first, with days left, for the reader's departments", async () => {
    const now = today();
    const overdue = await walk(await adopted("期限超過の事業"), [
      [w.manager, "decide", { on: "2026-07-01", reportDueOn: maxDate("2026-07-01", addDays(now, -3)) }],
    ]);
    const soon = await walk(await adopted("期限間近の事業"), [
      [w.manager, "decide", { reportDueOn: addDays(now, 10) }],
    ]);
    const dueToday = await walk(await adopted("本日期限の事業"), [[w.manager, "decide", { reportDueOn: now }]]);
    const later = await walk(await adopted("期限に余裕のある事業"), [
      [w.manager, "decide", { reportDueOn: addDays(now, 45) }],
    ]);
    // A grant whose report is in no longer waits for it.
    const reported = await walk(await adopted("報告済みの事業"), [
      [w.manager, "decide", { on: "2026-07-01", reportDueOn: "2026-08-01" }],
      [w.staff, "report", { on: "2026-08-01", lines: [{ category: "機械装置等費", amountYen: 3_000_000 }] }],
    ]);
    // Not decided yet: no due date.
    const undecided = await adopted("採択のみの事業");
    const ours = new Set([overdue.id, soon.id, dueToday.id, later.id, reported.id, undecided.id]);
    /** The rows of this test's applications (the earlier tests' grants are due on dates that move with today). */
    const of = (body: { items: { id: string }[] }) => body.items.filter((r) => ours.has(r.id)).map((r) => r.id);

    const res = await w.staff.get("/api/subsidies/reports-due?within=30");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ asOf: now, within: 30 });
    expect(body.total).toBe(body.items.length);
    expect(of(body)).toEqual([overdue.id, dueToday.id, soon.id]);
    // Earliest due first, so the overdue lead; nothing beyond the window.
    const dues = body.items.map((r: { reportDueOn: string }) => r.reportDueOn);
    expect(dues).toEqual([...dues].sort());
    expect(dues.every((d: string) => d <= addDays(now, 30))).toBe(true);
    const row = (id: string) => body.items.find((r: { id: string }) => r.id === id);
    const overdueDays = Math.round((Date.parse(overdue.reportDueOn as string) - Date.parse(now)) / DAY);
    expect(overdueDays).toBeLessThan(0);
    expect(row(overdue.id)).toMatchObject({
      title: "期限超過の事業",
      program: { code: "11" },
      decidedYen: 1_500_000,
      decidedOn: "2026-07-01",
      reportDueOn: overdue.reportDueOn,
      daysLeft: overdueDays,
      overdue: true,
    });
    expect(row(dueToday.id)).toMatchObject({ daysLeft: 0, overdue: false });
    expect(row(soon.id)).toMatchObject({ daysLeft: 10, overdue: false, decisionNo: soon.decisionNo });
    expect(row(soon.id).company.name).toMatch(/^補助テスト\d+号商事$/);

    const wider = (await w.staff.get("/api/subsidies/reports-due?within=60")).json();
    expect(of(wider)).toEqual([overdue.id, dueToday.id, soon.id, later.id]);
    expect(wider.items.find((r: { id: string }) => r.id === later.id)).toMatchObject({ daysLeft: 45 });
    // Default window: 30 days.
    expect(of((await w.viewer.get("/api/subsidies/reports-due")).json())).toEqual([overdue.id, dueToday.id, soon.id]);
    expect(of((await w.staff.get("/api/subsidies/reports-due?within=0")).json())).toEqual([overdue.id, dueToday.id]);
  });

  it("shows each reader their departments' grants (admins: all), nothing of other organizations, and refuses a bad window", async () => {
    const mine = (await w.manager.get("/api/subsidies/reports-due?within=60")).json().items;
    expect(mine.length).toBeGreaterThan(0);
    // Program 11 is 経営支援課's: 技術支援課 staff are not reminded of it; the admin sees everything.
    expect((await w.otherStaff.get("/api/subsidies/reports-due?within=60")).json()).toMatchObject({
      items: [],
      total: 0,
    });
    const admin = (await w.admin.get("/api/subsidies/reports-due?within=60")).json().items;
    expect(admin.map((r: { id: string }) => r.id)).toEqual(mine.map((r: { id: string }) => r.id));
    for (const who of [w.outsider, w.fukushimaStaff]) {
      expect((await who.get("/api/subsidies/reports-due?within=60")).json().items).toEqual([]);
    }
    for (const q of ["within=-1", "within=abc", "within=367", "within=1.5"]) {
      const res = await w.staff.get(`/api/subsidies/reports-due?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details[0].field).toBe("within");
    }
    const anonymous = await t.app.inject({ method: "GET", url: "/api/subsidies/reports-due" });
    expect(anonymous.statusCode).toBe(401);
  });
});
