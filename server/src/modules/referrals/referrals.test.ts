import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";

let t: TestContext;
let s: SupportOrg;
let yorozu: Session;
let keiei: Session;
let kyogikai: Session;
let viewer: Session;
let keieiAdmin: Session;
let outsider: Session;
let companyId: string;

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  yorozu = await signIn(t.app, s.users.yorozuStaff);
  keiei = await signIn(t.app, s.users.keieiStaff);
  kyogikai = await signIn(t.app, s.users.kyogikaiStaff);
  viewer = await signIn(t.app, s.users.viewer);
  keieiAdmin = await signIn(
    t.app,
    await makeUser(t.database.db, s.org, { role: "admin", departmentIds: [s.dept.keiei] }),
  );
  const other = await makeSupportOrg(t.database.db);
  outsider = await signIn(t.app, other.users.admin);
  const c = await yorozu.post("/api/companies", { name: "株式会社橋渡しテスト", address: "福島県郡山市" });
  companyId = c.json().id;
});
afterAll(() => t.close());

const toKeiei = (over: Record<string, unknown> = {}) => ({
  companyId,
  programId: s.program.Y,
  target: { kind: "department", departmentId: s.dept.keiei },
  reason: "設備投資の資金繰り相談。経営支援課の制度融資の案内をお願いしたい",
  sentOn: "2026-05-10",
  ...over,
});

async function factsOf(id: string) {
  const r = await t.database.db.execute(sql`
    select type, department_id as "departmentId", program_id as "programId", occurred_on::text as "occurredOn",
           confidential, attributes, voided_at as "voidedAt"
    from activities where source_module = 'referrals' and source_id = ${id} order by created_at, type`);
  return r.rows;
}

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);
const count = async (q: ReturnType<typeof sql>) => (await t.database.db.execute(q)).rows[0]?.n;

describe("sending a referral", () => {
  it("when よろず staff refer a business to 経営支援課, then it is in 経営支援課's incoming queue and よろず's outgoing one, with a referral_sent fact", async () => {
    const res = await yorozu.post("/api/referrals", toKeiei());
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      companyName: "株式会社橋渡しテスト",
      program: { id: s.program.Y, code: "Y", fiscalYear: 2026 },
      fromDepartment: { id: s.dept.yorozu, name: "よろず支援拠点" },
      toDepartment: { id: s.dept.keiei, name: "経営支援課" },
      agency: null,
      status: "sent",
      respondedOn: null,
      confidential: false,
      version: 1,
    });
    expect(ids(await keiei.get("/api/referrals?box=incoming"))).toContain(r.id);
    expect(ids(await keiei.get("/api/referrals?box=outgoing"))).not.toContain(r.id);
    expect(ids(await yorozu.get("/api/referrals?box=outgoing"))).toContain(r.id);
    expect(ids(await yorozu.get("/api/referrals?box=incoming"))).not.toContain(r.id);
    expect(ids(await yorozu.get("/api/referrals"))).toContain(r.id);
    expect(await factsOf(r.id)).toEqual([
      {
        type: "referral_sent",
        departmentId: s.dept.yorozu,
        programId: s.program.Y,
        occurredOn: "2026-05-10",
        confidential: false,
        attributes: { target: "department", toDepartmentId: s.dept.keiei, agency: null },
        voidedAt: null,
      },
    ]);
    const audit = await t.database.db.execute(
      sql`select action from audit_log where entity = 'referral' and entity_id = ${r.id}`,
    );
    expect(audit.rows.map((a) => a.action)).toEqual(["create"]);
    expect((await keiei.get(`/api/referrals/${r.id}`)).json()).toMatchObject({ id: r.id, status: "sent" });
  });

  it("when a business is referred to an agency on the list, then it has no receiving department and its fact names the agency", async () => {
    const res = await yorozu.post("/api/referrals", toKeiei({ target: { kind: "agency", agency: "商工会議所" } }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ toDepartment: null, agency: "商工会議所", status: "sent" });
    expect(ids(await yorozu.get("/api/referrals?box=outgoing"))).toContain(res.json().id);
    const [fact] = await factsOf(res.json().id);
    expect(fact?.attributes).toEqual({ target: "agency", toDepartmentId: null, agency: "商工会議所" });
  });

  it("when the agency is not on the organization's list, then 400 names target.agency and nothing is written", async () => {
    const res = await yorozu.post(
      "/api/referrals",
      toKeiei({ target: { kind: "agency", agency: "謎の協会" }, reason: "x-agency" }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "target.agency" });
    expect(res.json().error.details[0].message).toContain("謎の協会");
    expect(await count(sql`select count(*)::int as n from referrals where reason = 'x-agency'`)).toBe(0);
  });

  it("when the target is the sending department or unknown, then 400 names target.departmentId", async () => {
    const same = await yorozu.post(
      "/api/referrals",
      toKeiei({ target: { kind: "department", departmentId: s.dept.yorozu } }),
    );
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0]).toMatchObject({ field: "target.departmentId" });
    expect(same.json().error.details[0].message).toContain("同じ部署");
    const unknown = await yorozu.post(
      "/api/referrals",
      toKeiei({ target: { kind: "department", departmentId: randomUUID() } }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: "target.departmentId" });
  });

  it("when the program, the sending department or the business does not fit, then 400 names the field", async () => {
    const program = await yorozu.post("/api/referrals", toKeiei({ programId: randomUUID() }));
    expect(program.json().error.details[0]).toMatchObject({ field: "programId" });
    const from = await yorozu.post("/api/referrals", toKeiei({ fromDepartmentId: s.dept.keiei }));
    expect(from.json().error.details[0]).toMatchObject({ field: "fromDepartmentId" });
    const nobody = await yorozu.post("/api/referrals", toKeiei({ companyId: null }));
    expect(nobody.json().error.details[0]).toMatchObject({ field: "companyId" });
    const foreign = await outsider.post("/api/companies", { name: "他県の会社" });
    const other = await yorozu.post("/api/referrals", toKeiei({ companyId: foreign.json().id }));
    expect(other.json().error.details[0]).toMatchObject({ field: "companyId" });
    expect([program, from, nobody, other].map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
  });

  it("when a person without a company record is referred, then the referral and its fact carry the name", async () => {
    const res = await yorozu.post("/api/referrals", toKeiei({ companyId: null, personName: "創業予定 山田花子" }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ companyId: null, companyName: null, personName: "創業予定 山田花子" });
  });

  it("when sentOn falls in another fiscal year than the program's, then 400 names sentOn and neither referral nor fact exists", async () => {
    const res = await yorozu.post("/api/referrals", toKeiei({ sentOn: "2026-03-10", reason: "x-fiscal" }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "sentOn" });
    expect(res.json().error.details[0].message).toContain("令和7年度");
    expect(await count(sql`select count(*)::int as n from referrals where reason = 'x-fiscal'`)).toBe(0);
  });

  it("when the consultation it names does not exist, then 400 names consultationId and nothing is written", async () => {
    const res = await yorozu.post("/api/referrals", toKeiei({ consultationId: randomUUID(), reason: "x-consult" }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "consultationId" });
    expect(await count(sql`select count(*)::int as n from referrals where reason = 'x-consult'`)).toBe(0);
  });

  it("when the body is malformed, then 400 names each bad field", async () => {
    const res = await yorozu.post("/api/referrals", {
      programId: "nope",
      target: { kind: "agency" },
      sentOn: "2026/05/10",
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["programId", "reason", "sentOn"]));
  });

  it("when a viewer or staff of an unrelated department send for a program, then 404 and nothing is written", async () => {
    const v = await viewer.post("/api/referrals", toKeiei({ reason: "x-role" }));
    expect(v.statusCode).toBe(404);
    const k = await keiei.post(
      "/api/referrals",
      toKeiei({ reason: "x-role", target: { kind: "agency", agency: "商工会" } }),
    );
    expect(k.statusCode).toBe(404);
    expect(await count(sql`select count(*)::int as n from referrals where reason = 'x-role'`)).toBe(0);
  });

  it("when someone of another organization sends with this organization's program, then 400 programId", async () => {
    const res = await outsider.post("/api/referrals", toKeiei({ companyId: null, personName: "x" }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "programId" });
  });
});

describe("reading referrals", () => {
  it("when the referral does not exist, belongs to another organization or the id is malformed, then 404 / 404 / 400", async () => {
    const r = (await yorozu.post("/api/referrals", toKeiei())).json();
    expect((await yorozu.get(`/api/referrals/${randomUUID()}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/referrals/${r.id}`)).statusCode).toBe(404);
    expect(ids(await outsider.get("/api/referrals"))).not.toContain(r.id);
    expect((await yorozu.get("/api/referrals/not-a-uuid")).statusCode).toBe(400);
    expect((await yorozu.get("/api/referrals?box=sideways")).statusCode).toBe(400);
  });

  it("when staff ask for another department's queue, then 404; an admin may read it", async () => {
    expect((await keiei.get(`/api/referrals?box=incoming&departmentId=${s.dept.yorozu}`)).statusCode).toBe(404);
    const r = (await yorozu.post("/api/referrals", toKeiei())).json();
    const admin = await signIn(t.app, s.users.admin);
    const res = await admin.get(`/api/referrals?box=incoming&departmentId=${s.dept.keiei}`);
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toContain(r.id);
    expect((await admin.get(`/api/referrals?departmentId=${randomUUID()}`)).statusCode).toBe(404);
  });

  it("when a company page lists its referrals, then every visible referral of the business is there, whoever sent it", async () => {
    const r = (await yorozu.post("/api/referrals", toKeiei())).json();
    const res = await kyogikai.get(`/api/referrals?companyId=${companyId}`);
    expect(ids(res)).toContain(r.id);
    expect(res.json().items.every((i: { companyId: string }) => i.companyId === companyId)).toBe(true);
  });
});

describe("a confidential referral (中小企業活性化協議会)", () => {
  let id: string;
  beforeAll(async () => {
    const res = await kyogikai.post(
      "/api/referrals",
      toKeiei({
        programId: s.program.R,
        target: { kind: "department", departmentId: s.dept.yorozu },
        reason: "再生計画策定後の販路開拓支援",
      }),
    );
    expect(res.statusCode).toBe(201);
    id = res.json().id;
  });

  it("when 協議会 refers a case to よろず, then it is confidential, よろず sees it in its queue and reading it is logged", async () => {
    const inbox = await yorozu.get("/api/referrals?box=incoming");
    expect(ids(inbox)).toContain(id);
    const listed = await t.database.db.execute(
      sql`select changes from audit_log where entity = 'referral_list' and actor_user_id = ${s.users.yorozuStaff.id}`,
    );
    expect(JSON.stringify(listed.rows.map((r) => r.changes))).toContain(id);
    const one = await yorozu.get(`/api/referrals/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ confidential: true, fromDepartment: { id: s.dept.kyogikai } });
    const reads = await t.database.db.execute(
      sql`select actor_user_id from audit_log where entity = 'referral' and entity_id = ${id} and action = 'read'`,
    );
    expect(reads.rows.map((r) => r.actor_user_id)).toContain(s.users.yorozuStaff.id);
    const [fact] = await factsOf(id);
    expect(fact).toMatchObject({ type: "referral_sent", departmentId: s.dept.kyogikai, confidential: true });
  });

  it("when 経営支援課 staff or an admin outside both departments look, then it is not listed and reads 404", async () => {
    for (const who of [keiei, keieiAdmin]) {
      expect(ids(await who.get(`/api/referrals?companyId=${companyId}`))).not.toContain(id);
      expect(ids(await who.get("/api/referrals?box=all"))).not.toContain(id);
      expect((await who.get(`/api/referrals/${id}`)).statusCode).toBe(404);
    }
    const adminQueue = await keieiAdmin.get(`/api/referrals?box=incoming&departmentId=${s.dept.yorozu}`);
    expect(adminQueue.statusCode).toBe(200);
    expect(ids(adminQueue)).not.toContain(id);
  });

  it("when the audit log records the referral, then it names the fields that changed and none of their values", async () => {
    const created = await t.database.db.execute(
      sql`select changes from audit_log where entity = 'referral' and entity_id = ${id} and action = 'create'`,
    );
    const changes = created.rows[0]?.changes as { field: string; to?: unknown }[];
    expect(changes.find((c) => c.field === "reason")).toEqual({ field: "reason" });
    // Not only the free text: who was referred, to whom and when are the case's too.
    expect(changes.find((c) => c.field === "status")).toEqual({ field: "status" });
    expect(changes.find((c) => c.field === "companyId")).toEqual({ field: "companyId" });
  });
});
