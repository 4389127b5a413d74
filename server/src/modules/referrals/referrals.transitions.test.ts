import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";

let t: TestContext;
let s: SupportOrg;
let yorozu: Session;
let keiei: Session;
let keieiManager: Session;
let viewer: Session;
let outsider: Session;
let companyId: string;

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  yorozu = await signIn(t.app, s.users.yorozuStaff);
  keiei = await signIn(t.app, s.users.keieiStaff);
  keieiManager = await signIn(t.app, s.users.keieiManager);
  viewer = await signIn(t.app, s.users.viewer);
  outsider = await signIn(t.app, (await makeSupportOrg(t.database.db)).users.admin);
  companyId = (await yorozu.post("/api/companies", { name: "有限会社状態遷移" })).json().id;
});
afterAll(() => t.close());

async function send(over: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const res = await yorozu.post("/api/referrals", {
    companyId,
    programId: s.program.Y,
    target: { kind: "department", departmentId: s.dept.keiei },
    reason: "販路開拓の相談",
    sentOn: "2026-06-01",
    ...over,
  });
  if (res.statusCode !== 201) throw new Error(`send failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

const move = (who: Session, id: string, body: Record<string, unknown>) =>
  who.post(`/api/referrals/${id}/transition`, body);

async function factsOf(id: string) {
  const r = await t.database.db.execute(sql`
    select type, department_id as "departmentId", program_id as "programId", fiscal_year as "fiscalYear",
           occurred_on::text as "occurredOn", outcome, voided_at as "voidedAt"
    from activities where source_module = 'referrals' and source_id = ${id} order by created_at, type`);
  return r.rows;
}

async function stateOf(id: string) {
  const r = await t.database.db.execute(sql`select status, version from referrals where id = ${id}`);
  return r.rows[0];
}

describe("answering a referral", () => {
  it("when 経営支援課 accepts and later completes it, then the facts say sent by よろず, accepted and completed by 経営支援課", async () => {
    const r = await send();
    const accepted = await move(keiei, r.id, { action: "accept", on: "2026-06-03", version: 1 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "accepted", respondedOn: "2026-06-03", version: 2 });
    const done = await move(keieiManager, r.id, {
      action: "complete",
      on: "2026-07-15",
      note: "制度融資の実行",
      version: 2,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: "completed", completedOn: "2026-07-15", outcome: "制度融資の実行" });
    const live = { voidedAt: null, programId: s.program.Y, fiscalYear: 2026 };
    expect(await factsOf(r.id)).toEqual([
      { ...live, type: "referral_sent", departmentId: s.dept.yorozu, occurredOn: "2026-06-01", outcome: null },
      { ...live, type: "referral_accepted", departmentId: s.dept.keiei, occurredOn: "2026-06-03", outcome: null },
      {
        ...live,
        type: "referral_completed",
        departmentId: s.dept.keiei,
        occurredOn: "2026-07-15",
        outcome: "制度融資の実行",
      },
    ]);
    const audit = await t.database.db.execute(
      sql`select action, changes from audit_log where entity = 'referral' and entity_id = ${r.id} order by seq`,
    );
    expect(audit.rows.map((a) => a.action)).toEqual(["create", "update", "update"]);
    expect(audit.rows[2]?.changes).toEqual(
      expect.arrayContaining([{ field: "status", from: "accepted", to: "completed" }]),
    );
  });

  it("when 経営支援課 declines with a reason, then the sender sees why and a referral_declined fact is written", async () => {
    const r = await send();
    const noReason = await move(keiei, r.id, { action: "decline", on: "2026-06-02", version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ field: "note" });
    const res = await move(keiei, r.id, { action: "decline", on: "2026-06-02", note: "対象外の業種です", version: 1 });
    expect(res.statusCode).toBe(200);
    const seen = (await yorozu.get(`/api/referrals/${r.id}`)).json();
    expect(seen).toMatchObject({ status: "declined", declineReason: "対象外の業種です", respondedOn: "2026-06-02" });
    expect((await factsOf(r.id)).map((f) => [f.type, f.departmentId, f.voidedAt])).toEqual([
      ["referral_sent", s.dept.yorozu, null],
      ["referral_declined", s.dept.keiei, null],
    ]);
  });

  it("when a transition does not follow the state machine, then 409 names the current status and nothing changes", async () => {
    const r = await send();
    const early = await move(keiei, r.id, { action: "complete", on: "2026-06-05", version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0]).toMatchObject({ field: "action" });
    expect(early.json().error.details[0].message).toContain("「送付済み」のため完了できません");
    await move(keiei, r.id, { action: "decline", on: "2026-06-02", note: "人員不足", version: 1 });
    const late = await move(keiei, r.id, { action: "accept", on: "2026-06-03", version: 2 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details[0].message).toContain("この橋渡しは「辞退」のため受入できません");
    expect(await stateOf(r.id)).toEqual({ status: "declined", version: 2 });
    expect((await factsOf(r.id)).map((f) => f.type)).toEqual(["referral_sent", "referral_declined"]);
  });

  it("when the version is stale, then 409 names version; when the date precedes the sending, then 400 names on", async () => {
    const r = await send();
    await move(keiei, r.id, { action: "accept", on: "2026-06-03", version: 1 });
    const stale = await move(keiei, r.id, { action: "complete", on: "2026-06-20", version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0]).toMatchObject({ field: "version" });
    const other = await send();
    const early = await move(keiei, other.id, { action: "accept", on: "2026-05-31", version: 1 });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ field: "on" });
    expect(await stateOf(other.id)).toEqual({ status: "sent", version: 1 });
  });

  it("when accepts and declines arrive at the same moment, then exactly one wins and its fact alone is written", async () => {
    const r = await send();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? move(keiei, r.id, { action: "accept", on: "2026-06-02", version: 1 })
          : move(keieiManager, r.id, { action: "decline", on: "2026-06-02", note: "同時に辞退", version: 1 }),
      ),
    );
    const codes = results.map((x) => x.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(5);
    const winner = results.find((x) => x.statusCode === 200)?.json();
    expect(await stateOf(r.id)).toEqual({ status: winner.status, version: 2 });
    const answers = (await factsOf(r.id)).filter((f) => f.type !== "referral_sent");
    expect(answers.map((f) => f.type)).toEqual([
      winner.status === "accepted" ? "referral_accepted" : "referral_declined",
    ]);
  });

  it("when the sender, a viewer, another organization or a missing id is used, then 404; a malformed body is 400", async () => {
    const r = await send();
    expect((await move(yorozu, r.id, { action: "accept", on: "2026-06-02", version: 1 })).statusCode).toBe(404);
    expect((await move(viewer, r.id, { action: "accept", on: "2026-06-02", version: 1 })).statusCode).toBe(404);
    expect((await move(outsider, r.id, { action: "accept", on: "2026-06-02", version: 1 })).statusCode).toBe(404);
    expect((await move(keiei, randomUUID(), { action: "accept", on: "2026-06-02", version: 1 })).statusCode).toBe(404);
    const bad = await move(keiei, r.id, { action: "approve", on: "June 2nd" });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["action", "on", "version"]));
    expect(await stateOf(r.id)).toEqual({ status: "sent", version: 1 });
  });
});

describe("a referral to an outside agency", () => {
  it("when よろず records the bank's acceptance and the outcome, then the answer facts are よろず's and 経営支援課 cannot answer", async () => {
    const r = await send({ target: { kind: "agency", agency: "金融機関" } });
    expect((await move(keiei, r.id, { action: "accept", on: "2026-06-04", version: 1 })).statusCode).toBe(404);
    expect((await move(yorozu, r.id, { action: "accept", on: "2026-06-04", version: 1 })).statusCode).toBe(200);
    const done = await move(yorozu, r.id, { action: "complete", on: "2026-08-01", note: "融資実行", version: 2 });
    expect(done.json()).toMatchObject({ status: "completed", agency: "金融機関", toDepartment: null });
    expect((await factsOf(r.id)).map((f) => [f.type, f.departmentId])).toEqual([
      ["referral_sent", s.dept.yorozu],
      ["referral_accepted", s.dept.yorozu],
      ["referral_completed", s.dept.yorozu],
    ]);
  });
});

describe("queues and the fiscal year", () => {
  it("when a queue holds answered and waiting referrals, then waiting ones come first, newest first", async () => {
    const older = await send({ sentOn: "2026-09-01" });
    const newer = await send({ sentOn: "2026-09-10" });
    const answered = await send({ sentOn: "2026-09-20" });
    await move(keiei, answered.id, { action: "accept", on: "2026-09-21", version: 1 });
    const res = await keiei.get("/api/referrals?box=incoming&pageSize=200");
    const order = res.json().items.map((i: { id: string }) => i.id);
    expect(order.indexOf(newer.id)).toBeLessThan(order.indexOf(older.id));
    expect(order.indexOf(older.id)).toBeLessThan(order.indexOf(answered.id));
    const waiting = await keiei.get("/api/referrals?box=incoming&status=sent&pageSize=1");
    expect(waiting.json()).toMatchObject({ page: 1, pageSize: 1 });
    expect(waiting.json().items).toHaveLength(1);
    expect(waiting.json().total).toBeGreaterThanOrEqual(2);
  });

  it("when a March referral is accepted in April, then the acceptance counts in the new year under the program of the same code", async () => {
    const r = await send({ programId: s.program2025.Y, sentOn: "2026-03-25" });
    const res = await move(keiei, r.id, { action: "accept", on: "2026-04-02", version: 1 });
    expect(res.statusCode).toBe(200);
    expect((await factsOf(r.id)).map((f) => [f.type, f.programId, f.fiscalYear])).toEqual([
      ["referral_sent", s.program2025.Y, 2025],
      ["referral_accepted", s.program.Y, 2026],
    ]);
  });
});
