import { randomUUID } from "node:crypto";
import type { AuditEntry, Department } from "@shien/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;
let other: OrgFixture;
let admin: Session;
let manager: Session;
let staff: Session;
let viewer: Session;
let otherAdmin: Session;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${randomUUID().slice(0, 6)}`;
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
const deptRow = async (id: string) =>
  (
    await rows<{ name: string; sort_order: number; archived: boolean }>(
      sql`select name, sort_order, archived from departments where id = ${id}`,
    )
  )[0];
const countDepts = async (orgId: string): Promise<number> =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from departments where org_id = ${orgId}`))[0]?.n ?? -1;
const auditOf = async (id: string): Promise<AuditEntry[]> =>
  (await admin.get(`/api/audit?entity=department&entityId=${id}`)).json().items;
async function created(input: { code?: string; name?: string; sortOrder?: number } = {}): Promise<Department> {
  const res = await admin.post("/api/departments", { code: unique("c"), name: unique("課"), ...input });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json() as Department;
}

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  other = await makeOrg(t.database.db, 1);
  const [d1, d2] = [deptOf(org, 0), deptOf(org, 1)];
  admin = await signIn(t.app, await makeUser(t.database.db, org, { role: "admin", departmentIds: [d1] }));
  manager = await signIn(t.app, await makeUser(t.database.db, org, { role: "manager", departmentIds: [d1] }));
  staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff", departmentIds: [d1] }));
  viewer = await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer", departmentIds: [d2] }));
  otherAdmin = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
});
afterAll(() => t.close());

describe("GET /api/departments", () => {
  it("when anyone in the org lists, then every department of the org comes back, none of another org", async () => {
    for (const s of [admin, manager, staff, viewer]) {
      const res = await s.get("/api/departments");
      expect(res.statusCode).toBe(200);
      const ids = (res.json().items as Department[]).map((d) => d.id);
      expect(ids).toEqual(expect.arrayContaining([deptOf(org, 0), deptOf(org, 1)]));
      expect(ids).not.toContain(deptOf(other, 0));
      expect(ids).toHaveLength(await countDepts(org.id));
    }
  });

  it("when a department is archived, then it is still listed, marked archived", async () => {
    const d = await created();
    expect((await admin.patch(`/api/departments/${d.id}`, { archived: true })).statusCode).toBe(200);
    const items = (await staff.get("/api/departments")).json().items as Department[];
    expect(items.find((x) => x.id === d.id)?.archived).toBe(true);
  });
});

describe("GET /api/departments/:id", () => {
  it("when a user of another department reads a department, then it comes back", async () => {
    const res = await viewer.get(`/api/departments/${deptOf(org, 0)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: deptOf(org, 0), code: "d1", name: "第1課", sortOrder: 0, archived: false });
  });

  it("when the department belongs to another organization, then 404 exactly like a missing one", async () => {
    const res = await admin.get(`/api/departments/${deptOf(other, 0)}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
    expect(res.body).toBe((await admin.get(`/api/departments/${randomUUID()}`)).body);
  });

  it("when the id is not a uuid, then 400 names id", async () => {
    const res = await staff.get("/api/departments/d1");
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(["id"]);
  });
});

describe("POST /api/departments", () => {
  it("when an admin creates a department, then it is stored and audited", async () => {
    const res = await admin.post("/api/departments", { code: "sogo-soudan", name: "総合相談課", sortOrder: 5 });
    expect(res.statusCode).toBe(201);
    const d = res.json() as Department;
    expect(d).toMatchObject({ code: "sogo-soudan", name: "総合相談課", sortOrder: 5, archived: false });
    expect((await staff.get(`/api/departments/${d.id}`)).json()).toEqual(d);
    const [entry] = await auditOf(d.id);
    expect(entry).toMatchObject({ action: "create", actorUserId: admin.me.user.id });
    expect(entry?.changes).toEqual([
      { field: "code", from: null, to: "sogo-soudan" },
      { field: "name", from: null, to: "総合相談課" },
      { field: "sortOrder", from: null, to: 5 },
    ]);
  });

  it("when the code or the name is taken, then 409 names that field and no second row exists", async () => {
    const d = await created();
    const before = await countDepts(org.id);
    const sameCode = await admin.post("/api/departments", { code: d.code, name: unique("課") });
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().error.code).toBe("CONFLICT");
    expect(fieldsOf(sameCode)).toEqual(["code"]);
    const sameName = await admin.post("/api/departments", { code: unique("c"), name: d.name });
    expect(sameName.statusCode).toBe(409);
    expect(fieldsOf(sameName)).toEqual(["name"]);
    expect(await countDepts(org.id)).toBe(before);
  });

  it("when another organization uses the same code and name, then both may exist", async () => {
    const mine = await created();
    const res = await otherAdmin.post("/api/departments", { code: mine.code, name: mine.name });
    expect(res.statusCode).toBe(201);
    expect(res.json().id).not.toBe(mine.id);
    expect((await admin.get(`/api/departments/${mine.id}`)).json()).toEqual(mine);
  });

  it("when the same code is created five times at once, then exactly one succeeds", async () => {
    const code = unique("race");
    const before = await countDepts(org.id);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => admin.post("/api/departments", { code, name: `${code}-${i}` })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await countDepts(org.id)).toBe(before + 1);
  });

  it("when a manager, staff or viewer creates a department, then 404 and nothing is stored", async () => {
    const before = await countDepts(org.id);
    for (const s of [manager, staff, viewer]) {
      const res = await s.post("/api/departments", { code: unique("c"), name: unique("課") });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("NOT_FOUND");
    }
    expect(await countDepts(org.id)).toBe(before);
  });

  it("when the body is malformed, then 400 names each bad field and nothing is stored", async () => {
    const before = await countDepts(org.id);
    const res = await admin.post("/api/departments", { code: "Bad Code!", name: "   ", sortOrder: -1 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(["code", "name", "sortOrder"]);
    const missing = await admin.post("/api/departments", {});
    expect(fieldsOf(missing).sort()).toEqual(["code", "name"]);
    expect(await countDepts(org.id)).toBe(before);
  });
});

describe("PATCH /api/departments/:id", () => {
  it("when an admin renames a department, then it is stored and the audit entry has from and to", async () => {
    const d = await created({ sortOrder: 1 });
    const res = await admin.patch(`/api/departments/${d.id}`, { name: "経営支援課", sortOrder: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...d, name: "経営支援課", sortOrder: 2 });
    expect(await deptRow(d.id)).toEqual({ name: "経営支援課", sort_order: 2, archived: false });
    const [entry] = await auditOf(d.id);
    expect(entry).toMatchObject({ action: "update", actorUserId: admin.me.user.id });
    expect(entry?.changes).toEqual([
      { field: "name", from: d.name, to: "経営支援課" },
      { field: "sortOrder", from: 1, to: 2 },
    ]);
  });

  it("when the new name belongs to another department, then 409 names name and nothing changes", async () => {
    const [a, b] = [await created(), await created()];
    const res = await admin.patch(`/api/departments/${b.id}`, { name: a.name });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(["name"]);
    expect((await deptRow(b.id))?.name).toBe(b.name);
  });

  it("when a department is archived, then new users cannot be assigned to it, nor existing users moved there", async () => {
    const d = await created();
    const res = await admin.patch(`/api/departments/${d.id}`, { archived: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().archived).toBe(true);
    expect((await auditOf(d.id))[0]?.changes).toEqual([{ field: "archived", from: false, to: true }]);
    const login = unique("u");
    const create = await admin.post("/api/users", {
      login,
      displayName: "新人",
      role: "staff",
      departmentIds: [d.id],
      password: "a long enough passphrase",
    });
    expect(create.statusCode).toBe(400);
    expect(fieldsOf(create)).toEqual(["departmentIds"]);
    expect(await rows(sql`select 1 from users where login = ${login}`)).toHaveLength(0);
    const move = await admin.patch(`/api/users/${staff.me.user.id}`, { departmentIds: [d.id] });
    expect(move.statusCode).toBe(400);
    expect(fieldsOf(move)).toEqual(["departmentIds"]);
    expect((await admin.get(`/api/users/${staff.me.user.id}`)).json().departmentIds).toEqual([deptOf(org, 0)]);
  });

  it("when a manager, staff or viewer patches their own department, then 404 and nothing changes", async () => {
    const id = deptOf(org, 0);
    for (const s of [manager, staff, viewer]) {
      const res = await s.patch(`/api/departments/${id}`, { name: "乗っ取り", archived: true });
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe((await s.patch(`/api/departments/${randomUUID()}`, { name: "乗っ取り" })).body);
    }
    expect(await deptRow(id)).toEqual({ name: "第1課", sort_order: 0, archived: false });
  });

  it("when the department belongs to another organization, then 404 like a missing one and nothing changes", async () => {
    const id = deptOf(other, 0);
    const res = await admin.patch(`/api/departments/${id}`, { archived: true });
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe((await admin.patch(`/api/departments/${randomUUID()}`, { archived: true })).body);
    expect((await deptRow(id))?.archived).toBe(false);
  });

  it("when the body is malformed, then 400 names each bad field and nothing changes", async () => {
    const d = await created();
    const res = await admin.patch(`/api/departments/${d.id}`, { name: "", sortOrder: 10000, archived: "yes" });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(["archived", "name", "sortOrder"]);
    expect(await deptRow(d.id)).toEqual({ name: d.name, sort_order: d.sortOrder, archived: false });
  });
});
