import type { AuditEntry, Organization, Role } from "@shien/contracts";
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;
let other: OrgFixture;
const sessions = {} as Record<Role, Session>;
let otherAdmin: Session;

const fieldsOf = (res: LightMyRequestResponse): string[] =>
  ((res.json().error?.details ?? []) as { field: string }[]).map((d) => d.field);
const nameOf = async (orgId: string) =>
  (await t.database.db.execute(sql`select name from organizations where id = ${orgId}`)).rows[0]?.name;
const orgAudit = async (s: Session): Promise<AuditEntry[]> =>
  (await s.get(`/api/audit?entity=organization&entityId=${s.me.user.org.id}`)).json().items;

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  other = await makeOrg(t.database.db, 1);
  for (const role of ["admin", "manager", "staff", "viewer"] as const) {
    sessions[role] = await signIn(t.app, await makeUser(t.database.db, org, { role }));
  }
  otherAdmin = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
});
afterAll(() => t.close());

describe("GET /api/organization", () => {
  it.each(["admin", "manager", "staff", "viewer"] as const)(
    "when a %s reads the organization, then their own comes back",
    async (role) => {
      const res = await sessions[role].get("/api/organization");
      expect(res.statusCode).toBe(200);
      const body = res.json() as Organization;
      expect(body).toMatchObject({ id: org.id, slug: org.slug, name: await nameOf(org.id) });
      expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
    },
  );

  it("when a user of another organization reads it, then they see only their own", async () => {
    const res = await otherAdmin.get("/api/organization");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: other.id, slug: other.slug });
  });

  it("when no one is signed in, then 401", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/organization" });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("UNAUTHENTICATED");
  });
});

describe("PATCH /api/organization", () => {
  it("when an admin renames the organization, then the name is stored and audited with from and to", async () => {
    const before = await nameOf(org.id);
    const res = await sessions.admin.patch("/api/organization", { name: "  公益財団法人 テスト県産業振興センター  " });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.id, slug: org.slug, name: "公益財団法人 テスト県産業振興センター" });
    expect(await nameOf(org.id)).toBe("公益財団法人 テスト県産業振興センター");
    expect((await sessions.staff.get("/api/organization")).json().name).toBe("公益財団法人 テスト県産業振興センター");
    const [entry] = await orgAudit(sessions.admin);
    expect(entry).toMatchObject({
      entity: "organization",
      entityId: org.id,
      action: "update",
      actorUserId: sessions.admin.me.user.id,
      changes: [{ field: "name", from: before, to: "公益財団法人 テスト県産業振興センター" }],
    });
  });

  it.each(["manager", "staff", "viewer"] as const)(
    "when a %s renames the organization, then 404 and neither the name nor the audit log changes",
    async (role) => {
      const before = await nameOf(org.id);
      const entries = (await orgAudit(sessions.admin)).length;
      const res = await sessions[role].patch("/api/organization", { name: "乗っ取りセンター" });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("NOT_FOUND");
      expect(await nameOf(org.id)).toBe(before);
      expect((await orgAudit(sessions.admin)).length).toBe(entries);
    },
  );

  it("when another organization's admin renames theirs, then only theirs changes", async () => {
    const before = await nameOf(org.id);
    const res = await otherAdmin.patch("/api/organization", { name: "別センター" });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(other.id);
    expect(await nameOf(other.id)).toBe("別センター");
    expect(await nameOf(org.id)).toBe(before);
    expect((await orgAudit(sessions.admin)).every((e) => e.entityId === org.id)).toBe(true);
    expect((await orgAudit(otherAdmin))[0]?.changes).toEqual([
      { field: "name", from: expect.any(String), to: "別センター" },
    ]);
  });

  it.each([
    ["empty", { name: "" }],
    ["blank", { name: "    " }],
    ["too long", { name: "あ".repeat(201) }],
    ["not a string", { name: 42 }],
    ["missing", {}],
  ])("when the name is %s, then 400 names name and nothing changes", async (_label, payload) => {
    const before = await nameOf(org.id);
    const res = await sessions.admin.patch("/api/organization", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(fieldsOf(res)).toEqual(["name"]);
    expect(await nameOf(org.id)).toBe(before);
  });

  it("when the CSRF token is missing, then 403 and nothing changes", async () => {
    const before = await nameOf(org.id);
    const res = await sessions.admin.request("PATCH", "/api/organization", { name: "CSRF" }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(await nameOf(org.id)).toBe(before);
  });
});
