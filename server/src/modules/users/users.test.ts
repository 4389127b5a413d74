import { randomUUID } from "node:crypto";
import type { AuditEntry, User } from "@shien/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { loginRequest, makeOrg, makeUser, type OrgFixture, Session, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;
let other: OrgFixture;
let d1: string;
let d2: string;
let admin: Session;
let manager: Session;
let staff: Session;
let otherAdmin: Session;

const NEW_PASSWORD = "a completely new passphrase";
const fieldsOf = (res: LightMyRequestResponse): string[] =>
  ((res.json().error?.details ?? []) as { field: string }[]).map((d) => d.field);
const deptOf = (o: OrgFixture, i: number): string => {
  const d = o.departments[i];
  if (!d) throw new Error(`org has no department #${i}`);
  return d.id;
};
async function rows<T>(query: SQL): Promise<T[]> {
  return (await t.database.db.execute(query)).rows as T[];
}
const userRow = async (id: string) =>
  (
    await rows<{ display_name: string; role: string; disabled: boolean; password_hash: string }>(
      sql`select display_name, role, disabled_at is not null as disabled, password_hash from users where id = ${id}`,
    )
  )[0];
const auditOf = async (id: string): Promise<AuditEntry[]> =>
  (await admin.get(`/api/audit?entity=user&entityId=${id}`)).json().items;
const loginIsWaiting = async () =>
  (await rows(sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))
    .length > 0;
const newUser = (o: OrgFixture, opts: Parameters<typeof makeUser>[2] = {}) => makeUser(t.database.db, o, opts);
const body = (departmentIds: string[], login = `u-${randomUUID().slice(0, 8)}`) => ({
  login,
  displayName: "山田 太郎",
  email: "yamada@example.jp",
  role: "staff",
  departmentIds,
  password: "a long enough passphrase",
});

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  other = await makeOrg(t.database.db, 1);
  d1 = deptOf(org, 0);
  d2 = deptOf(org, 1);
  admin = await signIn(t.app, await newUser(org, { role: "admin" }));
  manager = await signIn(t.app, await newUser(org, { role: "manager", departmentIds: [d1] }));
  staff = await signIn(t.app, await newUser(org, { role: "staff", departmentIds: [d1] }));
  otherAdmin = await signIn(t.app, await newUser(other, { role: "admin" }));
});
afterAll(() => t.close());

describe("GET /api/users", () => {
  it("when an admin lists, then the org's active users come back, another org's never, disabled ones on request", async () => {
    const [a, b, gone, foreign] = await Promise.all([
      newUser(org, { departmentIds: [d1] }),
      newUser(org, { departmentIds: [d2] }),
      newUser(org),
      newUser(other),
    ]);
    expect((await admin.patch(`/api/users/${gone.id}`, { disabled: true })).statusCode).toBe(200);
    const res = await admin.get("/api/users");
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as User[]).map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id, admin.me.user.id]));
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(foreign.id);
    const all = (await admin.get("/api/users?includeDisabled=true")).json().items as User[];
    expect(all.find((u) => u.id === gone.id)?.disabled).toBe(true);
    expect(all.map((u) => u.id)).not.toContain(foreign.id);
  });

  it("when filtered by departmentId, then only that department's users come back", async () => {
    const [a, b] = await Promise.all([newUser(org, { departmentIds: [d1] }), newUser(org, { departmentIds: [d2] })]);
    const items = (await admin.get(`/api/users?departmentId=${d2}`)).json().items as User[];
    expect(items.map((u) => u.id)).toContain(b.id);
    expect(items.map((u) => u.id)).not.toContain(a.id);
    expect(items.every((u) => u.departmentIds.includes(d2))).toBe(true);
  });

  it("when a manager lists, then only users sharing one of the manager's departments come back", async () => {
    const [mine, theirs] = await Promise.all([
      newUser(org, { departmentIds: [d1, d2] }),
      newUser(org, { departmentIds: [d2] }),
    ]);
    const items = (await manager.get("/api/users")).json().items as User[];
    expect(items.map((u) => u.id)).toEqual(expect.arrayContaining([mine.id, manager.me.user.id]));
    expect(items.map((u) => u.id)).not.toContain(theirs.id);
    expect(items.every((u) => u.departmentIds.includes(d1))).toBe(true);
    expect((await manager.get(`/api/users?departmentId=${d2}`)).json().items.map((u: User) => u.id)).toEqual([mine.id]);
  });

  it("when staff or a viewer lists, then only they themselves come back", async () => {
    const viewer = await signIn(t.app, await newUser(org, { role: "viewer", departmentIds: [d1] }));
    for (const s of [staff, viewer]) {
      const items = (await s.get("/api/users?includeDisabled=true")).json().items as User[];
      expect(items.map((u) => u.id)).toEqual([s.me.user.id]);
    }
  });

  it("when the query is malformed, then 400 names the parameter", async () => {
    const a = await admin.get("/api/users?includeDisabled=maybe");
    expect(a.statusCode).toBe(400);
    expect(fieldsOf(a)).toContain("includeDisabled");
    const b = await admin.get("/api/users?departmentId=not-a-uuid");
    expect(b.statusCode).toBe(400);
    expect(fieldsOf(b)).toContain("departmentId");
  });
});

describe("GET /api/users/:id", () => {
  it("when an admin reads a user, then the profile comes back without secrets", async () => {
    const u = await newUser(org, { departmentIds: [d2] });
    const res = await admin.get(`/api/users/${u.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: u.id, login: u.login, role: "staff", departmentIds: [d2], disabled: false });
    expect(res.body).not.toMatch(/hash|password/i);
  });

  it("when staff or a manager of another department reads a user, then 404 exactly like a missing one", async () => {
    const u = await newUser(org, { departmentIds: [d2] });
    for (const s of [staff, manager]) {
      const res = await s.get(`/api/users/${u.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe((await s.get(`/api/users/${randomUUID()}`)).body);
    }
  });

  it("when the user belongs to another organization, then 404 exactly like a missing one", async () => {
    const foreign = await newUser(other);
    const res = await admin.get(`/api/users/${foreign.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
    expect(res.body).toBe((await admin.get(`/api/users/${randomUUID()}`)).body);
  });

  it("when the id is not a uuid, then every /api/users/:id endpoint answers 400 naming id", async () => {
    for (const res of [
      await admin.get("/api/users/12345"),
      await admin.patch("/api/users/12345", { displayName: "x" }),
      await admin.post("/api/users/12345/password", { newPassword: NEW_PASSWORD }),
      await admin.post("/api/users/nope/sessions/revoke"),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(["id"]);
    }
  });
});

describe("POST /api/users", () => {
  it("when an admin creates a user, then it is stored, audited without the password, and can sign in", async () => {
    const input = body([d1, d2]);
    const res = await admin.post("/api/users", input);
    expect(res.statusCode).toBe(201);
    const created = res.json() as User;
    expect(created).toMatchObject({ login: input.login, role: "staff", disabled: false, activeSessions: 0 });
    expect([...created.departmentIds].sort()).toEqual([d1, d2].sort());
    expect((await admin.get(`/api/users/${created.id}`)).json().displayName).toBe("山田 太郎");
    const [entry] = await auditOf(created.id);
    expect(entry).toMatchObject({ action: "create", actorUserId: admin.me.user.id });
    expect(entry?.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(["login", "displayName", "email", "role", "departmentIds", "password"]),
    );
    expect(entry?.changes.find((c) => c.field === "password")).toEqual({ field: "password" });
    const raw = await rows<{ t: string }>(
      sql`select changes::text as t from audit_log where entity_id = ${created.id}`,
    );
    expect(raw.map((r) => r.t).join()).not.toContain(input.password);
    expect((await loginRequest(t.app, org.slug, input.login, input.password)).statusCode).toBe(200);
  });

  it("when the login exists in another letter case, then 409 names login and no second row exists", async () => {
    const first = await admin.post("/api/users", body([d1], "Sato.Hanako"));
    expect(first.statusCode).toBe(201);
    const res = await admin.post("/api/users", body([d1], "sato.HANAKO"));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("CONFLICT");
    expect(fieldsOf(res)).toEqual(["login"]);
    const n = await rows<{ n: number }>(
      sql`select count(*)::int as n from users where org_id = ${org.id} and lower(login) = 'sato.hanako'`,
    );
    expect(n[0]?.n).toBe(1);
  });

  it("when a department of another organization is given, then 400 names departmentIds and nothing is stored", async () => {
    const input = body([deptOf(other, 0)]);
    const res = await admin.post("/api/users", input);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(["departmentIds"]);
    expect(await rows(sql`select 1 from users where login = ${input.login}`)).toHaveLength(0);
  });

  it("when a manager or staff creates a user, then 404 and nothing is stored", async () => {
    for (const s of [manager, staff]) {
      const input = body([d1]);
      const res = await s.post("/api/users", input);
      expect(res.statusCode).toBe(404);
      expect(await rows(sql`select 1 from users where login = ${input.login}`)).toHaveLength(0);
    }
  });

  it("when the body is malformed, then 400 names every bad field and nothing is stored", async () => {
    const res = await admin.post("/api/users", {
      login: "x",
      displayName: "",
      email: "not-an-email",
      role: "boss",
      departmentIds: [],
      password: "short",
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(["departmentIds", "displayName", "email", "login", "password", "role"]);
    expect(await rows(sql`select 1 from users where login = 'x'`)).toHaveLength(0);
  });
});

describe("PATCH /api/users/:id", () => {
  it("when an admin changes fields, then they are stored and the audit entry lists only the changed ones", async () => {
    const u = await newUser(org, { departmentIds: [d1] });
    const res = await admin.patch(`/api/users/${u.id}`, {
      displayName: "新しい名前",
      role: "manager",
      departmentIds: [d2],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: "新しい名前", role: "manager", departmentIds: [d2] });
    expect(await userRow(u.id)).toMatchObject({ display_name: "新しい名前", role: "manager" });
    const [entry] = await auditOf(u.id);
    expect(entry?.action).toBe("update");
    expect(entry?.changes).toEqual([
      { field: "departmentIds", from: [d1], to: [d2] },
      { field: "displayName", from: `staff ${u.login}`, to: "新しい名前" },
      { field: "role", from: "staff", to: "manager" },
    ]);
  });

  it("when a user is disabled, then their sessions end and signing in fails like a wrong password", async () => {
    const u = await newUser(org);
    const s = await signIn(t.app, u);
    const res = await admin.patch(`/api/users/${u.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true, activeSessions: 0 });
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
    const disabled = await loginRequest(t.app, org.slug, u.login, u.password);
    const wrong = await loginRequest(t.app, org.slug, staff.me.user.login, "not the password at all");
    expect(disabled.statusCode).toBe(401);
    expect(disabled.body).toBe(wrong.body);
    expect(await rows(sql`select 1 from sessions where user_id = ${u.id} and ended_at is null`)).toHaveLength(0);
  });

  it("when a manager patches a user of their own department, then 404 and nothing changes", async () => {
    const u = await newUser(org, { departmentIds: [d1] });
    const res = await manager.patch(`/api/users/${u.id}`, { role: "admin" });
    expect(res.statusCode).toBe(404);
    expect((await userRow(u.id))?.role).toBe("staff");
  });

  it("when the user belongs to another organization, then 404 like a missing one and nothing changes", async () => {
    const foreign = await newUser(other);
    const res = await admin.patch(`/api/users/${foreign.id}`, { disabled: true });
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe((await admin.patch(`/api/users/${randomUUID()}`, { disabled: true })).body);
    expect((await userRow(foreign.id))?.disabled).toBe(false);
  });

  it("when the body is malformed or names a foreign department, then 400 names the field", async () => {
    const u = await newUser(org);
    const bad = await admin.patch(`/api/users/${u.id}`, { role: "boss", departmentIds: [] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(["departmentIds", "role"]);
    const foreign = await admin.patch(`/api/users/${u.id}`, { departmentIds: [deptOf(other, 0)] });
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)).toEqual(["departmentIds"]);
    expect((await admin.get(`/api/users/${u.id}`)).json()).toMatchObject({ role: "staff", departmentIds: [d1] });
  });
  // Regression: the session's active department used to outlive the membership.
  it("when a user is moved out of their active department, then their session no longer names it", async () => {
    const u = await newUser(org, { departmentIds: [d1] });
    const s = await signIn(t.app, u);
    expect((await admin.patch(`/api/users/${u.id}`, { departmentIds: [d2] })).statusCode).toBe(200);
    const me = (await s.get("/api/auth/me")).json().user;
    expect(me.departments.map((d: { id: string }) => d.id)).toEqual([d2]);
    expect([null, d2]).toContain(me.activeDepartmentId);
  });
});

describe("last active admin", () => {
  it("when the only active admin is demoted or disabled, then 409 and they stay admin", async () => {
    const o = await makeOrg(t.database.db, 1);
    const a = await newUser(o, { role: "admin" });
    const retired = await newUser(o, { role: "admin" });
    const s = await signIn(t.app, a);
    expect((await s.patch(`/api/users/${retired.id}`, { disabled: true })).statusCode).toBe(200);
    for (const change of [{ role: "staff" }, { disabled: true }]) {
      const res = await s.patch(`/api/users/${a.id}`, change);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("CONFLICT");
    }
    expect(await userRow(a.id)).toMatchObject({ role: "admin", disabled: false });
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("when two admins demote each other at the same time, then one wins and one active admin remains", async () => {
    for (let round = 0; round < 3; round++) {
      const o = await makeOrg(t.database.db, 1);
      const [a, b] = await Promise.all([newUser(o, { role: "admin" }), newUser(o, { role: "admin" })]);
      const [sa, sb] = await Promise.all([signIn(t.app, a), signIn(t.app, b)]);
      const results = await Promise.all([
        sa.patch(`/api/users/${b.id}`, round === 2 ? { disabled: true } : { role: "staff" }),
        sb.patch(`/api/users/${a.id}`, { role: "viewer" }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const admins = await rows<{ n: number }>(
        sql`select count(*)::int as n from users where org_id = ${o.id} and role = 'admin' and disabled_at is null`,
      );
      expect(admins[0]?.n).toBe(1);
    }
  });
});

describe("POST /api/users/:id/password", () => {
  it("when an admin resets a password, then the user's sessions end, the new one works and the audit holds no secret", async () => {
    const u = await newUser(org);
    const [s1, s2] = [await signIn(t.app, u), await signIn(t.app, u)];
    const res = await admin.post(`/api/users/${u.id}/password`, { newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await s1.get("/api/auth/me")).statusCode).toBe(401);
    expect((await s2.get("/api/auth/me")).statusCode).toBe(401);
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(401);
    expect((await loginRequest(t.app, org.slug, u.login, NEW_PASSWORD)).statusCode).toBe(200);
    const [entry] = await auditOf(u.id);
    expect(entry).toMatchObject({ action: "update", changes: [{ field: "password" }] });
    expect(JSON.stringify(await auditOf(u.id))).not.toContain(NEW_PASSWORD);
  });

  // Regression: login verified the password before its transaction and never re-checked it, so a session
  // opened on the old password slipped past a concurrent reset.
  it("when a login with the old password is in flight during a reset, then its session does not survive", async () => {
    const u = await newUser(org);
    expect((await loginRequest(t.app, org.slug, u.login, "a wrong guess here")).statusCode).toBe(401);
    // Hold the login's throttle row so the login stops between checking the password and opening its session.
    const holder = await t.database.pool.connect();
    let inFlight: Promise<LightMyRequestResponse> | undefined;
    try {
      await holder.query("begin");
      await holder.query("select 1 from login_throttle where org_id = $1 and login_key = $2 for update", [
        org.id,
        u.login.toLowerCase(),
      ]);
      inFlight = loginRequest(t.app, org.slug, u.login, u.password);
      for (let i = 0; i < 200 && !(await loginIsWaiting()); i++) await new Promise((r) => setTimeout(r, 10));
      expect((await admin.post(`/api/users/${u.id}/password`, { newPassword: NEW_PASSWORD })).statusCode).toBe(200);
    } finally {
      await holder.query("commit");
      holder.release();
    }
    const login = await inFlight;
    const cookie = login?.cookies.find((c) => c.name === "shien_session")?.value ?? "none";
    expect((await new Session(t.app, cookie, "", login?.json()).get("/api/auth/me")).statusCode).toBe(401);
  });

  it("when a manager or the user themselves resets, then 404 and the password is unchanged", async () => {
    const before = (await userRow(staff.me.user.id))?.password_hash;
    for (const s of [manager, staff]) {
      const res = await s.post(`/api/users/${staff.me.user.id}/password`, { newPassword: NEW_PASSWORD });
      expect(res.statusCode).toBe(404);
    }
    expect((await userRow(staff.me.user.id))?.password_hash).toBe(before);
  });

  it("when the user belongs to another organization, then 404 like a missing one and nothing changes", async () => {
    const foreign = await newUser(other);
    const before = (await userRow(foreign.id))?.password_hash;
    const res = await admin.post(`/api/users/${foreign.id}/password`, { newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe(
      (await admin.post(`/api/users/${randomUUID()}/password`, { newPassword: NEW_PASSWORD })).body,
    );
    expect((await userRow(foreign.id))?.password_hash).toBe(before);
  });

  it("when the new password is too short, then 400 names newPassword", async () => {
    const res = await admin.post(`/api/users/${staff.me.user.id}/password`, { newPassword: "short" });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(["newPassword"]);
  });
});

describe("POST /api/users/:id/sessions/revoke", () => {
  it("when an admin revokes, then every session of the user ends and the count comes back", async () => {
    const u = await newUser(org);
    const [s1, s2] = [await signIn(t.app, u), await signIn(t.app, u)];
    expect((await admin.get(`/api/users/${u.id}`)).json().activeSessions).toBe(2);
    const res = await admin.post(`/api/users/${u.id}/sessions/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, ended: 2 });
    expect((await s1.get("/api/auth/me")).statusCode).toBe(401);
    expect((await s2.get("/api/auth/me")).statusCode).toBe(401);
    expect((await admin.get(`/api/users/${u.id}`)).json().activeSessions).toBe(0);
    const [entry] = await auditOf(u.id);
    expect(entry).toMatchObject({ action: "revoke", changes: [{ field: "sessions", from: 2, to: 0 }] });
  });

  it("when a manager revokes a user of their department, then 404 and the session survives", async () => {
    const u = await newUser(org, { departmentIds: [d1] });
    const s = await signIn(t.app, u);
    expect((await manager.post(`/api/users/${u.id}/sessions/revoke`)).statusCode).toBe(404);
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("when the user belongs to another organization, then 404 like a missing one and the session survives", async () => {
    const foreign = await newUser(other);
    const s = await signIn(t.app, foreign);
    const res = await admin.post(`/api/users/${foreign.id}/sessions/revoke`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe((await admin.post(`/api/users/${randomUUID()}/sessions/revoke`)).body);
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
    expect((await otherAdmin.get(`/api/users/${foreign.id}`)).json().activeSessions).toBe(1);
  });
});
