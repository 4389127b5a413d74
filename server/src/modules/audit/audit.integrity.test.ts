import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { type ChainProblem, verifyChain } from "./index.js";

let t: TestContext;

async function rows<T>(query: SQL): Promise<T[]> {
  return (await t.database.db.execute(query)).rows as T[];
}
const newDepartment = (s: Session) =>
  s.post("/api/departments", { code: `c-${randomUUID().slice(0, 8)}`, name: randomUUID() });
/** A separate organization with an admin and `writes` departments created through the API. */
async function orgWithEntries(writes: number) {
  const o = await makeOrg(t.database.db, 1);
  const s = await signIn(t.app, await makeUser(t.database.db, o, { role: "admin" }));
  for (let i = 0; i < writes; i++) expect((await newDepartment(s)).statusCode).toBe(201);
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
const lastSeq = async (orgId: string) =>
  (await rows<{ seq: number }>(sql`select max(seq)::int as seq from audit_log where org_id = ${orgId}`))[0]?.seq ?? 0;
const departmentCount = async (orgId: string) =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from departments where org_id = ${orgId}`))[0]?.n;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("verifying while the server writes", () => {
  it("when audited writes run in parallel with repeated verifications, then no verification reports a problem", async () => {
    const { org, admin } = await orgWithEntries(2);
    let writing = true;
    const writer = async () => {
      for (let i = 0; i < 40; i++) expect((await newDepartment(admin)).statusCode).toBe(201);
    };
    const writers = Promise.all([writer(), writer(), writer()]).finally(() => {
      writing = false;
    });
    const seen: ChainProblem[] = [];
    let verifications = 0;
    const verifier = async () => {
      while (writing) {
        seen.push(...(await verifyChain(t.database.db, org.id)).problems);
        verifications++;
      }
    };
    await Promise.all([writers, verifier(), verifier()]);
    expect(verifications).toBeGreaterThan(10);
    expect(seen).toEqual([]);
    const final = await verifyChain(t.database.db, org.id);
    expect(final).toEqual({ entries: await lastSeq(org.id), problems: [] });
  });
});

describe("a missing chain head", () => {
  it("when an organization has never written an entry, then verification reports nothing", async () => {
    const o = await makeOrg(t.database.db, 0);
    await asReplica([
      `delete from audit_log where org_id = '${o.id}'`,
      `delete from audit_heads where org_id = '${o.id}'`,
    ]);
    expect(await verifyChain(t.database.db, o.id)).toEqual({ entries: 0, problems: [] });
  });

  it("when the last entry is deleted together with the head row, then verification reports head-missing at the new last entry", async () => {
    const { org } = await orgWithEntries(3);
    const last = await lastSeq(org.id);
    await asReplica([
      `delete from audit_log where org_id = '${org.id}' and seq = ${last}`,
      `delete from audit_heads where org_id = '${org.id}'`,
    ]);
    expect(await verifyChain(t.database.db, org.id)).toEqual({
      entries: last - 1,
      problems: [{ seq: last - 1, problem: "head-missing" }],
    });
  });

  it("when the head row is gone, then the next audited change is refused with a clear message, nothing is saved and the report stays", async () => {
    const { org, admin } = await orgWithEntries(2);
    const last = await lastSeq(org.id);
    await asReplica([`delete from audit_heads where org_id = '${org.id}'`]);
    const before = await departmentCount(org.id);

    const res = await newDepartment(admin);

    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("INTERNAL");
    expect(res.json().error.message).toContain("監査ログ");
    expect(res.json().error.message).toContain("shien audit verify");
    expect(await departmentCount(org.id)).toBe(before);
    // Not repaired behind the administrator's back: no head row was recreated.
    expect(await rows(sql`select * from audit_heads where org_id = ${org.id}`)).toEqual([]);
    expect(await lastSeq(org.id)).toBe(last);
    expect((await verifyChain(t.database.db, org.id)).problems).toEqual([{ seq: last, problem: "head-missing" }]);
  });

  it("when the head row is rewound behind the log, then verification reports head-mismatch and the next change is refused", async () => {
    const { org, admin } = await orgWithEntries(3);
    const last = await lastSeq(org.id);
    const [prev] = await rows<{ hash: string }>(
      sql`select hash from audit_log where org_id = ${org.id} and seq = ${last - 1}`,
    );
    await asReplica([
      `update audit_heads set last_seq = ${last - 1}, last_hash = '${prev?.hash}' where org_id = '${org.id}'`,
    ]);
    expect((await verifyChain(t.database.db, org.id)).problems).toEqual([{ seq: last - 1, problem: "head-mismatch" }]);
    const before = await departmentCount(org.id);
    const res = await newDepartment(admin);
    expect(res.statusCode).toBe(500);
    expect(res.json().error.message).toContain("監査ログ");
    expect(await departmentCount(org.id)).toBe(before);
    expect(await lastSeq(org.id)).toBe(last);
  });
});
