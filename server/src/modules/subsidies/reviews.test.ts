import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { averageOf } from "./reviews.service.js";
import {
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
/** A second reviewer of 経営支援課 (the 担当課 of Mie's 11). */
let staff2: Session;

const RUBRIC = [
  { code: "management", label: "経営力", maxPoints: 40 },
  { code: "plan", label: "計画の妥当性", maxPoints: 60 },
];

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  programId = (await subsidyProgram(w.staff, "11")).id;
  const keiei = w.mie.departments.find((d) => d.code === "keiei-shien")?.id as string;
  staff2 = await signIn(t.app, await makeUser(t.database.db, w.mie, { role: "staff", departmentIds: [keiei] }));
});
afterAll(() => t.close());

interface App {
  id: string;
  version: number;
  status: string;
}

async function apply(over: Record<string, unknown> = {}): Promise<App> {
  const companyId = await makeCompany(t, w.mie.id);
  const res = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function step(who: Session, a: App, action: string, extra: Record<string, unknown> = {}): Promise<App> {
  const res = await who.post(`/api/subsidies/applications/${a.id}/transition`, {
    action,
    version: a.version,
    on: "2026-07-01",
    ...extra,
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

const checked = async (over: Record<string, unknown> = {}) => step(w.staff, await apply(over), "check");

const putRubric = (who: Session, body: unknown, id = programId) =>
  who.put(`/api/subsidies/programs/${id}/rubric`, body);
const putReview = (who: Session, a: { id: string }, body: unknown) =>
  who.put(`/api/subsidies/applications/${a.id}/review`, body);
const sheet = (management: number, plan: number, comment?: string) => ({
  conflict: false,
  scores: { management, plan },
  ...(comment === undefined ? {} : { comment }),
});
const fieldsOf = (res: { json: () => unknown }) =>
  ((res.json() as { error: { details?: { field: string }[] } }).error.details ?? []).map((d) => d.field);

describe("averageOf", () => {
  it("when totals are averaged, then the mean has 2 decimals rounded half up and none gives null", () => {
    expect(averageOf([])).toBeNull();
    expect(averageOf([70, 90])).toBe(80);
    expect(averageOf([70, 71])).toBe(70.5);
    expect(averageOf([70, 71, 71])).toBe(70.67);
    expect(averageOf([1, 0, 0])).toBe(0.33);
    expect(averageOf([681, 681, 681, 681, 681, 681, 681, 682])).toBe(681.13); // 681.125 → .13
  });
});

describe("the rubric (評価項目)", () => {
  it("when no rubric is set, then the program shows null and a scored sheet is refused, but a conflict is declared", async () => {
    const p = await subsidyProgram(w.staff, "11");
    expect((p as unknown as { rubric: unknown }).rubric).toBeNull();
    const a = await checked();
    const scored = await putReview(w.staff, a, sheet(10, 10));
    expect(scored.statusCode).toBe(409);
    expect(scored.json().error.message).toContain("評価項目が設定されていません");
    const declared = await putReview(w.manager, a, { conflict: true, conflictNote: "申請者の役員と親族関係" });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json()).toMatchObject({ average: null, items: [{ conflict: true, total: null, scores: {} }] });
  });

  it("when a manager of the 担当課 sets the rubric, then the program carries it and the change is audited (conflict sheets do not freeze it)", async () => {
    const res = await putRubric(w.manager, RUBRIC);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rubric).toEqual(RUBRIC);
    const p = await subsidyProgram(w.viewer, "11");
    expect((p as unknown as { rubric: unknown }).rubric).toEqual(RUBRIC);
    const audit = await rows<{ changes: { field: string; to: string }[] }>(
      t,
      sql`select changes from audit_log where entity = 'subsidy_program' and entity_id = ${programId} and action = 'update'`,
    );
    expect(audit.at(-1)?.changes).toEqual([{ field: "rubric", from: null, to: JSON.stringify(RUBRIC) }]);
  });

  it("when staff, a viewer, a manager of another department or another organization set it, then 404 and nothing changes", async () => {
    const other = [{ code: "x", label: "X", maxPoints: 10 }];
    for (const who of [w.staff, w.viewer, w.otherManager, w.outsider]) {
      const res = await putRubric(who, other);
      expect(res.statusCode).toBe(404);
    }
    expect((await putRubric(w.manager, RUBRIC, randomUUID())).statusCode).toBe(404);
    const [row] = await rows<{ rubric: unknown }>(t, sql`select rubric from subsidy_programs where id = ${programId}`);
    expect(row?.rubric).toEqual(RUBRIC);
  });

  it("when the rubric is malformed, then 400 names the field", async () => {
    expect((await putRubric(w.manager, [])).statusCode).toBe(400);
    expect((await putRubric(w.manager, { rubric: RUBRIC })).statusCode).toBe(400);
    const badCode = await putRubric(w.manager, [{ code: "経営", label: "経営力", maxPoints: 10 }]);
    expect(badCode.statusCode).toBe(400);
    expect(fieldsOf(badCode)).toContain("0.code");
    const zero = await putRubric(w.manager, [{ code: "a", label: "A", maxPoints: 0 }]);
    expect(zero.statusCode).toBe(400);
    expect(fieldsOf(zero)).toContain("0.maxPoints");
    const dup = await putRubric(w.manager, [
      { code: "a", label: "A", maxPoints: 10 },
      { code: "a", label: "B", maxPoints: 10 },
    ]);
    expect(dup.statusCode).toBe(400);
    expect(fieldsOf(dup)).toEqual(["1.code"]);
    expect(dup.json().error.details[0].message).toContain("重複");
  });
});

describe("score sheets (審査票)", () => {
  it("when reviewers enter their sheets, then each is kept with its total, the average is over them and the audit has the scores", async () => {
    const a = await checked();
    const first = await putReview(w.staff, a, sheet(30, 40, "実現性が高い"));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      average: 70,
      items: [
        {
          reviewer: { id: w.staff.me.user.id },
          conflict: false,
          conflictNote: null,
          scores: { management: 30, plan: 40 },
          total: 70,
          comment: "実現性が高い",
        },
      ],
    });
    const second = await putReview(w.manager, a, sheet(35, 56));
    expect(second.json().average).toBe(80.5);
    const list = await w.viewer.get(`/api/subsidies/applications/${a.id}/reviews`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { total: number }) => i.total)).toEqual([70, 91]);
    expect(list.json().average).toBe(80.5);

    const [stored] = await rows<{ id: string; scores: unknown; total: number }>(
      t,
      sql`select id, scores, total from subsidy_reviews where application_id = ${a.id} and reviewer_id = ${w.staff.me.user.id}`,
    );
    expect(stored).toMatchObject({ scores: { management: 30, plan: 40 }, total: 70 });
    const audit = await rows<{ action: string; changes: { field: string; to: unknown }[] }>(
      t,
      sql`select action, changes from audit_log where entity = 'subsidy_review' and entity_id = ${stored?.id}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe("create");
    expect(audit[0]?.changes).toContainEqual({ field: "scores", from: null, to: '{"management":30,"plan":40}' });
    expect(audit[0]?.changes).toContainEqual({ field: "total", from: null, to: 70 });
  });

  it("when a reviewer submits again, then the sheet is replaced (one per reviewer) and the audit shows the change", async () => {
    const a = await checked();
    await putReview(w.staff, a, sheet(10, 10, "初回"));
    const again = await putReview(w.staff, a, sheet(20, 30));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().items).toHaveLength(1);
    expect(again.json().items[0]).toMatchObject({ total: 50, comment: null });
    const stored = await rows<{ id: string; total: number }>(
      t,
      sql`select id, total from subsidy_reviews where application_id = ${a.id}`,
    );
    expect(stored).toHaveLength(1);
    const audit = await rows<{ action: string; changes: { field: string; from: unknown; to: unknown }[] }>(
      t,
      sql`select action, changes from audit_log where entity = 'subsidy_review' and entity_id = ${stored[0]?.id} order by seq`,
    );
    expect(audit.map((x) => x.action)).toEqual(["create", "update"]);
    expect(audit[1]?.changes).toContainEqual({ field: "total", from: 20, to: 50 });
  });

  it("when a reviewer declares a conflict, then the sheet has no scores, the note is kept and the average leaves it out", async () => {
    const a = await checked();
    await putReview(w.staff, a, sheet(30, 40));
    await putReview(w.manager, a, sheet(40, 50));
    const declared = await putReview(staff2, a, { conflict: true, conflictNote: "申請者は前職の取引先", scores: {} });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().average).toBe(80);
    expect(declared.json().items).toHaveLength(3);
    expect(declared.json().items[2]).toMatchObject({
      conflict: true,
      conflictNote: "申請者は前職の取引先",
      scores: {},
      total: null,
    });
    // A conflict declared after scoring replaces the scores: the average follows.
    await putReview(w.manager, a, { conflict: true, conflictNote: "顧問契約あり" });
    const list = await w.staff.get(`/api/subsidies/applications/${a.id}/reviews`);
    expect(list.json().average).toBe(70);
  });

  it("when a conflict comes without a note or with scores, then 400 names the field", async () => {
    const a = await checked();
    const noNote = await putReview(w.staff, a, { conflict: true, conflictNote: "  " });
    expect(noNote.statusCode).toBe(400);
    expect(fieldsOf(noNote)).toEqual(["conflictNote"]);
    const scored = await putReview(w.staff, a, { conflict: true, conflictNote: "親族", scores: { management: 1 } });
    expect(scored.statusCode).toBe(400);
    expect(fieldsOf(scored)).toEqual(["scores"]);
    expect(await rows(t, sql`select 1 from subsidy_reviews where application_id = ${a.id}`)).toHaveLength(0);
  });

  it("when scores are missing, above the maximum or for an unknown criterion, then 400 names each score", async () => {
    const a = await checked();
    const missing = await putReview(w.staff, a, { conflict: false, scores: { management: 10 } });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(["scores.plan"]);
    const above = await putReview(w.staff, a, sheet(41, 60));
    expect(above.statusCode).toBe(400);
    expect(fieldsOf(above)).toEqual(["scores.management"]);
    expect(above.json().error.details[0].message).toContain("0〜40点");
    const unknown = await putReview(w.staff, a, { conflict: false, scores: { management: 1, plan: 1, extra: 1 } });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(["scores.extra"]);
    const negative = await putReview(w.staff, a, sheet(-1, 10));
    expect(negative.statusCode).toBe(400);
    const malformed = await putReview(w.staff, a, { scores: { management: 1, plan: 1 } });
    expect(malformed.statusCode).toBe(400);
    expect(await rows(t, sql`select 1 from subsidy_reviews where application_id = ${a.id}`)).toHaveLength(0);
  });

  it("when the application is not formally checked, then 409 names its status", async () => {
    const received = await apply();
    const early = await putReview(w.staff, received, sheet(10, 10));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("申請受付");
    const adopted = await step(w.manager, await checked(), "adopt");
    const late = await putReview(w.staff, adopted, sheet(10, 10));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain("採択");
    expect(late.json().error.details[0].field).toBe("status");
  });

  it("when a viewer, staff of another department or another organization write a sheet, then 404; a missing application is 404", async () => {
    const a = await checked();
    for (const who of [w.viewer, w.otherStaff, w.otherManager, w.outsider]) {
      expect((await putReview(who, a, sheet(10, 10))).statusCode).toBe(404);
    }
    expect((await w.outsider.get(`/api/subsidies/applications/${a.id}/reviews`)).statusCode).toBe(404);
    expect((await w.otherStaff.get(`/api/subsidies/applications/${a.id}/reviews`)).statusCode).toBe(200);
    expect((await putReview(w.staff, { id: randomUUID() }, sheet(10, 10))).statusCode).toBe(404);
    expect((await w.staff.get(`/api/subsidies/applications/${randomUUID()}/reviews`)).statusCode).toBe(404);
    expect(await rows(t, sql`select 1 from subsidy_reviews where application_id = ${a.id}`)).toHaveLength(0);
    // An admin of the organization may review (support.write holds for admins).
    expect((await putReview(w.admin, a, sheet(10, 10))).statusCode).toBe(200);
  });

  it("when sheets have been scored, then the rubric can no longer change (409 says why)", async () => {
    const res = await putRubric(w.manager, [...RUBRIC, { code: "wages", label: "賃上げ", maxPoints: 10 }]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("採点済みの審査票");
    expect(res.json().error.message).toContain("平均点と順位");
    const [row] = await rows<{ rubric: unknown }>(t, sql`select rubric from subsidy_programs where id = ${programId}`);
    expect(row?.rubric).toEqual(RUBRIC);
    // Sending the rubric it already has is no change.
    const same = await putRubric(w.manager, RUBRIC);
    expect(same.statusCode, same.body).toBe(200);
  });
});

describe("the ranking (審査順位)", () => {
  it("when applications are scored, then they rank by average (ties share a rank, by 受付日), the frame cut-off follows the running total", async () => {
    const { roundId } = await makeRound(w.manager, programId, "順位回", 4_000_000);
    const one = [{ category: "機械装置等費", description: "設備", amountYen: 2_000_000 }]; // → 1,000,000
    const A = await checked({ roundId, receivedOn: "2026-05-10" }); // 1,500,000
    const B = await checked({ roundId, receivedOn: "2026-05-20" }); // 1,500,000
    const C = await checked({ roundId, receivedOn: "2026-05-25", lines: one });
    const D = await checked({ roundId, receivedOn: "2026-05-05" }); // unscored
    let E = await checked({ roundId, receivedOn: "2026-05-06", lines: one });
    let F = await checked({ roundId, receivedOn: "2026-05-07" });
    const G = await apply({ roundId }); // still 申請受付: not ranked
    let H = await checked({ roundId });
    const elsewhere = await checked(); // no round

    await putReview(w.staff, A, sheet(30, 40)); // 70
    await putReview(w.manager, A, sheet(40, 50)); // 90 → 80
    await putReview(w.staff, B, sheet(30, 50)); // 80
    await putReview(w.manager, B, { conflict: true, conflictNote: "親族" });
    await putReview(w.staff, C, sheet(40, 50)); // 90
    await putReview(w.staff, E, sheet(20, 40)); // 60
    await putReview(w.staff, F, sheet(30, 40)); // 70
    await putReview(w.staff, H, sheet(40, 60)); // 100, then withdrawn
    await putReview(w.staff, elsewhere, sheet(1, 1));
    E = await step(w.manager, await step(w.manager, E, "adopt"), "decide"); // commits 1,000,000 → 3,000,000 left
    F = await step(w.manager, F, "reject", { note: "事業効果が不明確" });
    H = await step(w.manager, H, "withdraw", { note: "辞退届" });

    const res = await w.viewer.get(`/api/subsidies/programs/${programId}/ranking?roundId=${roundId}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      rank: number;
      applicationId: string;
      status: string;
      computedYen: number;
      average: number | null;
      reviews: number;
      cumulativeYen: number;
      fitsFrame: boolean;
      company: string;
      title: string;
    }[];
    expect(items.map((i) => [i.applicationId, i.rank, i.average, i.reviews, i.cumulativeYen, i.fitsFrame])).toEqual([
      [C.id, 1, 90, 1, 1_000_000, true],
      [A.id, 2, 80, 2, 2_500_000, true],
      [B.id, 2, 80, 1, 4_000_000, false],
      [F.id, 4, 70, 1, 4_000_000, false],
      [E.id, 5, 60, 1, 4_000_000, true],
      [D.id, 6, null, 0, 5_500_000, false],
    ]);
    expect(items.map((i) => i.status)).toEqual(["checked", "checked", "checked", "rejected", "decided", "checked"]);
    expect(items[0]?.company).toMatch(/補助テスト/);
    expect(items.some((i) => i.applicationId === G.id || i.applicationId === H.id)).toBe(false);

    // The whole program: every round's applications against the whole-year frame.
    const all = await w.staff.get(`/api/subsidies/programs/${programId}/ranking`);
    expect(all.statusCode).toBe(200);
    const ids = (all.json().items as { applicationId: string }[]).map((i) => i.applicationId);
    expect(ids).toEqual(expect.arrayContaining([A.id, C.id, elsewhere.id]));
    expect(ids).not.toContain(G.id);
  });

  it("when another organization asks, or the round is not the program's, then 404 / 400", async () => {
    expect((await w.outsider.get(`/api/subsidies/programs/${programId}/ranking`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/subsidies/programs/${randomUUID()}/ranking`)).statusCode).toBe(404);
    const wrongRound = await w.staff.get(`/api/subsidies/programs/${programId}/ranking?roundId=${randomUUID()}`);
    expect(wrongRound.statusCode).toBe(400);
    expect(fieldsOf(wrongRound)).toEqual(["roundId"]);
    expect((await w.staff.get(`/api/subsidies/programs/${programId}/ranking?roundId=x`)).statusCode).toBe(400);
  });
});
