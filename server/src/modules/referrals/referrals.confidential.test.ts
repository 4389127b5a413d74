/**
 * Referrals that belong to a confidential case: a referral under a confidential program, and a
 * referral from an open program to 中小企業活性化協議会 (a department that runs a confidential
 * program that year). Both are visible to the sending and receiving departments only, their facts
 * are confidential and their audit entries name the fields that changed, never the values.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";

let t: TestContext;
let s: SupportOrg;
let keiei: Session;
let kyogikai: Session;
let yorozuManager: Session;
/** An admin of 総務企画課: a department that has nothing to do with the case. */
let otherAdmin: Session;
let companyId: string;

const OUTCOME = "再生計画策定支援を開始ZQX";
const REASON = "資金繰りが厳しく活性化協議会へZQX";
const DECLINE = "債権者調整の対象外ZQX";

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  keiei = await signIn(t.app, s.users.keieiStaff);
  kyogikai = await signIn(t.app, s.users.kyogikaiStaff);
  yorozuManager = await signIn(t.app, s.users.yorozuManager);
  const admin = await signIn(t.app, s.users.admin);
  const soumu = await admin.post("/api/departments", { code: "soumu", name: "総務企画課" });
  expect(soumu.statusCode, soumu.body).toBe(201);
  otherAdmin = await signIn(
    t.app,
    await makeUser(t.database.db, s.org, { role: "admin", departmentIds: [soumu.json().id] }),
  );
  const c = await keiei.post("/api/companies", { name: "株式会社再生テスト", address: "福島県福島市" });
  companyId = c.json().id;
});
afterAll(() => t.close());

type Change = { field: string; from?: unknown; to?: unknown };
async function auditOf(who: Session, id: string) {
  const res = await who.get(`/api/audit?entity=referral&entityId=${id}&pageSize=200`);
  expect(res.statusCode).toBe(200);
  return res.json().items as { action: string; changes: Change[] }[];
}
const factsOf = async (id: string) =>
  (
    await t.database.db.execute(
      sql`select type, confidential from activities where source_module = 'referrals' and source_id = ${id} and voided_at is null order by type`,
    )
  ).rows as { type: string; confidential: boolean }[];

async function answer(who: Session, r: { id: string; version: number }, action: string, on: string, note?: string) {
  const res = await who.post(`/api/referrals/${r.id}/transition`, {
    action,
    on,
    version: r.version,
    ...(note === undefined ? {} : { note }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; version: number; confidential: boolean; outcome: string | null };
}

describe("a referral from an open program to 中小企業活性化協議会", () => {
  let id: string;
  beforeAll(async () => {
    const sent = await keiei.post("/api/referrals", {
      companyId,
      programId: s.program.K,
      target: { kind: "department", departmentId: s.dept.kyogikai },
      reason: REASON,
      sentOn: "2026-06-10",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    id = sent.json().id;
    const accepted = await answer(kyogikai, sent.json(), "accept", "2026-06-11");
    await answer(kyogikai, accepted, "complete", "2026-06-20", OUTCOME);
  });

  it("when 協議会 accepts and completes it, then it is confidential and so are all its facts", async () => {
    const got = await kyogikai.get(`/api/referrals/${id}`);
    expect(got.json()).toMatchObject({ confidential: true, status: "completed", outcome: OUTCOME });
    const facts = await factsOf(id);
    expect(facts.map((f) => f.type)).toEqual(["referral_accepted", "referral_completed", "referral_sent"]);
    expect(facts.every((f) => f.confidential)).toBe(true);
  });

  it("when a よろず manager or the 総務企画課 admin read the business, then no timeline, referral list or audit entry tells them the outcome, only that 協議会 holds confidential support", async () => {
    for (const who of [yorozuManager, otherAdmin]) {
      const timeline = await who.get(`/api/companies/${companyId}/timeline`);
      expect(timeline.statusCode).toBe(200);
      expect(timeline.body).not.toContain("ZQX");
      expect(timeline.json().items.filter((f: { type: string }) => f.type.startsWith("referral_"))).toEqual([]);
      expect(timeline.json().confidentialNotices.map((n: { departmentId: string }) => n.departmentId)).toContain(
        s.dept.kyogikai,
      );
      const list = await who.get(`/api/referrals?box=all&companyId=${companyId}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([]);
      expect((await who.get(`/api/referrals/${id}`)).statusCode).toBe(404);
    }
    const log = await otherAdmin.get("/api/audit?entity=referral&pageSize=200");
    expect(log.body).not.toContain("ZQX");
    const entries = await auditOf(otherAdmin, id);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["create", "update"]));
    for (const e of entries.filter((x) => x.action !== "read")) {
      for (const c of e.changes) expect(Object.keys(c)).toEqual(["field"]);
    }
  });

  it("when the sending department reads its referral, then it still sees it, with the answer", async () => {
    const list = await keiei.get(`/api/referrals?box=outgoing`);
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(id);
    const got = await keiei.get(`/api/referrals/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ confidential: true, outcome: OUTCOME, reason: REASON });
  });

  it("when 協議会 declines such a referral, then the decline reason stays out of everyone else's reach too", async () => {
    const sent = await keiei.post("/api/referrals", {
      companyId,
      programId: s.program.K,
      target: { kind: "department", departmentId: s.dept.kyogikai },
      reason: REASON,
      sentOn: "2026-07-01",
    });
    expect(sent.json().confidential).toBe(true);
    await answer(kyogikai, sent.json(), "decline", "2026-07-02", DECLINE);
    const log = await otherAdmin.get(`/api/audit?entity=referral&entityId=${sent.json().id}`);
    expect(log.body).not.toContain("ZQX");
    const timeline = await yorozuManager.get(`/api/companies/${companyId}/timeline`);
    expect(timeline.body).not.toContain("ZQX");
  });

  it("when such a referral was stored open (sent before this rule), then answering it makes it confidential before the answer is written", async () => {
    const sent = await keiei.post("/api/referrals", {
      companyId,
      programId: s.program.K,
      target: { kind: "department", departmentId: s.dept.kyogikai },
      reason: REASON,
      sentOn: "2026-08-01",
    });
    const legacyId = sent.json().id as string;
    await t.database.db.execute(sql`update referrals set confidential = false where id = ${legacyId}`);
    const accepted = await answer(kyogikai, sent.json(), "accept", "2026-08-02");
    expect(accepted.confidential).toBe(true);
    await answer(kyogikai, accepted, "complete", "2026-08-10", OUTCOME);
    expect((await factsOf(legacyId)).every((f) => f.confidential)).toBe(true);
    const [update] = (await auditOf(otherAdmin, legacyId)).filter((e) => e.action === "update");
    for (const c of update?.changes ?? []) expect(Object.keys(c)).toEqual(["field"]);
    expect((await yorozuManager.get(`/api/referrals/${legacyId}`)).statusCode).toBe(404);
  });
});

describe("a referral between open departments", () => {
  it("when よろず refers to 経営支援課 under an open program, then it stays open and its audit entry keeps the values", async () => {
    const yorozu = await signIn(t.app, s.users.yorozuStaff);
    const sent = await yorozu.post("/api/referrals", {
      companyId,
      programId: s.program.Y,
      target: { kind: "department", departmentId: s.dept.keiei },
      reason: "設備資金の相談",
      sentOn: "2026-06-01",
    });
    expect(sent.json().confidential).toBe(false);
    const [created] = await auditOf(otherAdmin, sent.json().id);
    expect(created?.changes).toEqual(expect.arrayContaining([{ field: "reason", from: null, to: "設備資金の相談" }]));
  });
});

describe("a referral under a confidential program", () => {
  it("when 協議会 refers its case to an outside agency and records the answer, then the audit log names the fields only: no agency, business, consultation, department, dates or status", async () => {
    const sent = await kyogikai.post("/api/referrals", {
      companyId,
      programId: s.program.R,
      target: { kind: "agency", agency: "商工会議所" },
      reason: REASON,
      sentOn: "2026-06-15",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().confidential).toBe(true);
    const accepted = await answer(kyogikai, sent.json(), "accept", "2026-06-16");
    await answer(kyogikai, accepted, "complete", "2026-06-30", OUTCOME);
    const entries = (await auditOf(otherAdmin, sent.json().id)).filter((e) => e.action !== "read");
    expect(entries).toHaveLength(3);
    const fields = entries.flatMap((e) => e.changes.map((c) => c.field));
    expect(fields).toEqual(
      expect.arrayContaining(["agency", "companyId", "fromDepartmentId", "sentOn", "status", "completedOn", "outcome"]),
    );
    for (const e of entries) for (const c of e.changes) expect(Object.keys(c)).toEqual(["field"]);
    const text = JSON.stringify(entries.map((e) => e.changes));
    for (const leak of ["商工会議所", companyId, s.dept.kyogikai, "2026-06-15", '"completed"', "ZQX"]) {
      expect(text).not.toContain(leak);
    }
  });
});
