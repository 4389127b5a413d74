import { randomUUID } from "node:crypto";
import type { AuditEntry, AuditPage } from "@shien/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";
import { verifyChain } from "./index.js";

let t: TestContext;
let org: OrgFixture;
let other: OrgFixture;
let admin: Session;
let staff: Session;
let otherAdmin: Session;
const deniedRoles = ["manager", "staff", "viewer"] as const;
const denied = {} as Record<(typeof deniedRoles)[number], Session>;

const fieldsOf = (res: LightMyRequestResponse): string[] =>
  ((res.json().error?.details ?? []) as { field: string }[]).map((d) => d.field);
async function rows<T>(query: SQL): Promise<T[]> {
  return (await t.database.db.execute(query)).rows as T[];
}
const page = async (s: Session, query: string): Promise<AuditPage> => {
  const res = await s.get(`/api/audit?${query}`);
  if (res.statusCode !== 200) throw new Error(`audit query failed: ${res.statusCode} ${res.body}`);
  return res.json() as AuditPage;
};
/** The Asia/Tokyo calendar day of a moment, as YYYY-MM-DD. */
const jstDay = (at: Date | string) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date(at));
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const newDepartment = async (s: Session) => {
  const res = await s.post("/api/departments", { code: `c-${randomUUID().slice(0, 8)}`, name: randomUUID() });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
};
/** A separate organization with an admin and `writes` departments created through the API. */
async function orgWithEntries(writes: number) {
  const o = await makeOrg(t.database.db, 1);
  const s = await signIn(t.app, await makeUser(t.database.db, o, { role: "admin" }));
  for (let i = 0; i < writes; i++) await newDepartment(s);
  return { org: o, admin: s };
}
/** Runs statements on one pooled connection with the append-only trigger switched off (superuser only). */
async function asReplica(statements: string[]) {
  const c = await t.database.pool.connect();
  try {
    await c.query("set session_replication_role = replica");
    for (const s of statements) await c.query(s);
  } finally {
    await c.query("reset session_replication_role");
    c.release();
  }
}

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  other = await makeOrg(t.database.db, 1);
  admin = await signIn(t.app, await makeUser(t.database.db, org, { role: "admin" }));
  for (const role of deniedRoles) denied[role] = await signIn(t.app, await makeUser(t.database.db, org, { role }));
  staff = denied.staff;
  otherAdmin = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
});
afterAll(() => t.close());

describe("GET /api/audit: who may read", () => {
  it.each(deniedRoles)("when a %s reads the audit log, then 404 and no entry leaks", async (role) => {
    const res = await denied[role].get("/api/audit");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String) } });
  });

  it("when an admin creates a user, then an entry names the user, the action create and the admin", async () => {
    const res = await admin.post("/api/users", {
      login: `audited-${randomUUID().slice(0, 6)}`,
      displayName: "監査 太郎",
      role: "viewer",
      departmentIds: [org.departments[0]?.id],
      password: "a long enough passphrase",
    });
    expect(res.statusCode).toBe(201);
    const { items, total } = await page(admin, `entityId=${res.json().id}`);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      entity: "user",
      action: "create",
      actorUserId: admin.me.user.id,
      actorLabel: expect.stringContaining(admin.me.user.login),
    });
    expect(Math.abs(Date.parse(items[0]?.at ?? "") - Date.now())).toBeLessThan(60_000);
  });

  it("when org A writes entries, then org B's admin never sees them, even when filtering for them", async () => {
    const id = await newDepartment(admin);
    expect((await page(admin, `entityId=${id}`)).total).toBe(1);
    expect(await page(otherAdmin, `entityId=${id}`)).toMatchObject({ items: [], total: 0 });
    const seen = await page(otherAdmin, "pageSize=200");
    const inB = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where org_id = ${other.id}`);
    expect(seen.total).toBe(inB[0]?.n);
    expect(seen.items.map((e) => e.entityId)).not.toContain(id);
    expect(seen.items.map((e) => e.actorUserId)).not.toContain(admin.me.user.id);
  });
});

describe("GET /api/audit: filters and paging", () => {
  it.each([
    ["entity=department", sql`entity = 'department'`, (e: AuditEntry) => e.entity === "department"],
    ["action=login", sql`action = 'login'`, (e: AuditEntry) => e.action === "login"],
    [
      "entity=session&action=login",
      sql`entity = 'session' and action = 'login'`,
      (e: AuditEntry) => e.entity === "session",
    ],
  ])("when filtered by %s, then exactly the matching entries of the org come back", async (query, where, matches) => {
    await newDepartment(admin);
    const result = await page(admin, `${query}&pageSize=200`);
    const expected = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where org_id = ${org.id} and ${where}`,
    );
    expect(result.total).toBe(expected[0]?.n);
    expect(result.total).toBeGreaterThan(0);
    expect(result.items.every(matches)).toBe(true);
  });

  it("when filtered by actorUserId, then only that user's entries come back", async () => {
    await staff.post("/api/auth/logout");
    const result = await page(admin, `actorUserId=${staff.me.user.id}`);
    expect(result.items.map((e) => e.action).sort()).toEqual(["login", "logout"]);
    expect(result.items.every((e) => e.actorUserId === staff.me.user.id)).toBe(true);
    expect(await page(admin, `actorUserId=${randomUUID()}`)).toMatchObject({ items: [], total: 0 });
  });

  it("when paging, then pages are disjoint, newest first, and together hold every entry", async () => {
    const { total } = await page(admin, "pageSize=1");
    const seqs: number[] = [];
    for (let p = 1; p <= Math.ceil(total / 4); p++) {
      const r = await page(admin, `page=${p}&pageSize=4`);
      expect(r).toMatchObject({ page: p, pageSize: 4, total });
      seqs.push(...r.items.map((e) => e.seq));
    }
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => total - i));
    expect((await page(admin, `page=${Math.ceil(total / 4) + 1}&pageSize=4`)).items).toEqual([]);
  });

  it("when filtered by today's Tokyo date, then new entries are found; by yesterday, none", async () => {
    const id = await newDepartment(admin);
    const [entry] = (await page(admin, `entityId=${id}`)).items;
    const today = jstDay(entry?.at ?? "");
    expect((await page(admin, `entityId=${id}&from=${today}&to=${today}`)).total).toBe(1);
    expect((await page(admin, `entityId=${id}&from=${dayBefore(today)}`)).total).toBe(1);
    expect((await page(admin, `entityId=${id}&from=${dayBefore(today)}&to=${dayBefore(today)}`)).total).toBe(0);
    expect((await page(admin, `from=${today}`)).total).toBeGreaterThan(0);
    expect((await page(admin, `to=${dayBefore(today)}`)).total).toBe(0);
  });

  it("when an entry is written at 15:30 UTC, then it belongs to the next Tokyo day", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    let id: string;
    try {
      vi.setSystemTime(new Date("2026-04-01T15:30:00Z"));
      id = await newDepartment(admin);
    } finally {
      vi.useRealTimers();
    }
    const [entry] = (await page(admin, `entityId=${id}`)).items;
    expect(entry?.at).toBe("2026-04-01T15:30:00.000Z");
    expect((await page(admin, `entityId=${id}&from=2026-04-02&to=2026-04-02`)).total).toBe(1);
    expect((await page(admin, `entityId=${id}&from=2026-04-01&to=2026-04-01`)).total).toBe(0);
    expect((await page(admin, `entityId=${id}&to=2026-04-01`)).total).toBe(0);
    expect((await page(admin, `entityId=${id}&from=2026-04-03`)).total).toBe(0);
  });

  it.each([
    ["from=2026-13-01", "from"],
    ["to=yesterday", "to"],
    ["action=explode", "action"],
    ["actorUserId=nobody", "actorUserId"],
    ["page=0", "page"],
    ["pageSize=201", "pageSize"],
  ])("when the query has %s, then 400 names %s", async (query, field) => {
    const res = await admin.get(`/api/audit?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(fieldsOf(res)).toEqual([field]);
  });
});

describe("hash chain", () => {
  it("when many entries were written, then the chain verifies and the head matches", async () => {
    const { org: o } = await orgWithEntries(12);
    const result = await verifyChain(t.database.db, o.id);
    const n = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where org_id = ${o.id}`);
    expect(result).toEqual({ entries: n[0]?.n, problems: [] });
    expect(result.entries).toBeGreaterThanOrEqual(15);
    expect((await verifyChain(t.database.db, org.id)).problems).toEqual([]);
  });

  it("when an entry's changes are edited behind the trigger's back, then verification reports hash-mismatch", async () => {
    const { org: o } = await orgWithEntries(5);
    await asReplica([`update audit_log set changes = '[]'::jsonb where org_id = '${o.id}' and seq = 3`]);
    expect((await verifyChain(t.database.db, o.id)).problems).toEqual([{ seq: 3, problem: "hash-mismatch" }]);
  });

  it("when a middle entry is deleted behind the trigger's back, then verification reports the gap", async () => {
    const { org: o } = await orgWithEntries(5);
    await asReplica([`delete from audit_log where org_id = '${o.id}' and seq = 3`]);
    const { problems } = await verifyChain(t.database.db, o.id);
    expect(problems).toEqual(
      expect.arrayContaining([
        { seq: 3, problem: "missing-entry" },
        { seq: 4, problem: "broken-link" },
      ]),
    );
  });

  it("when the last entry is deleted behind the trigger's back, then the head no longer matches", async () => {
    const { org: o } = await orgWithEntries(2);
    const [last] = await rows<{ seq: number }>(sql`select max(seq)::int as seq from audit_log where org_id = ${o.id}`);
    await asReplica([`delete from audit_log where org_id = '${o.id}' and seq = ${last?.seq}`]);
    expect((await verifyChain(t.database.db, o.id)).problems).toEqual([{ seq: last?.seq, problem: "head-mismatch" }]);
  });

  it("when an ordinary connection updates, deletes or truncates the log, then the trigger refuses", async () => {
    const { org: o } = await orgWithEntries(1);
    const before = await rows(sql`select * from audit_log where org_id = ${o.id} order by seq`);
    await expect(
      t.database.db.execute(sql`update audit_log set changes = '[]'::jsonb where org_id = ${o.id}`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log where org_id = ${o.id}`)).rejects.toThrow();
    const c = await t.database.pool.connect();
    try {
      await c.query("begin");
      await expect(c.query("truncate audit_log")).rejects.toThrow(/append-only/);
    } finally {
      await c.query("rollback");
      c.release();
    }
    expect(await rows(sql`select * from audit_log where org_id = ${o.id} order by seq`)).toEqual(before);
    expect((await verifyChain(t.database.db, o.id)).problems).toEqual([]);
  });

  it("when 20 mutations run in parallel, then seq is contiguous 1..N and the chain verifies", async () => {
    const { org: o, admin: s } = await orgWithEntries(0);
    const results = await Promise.all(Array.from({ length: 20 }, () => newDepartment(s)));
    expect(new Set(results).size).toBe(20);
    const seqs = (
      await rows<{ seq: number }>(sql`select seq::int as seq from audit_log where org_id = ${o.id} order by seq`)
    ).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThanOrEqual(22);
    expect(await verifyChain(t.database.db, o.id)).toEqual({ entries: seqs.length, problems: [] });
    const [head] = await rows<{ last_seq: number }>(
      sql`select last_seq::int as last_seq from audit_heads where org_id = ${o.id}`,
    );
    expect(head?.last_seq).toBe(seqs.length);
  });
});
