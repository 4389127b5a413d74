import { randomUUID } from "node:crypto";
import type { Role } from "@shien/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "./context.js";
import { makeOrg, makeUser, type OrgFixture, PASSWORD, type Session, signIn, type UserFixture } from "./factories.js";

/**
 * Who may do what, one row per endpoint and target: every role of organization A (each a member of
 * department d1) against a target in its own department, another department, another organization.
 * Each case also proves the state afterwards: a refused request changes nothing and writes no audit
 * entry; an allowed mutation changes the target and writes exactly one.
 */
type Scope = "self" | "ownDept" | "otherDept" | "otherOrg" | "org";
type Status = 200 | 201 | 400 | 404;
type EndpointName = keyof typeof endpoints;
/** endpoint, target, then the expected status for admin, manager, staff, viewer (null: not applicable). */
type Row = [EndpointName, Scope, Status | null, Status | null, Status | null, Status | null];

const ROLES = ["admin", "manager", "staff", "viewer"] as const;

let t: TestContext;
let orgA: OrgFixture;
let orgB: OrgFixture;
const actorUsers = {} as Record<Role, UserFixture>;
const actors = {} as Record<Role, Session>;
const targetUsers = {} as Record<"ownDept" | "otherDept" | "otherOrg", UserFixture>;
let counter = 0;

async function rows<T>(query: SQL): Promise<T[]> {
  return (await t.database.db.execute(query)).rows as T[];
}
const one = async (query: SQL) => (await rows<{ v: unknown }>(query))[0]?.v;
const auditCount = () => one(sql`select count(*)::int as v from audit_log`);
const deptOf = (o: OrgFixture, i: number): string => {
  const d = o.departments[i];
  if (!d) throw new Error(`org has no department #${i}`);
  return d.id;
};
function userTarget(scope: Scope, role: Role): string {
  if (scope === "self") return actorUsers[role].id;
  if (scope === "org") throw new Error("a user endpoint needs a user target");
  return targetUsers[scope].id;
}
function departmentTarget(scope: Scope): string {
  if (scope === "ownDept") return deptOf(orgA, 0);
  if (scope === "otherDept") return deptOf(orgA, 1);
  if (scope === "otherOrg") return deptOf(orgB, 0);
  throw new Error(`no department for ${scope}`);
}
const fixtureOf = (id: string): UserFixture => {
  const all = [...Object.values(actorUsers), ...Object.values(targetUsers)];
  const u = all.find((x) => x.id === id);
  if (!u) throw new Error(`unknown user ${id}`);
  return u;
};

interface Endpoint {
  call(s: Session, id: string): Promise<LightMyRequestResponse>;
  target(scope: Scope, role: Role): string;
  /** Whether the id is in the URL, so a refusal must look exactly like a missing record. */
  addressed: boolean;
  mutates: boolean;
  /** The state an allowed call changes and a refused one must leave alone. */
  probe?(id: string): Promise<unknown>;
  prepare?(id: string): Promise<unknown>;
}

const endpoints = {
  "GET /api/users/:id": {
    call: (s, id) => s.get(`/api/users/${id}`),
    target: userTarget,
    addressed: true,
    mutates: false,
  },
  "PATCH /api/users/:id": {
    call: (s, id) => s.patch(`/api/users/${id}`, { displayName: `名前 ${++counter}` }),
    target: userTarget,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select display_name as v from users where id = ${id}`),
  },
  "POST /api/users/:id/password": {
    // The same passphrase again (new salt, new hash): the fixtures can still sign in afterwards.
    call: (s, id) => s.post(`/api/users/${id}/password`, { newPassword: PASSWORD }),
    target: userTarget,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select password_hash as v from users where id = ${id}`),
  },
  "POST /api/users/:id/sessions/revoke": {
    call: (s, id) => s.post(`/api/users/${id}/sessions/revoke`),
    target: userTarget,
    addressed: true,
    mutates: true,
    prepare: (id) => signIn(t.app, fixtureOf(id)),
    probe: (id) => one(sql`select count(*)::int as v from sessions where user_id = ${id} and ended_at is null`),
  },
  "GET /api/departments": {
    call: (s) => s.get("/api/departments"),
    target: () => "",
    addressed: false,
    mutates: false,
  },
  "GET /api/departments/:id": {
    call: (s, id) => s.get(`/api/departments/${id}`),
    target: departmentTarget,
    addressed: true,
    mutates: false,
  },
  "PATCH /api/departments/:id": {
    call: (s, id) => s.patch(`/api/departments/${id}`, { sortOrder: ++counter }),
    target: departmentTarget,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select sort_order as v from departments where id = ${id}`),
  },
  "PATCH /api/organization": {
    call: (s) => s.patch("/api/organization", { name: `センター ${++counter}` }),
    target: () => "",
    addressed: false,
    mutates: true,
    probe: () => one(sql`select name as v from organizations where id = ${orgA.id}`),
  },
  "GET /api/audit": {
    call: (s) => s.get("/api/audit"),
    target: () => "",
    addressed: false,
    mutates: false,
  },
  "POST /api/users": {
    call: (s, departmentId) =>
      s.post("/api/users", {
        login: `new-${++counter}`,
        displayName: "新規 ユーザー",
        role: "staff",
        departmentIds: [departmentId],
        password: PASSWORD,
      }),
    target: departmentTarget,
    addressed: false,
    mutates: true,
    probe: () => one(sql`select count(*)::int as v from users`),
  },
  "POST /api/departments": {
    call: (s) => s.post("/api/departments", { code: `new-${++counter}`, name: `新設課 ${counter}` }),
    target: () => "",
    addressed: false,
    mutates: true,
    probe: () => one(sql`select count(*)::int as v from departments`),
  },
} satisfies Record<string, Endpoint>;

const matrix: Row[] = [
  //                                        target        admin manager staff viewer
  ["GET /api/users/:id", "self", 200, 200, 200, 200],
  ["GET /api/users/:id", "ownDept", 200, 200, 404, 404],
  ["GET /api/users/:id", "otherDept", 200, 404, 404, 404],
  ["GET /api/users/:id", "otherOrg", 404, 404, 404, 404],
  ["PATCH /api/users/:id", "self", 200, 404, 404, 404],
  ["PATCH /api/users/:id", "ownDept", 200, 404, 404, 404],
  ["PATCH /api/users/:id", "otherDept", 200, 404, 404, 404],
  ["PATCH /api/users/:id", "otherOrg", 404, 404, 404, 404],
  // An admin resetting or revoking their own sessions would end the session this table runs on.
  ["POST /api/users/:id/password", "self", null, 404, 404, 404],
  ["POST /api/users/:id/password", "ownDept", 200, 404, 404, 404],
  ["POST /api/users/:id/password", "otherDept", 200, 404, 404, 404],
  ["POST /api/users/:id/password", "otherOrg", 404, 404, 404, 404],
  ["POST /api/users/:id/sessions/revoke", "self", null, 404, 404, 404],
  ["POST /api/users/:id/sessions/revoke", "ownDept", 200, 404, 404, 404],
  ["POST /api/users/:id/sessions/revoke", "otherDept", 200, 404, 404, 404],
  ["POST /api/users/:id/sessions/revoke", "otherOrg", 404, 404, 404, 404],
  ["GET /api/departments", "org", 200, 200, 200, 200],
  ["GET /api/departments/:id", "ownDept", 200, 200, 200, 200],
  ["GET /api/departments/:id", "otherDept", 200, 200, 200, 200],
  ["GET /api/departments/:id", "otherOrg", 404, 404, 404, 404],
  ["PATCH /api/departments/:id", "ownDept", 200, 404, 404, 404],
  ["PATCH /api/departments/:id", "otherDept", 200, 404, 404, 404],
  ["PATCH /api/departments/:id", "otherOrg", 404, 404, 404, 404],
  ["PATCH /api/organization", "org", 200, 404, 404, 404],
  ["GET /api/audit", "org", 200, 404, 404, 404],
  ["POST /api/users", "ownDept", 201, 404, 404, 404],
  ["POST /api/users", "otherDept", 201, 404, 404, 404],
  // Another organization's department in the body is a bad reference (400 naming departmentIds), not a probe.
  ["POST /api/users", "otherOrg", 400, 404, 404, 404],
  ["POST /api/departments", "org", 201, 404, 404, 404],
];

const SCOPE_TEXT: Record<Scope, string> = {
  self: "themselves",
  ownDept: "their own department",
  otherDept: "another department",
  otherOrg: "another organization",
  org: "their organization",
};

const cases = matrix.flatMap(([endpoint, scope, ...statuses]) =>
  ROLES.flatMap((role, i) => {
    const status = statuses[i];
    return status === null || status === undefined
      ? []
      : [{ role, endpoint, scope, on: SCOPE_TEXT[scope], status, outcome: status < 300 ? "allowed" : "refused" }];
  }),
);

beforeAll(async () => {
  t = await createTestContext();
  orgA = await makeOrg(t.database.db, 2);
  orgB = await makeOrg(t.database.db, 1);
  const db = t.database.db;
  for (const role of ROLES) {
    actorUsers[role] = await makeUser(db, orgA, { role, departmentIds: [deptOf(orgA, 0)] });
    actors[role] = await signIn(t.app, actorUsers[role]);
  }
  targetUsers.ownDept = await makeUser(db, orgA, { departmentIds: [deptOf(orgA, 0)] });
  targetUsers.otherDept = await makeUser(db, orgA, { departmentIds: [deptOf(orgA, 1)] });
  targetUsers.otherOrg = await makeUser(db, orgB, { departmentIds: [deptOf(orgB, 0)] });
});
afterAll(() => t.close());

describe("access matrix", () => {
  it("when the matrix is read, then every listed endpoint is covered for every role", () => {
    expect(new Set(cases.map((c) => c.endpoint))).toEqual(new Set(Object.keys(endpoints)));
    expect(cases.length).toBe(matrix.length * ROLES.length - 2);
  });

  it.each(cases)(
    "when a $role calls $endpoint on $on, then $status ($outcome)",
    async ({ role, endpoint, scope, status }) => {
      const ep: Endpoint = endpoints[endpoint];
      const session = actors[role];
      const id = ep.target(scope, role);
      await ep.prepare?.(id);
      const before = await ep.probe?.(id);
      const auditBefore = Number(await auditCount());

      const res = await ep.call(session, id);

      expect(res.statusCode, res.body).toBe(status);
      const changed = status < 300 && ep.mutates;
      const after = await ep.probe?.(id);
      if (changed) expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
      expect(Number(await auditCount())).toBe(auditBefore + (changed ? 1 : 0));
      if (status === 404) {
        expect(res.json().error.code).toBe("NOT_FOUND");
        if (ep.addressed) expect(res.body).toBe((await ep.call(session, randomUUID())).body);
      }
      if (status === 400)
        expect(res.json().error.details).toEqual([{ field: "departmentIds", message: expect.any(String) }]);
      // The actor's own session is untouched by whatever they were allowed or refused to do.
      expect((await session.get("/api/auth/me")).statusCode).toBe(200);
    },
  );
});
