import type { AuditQuery } from "@shien/contracts";
import { and, asc, count, desc, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { auditHeads, auditLog } from "../../db/schema/index.js";

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<typeof auditLog.$inferInsert, "id">;

/** Locks this organization's chain head for the rest of the transaction (creating it on first use). */
/**
 * Locks the org's chain head and returns it, creating it on first use: one statement, since every
 * audited change of the org passes here. The no-op update takes the row lock like FOR UPDATE.
 */
export async function lockHead(tx: Executor, orgId: string, genesis: string) {
  const rows = await tx
    .insert(auditHeads)
    .values({ orgId, lastSeq: 0, lastHash: genesis })
    .onConflictDoUpdate({ target: auditHeads.orgId, set: { orgId: sql`excluded.org_id` } })
    .returning();
  const head = rows[0];
  if (!head) throw new Error("audit head missing after insert");
  return head;
}

export async function insertEntry(tx: Executor, row: NewAuditRow): Promise<void> {
  await tx.insert(auditLog).values(row);
  await tx.update(auditHeads).set({ lastSeq: row.seq, lastHash: row.hash }).where(eq(auditHeads.orgId, row.orgId));
}

function filters(orgId: string, q: AuditQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(auditLog.orgId, orgId)];
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.actorUserId) conds.push(eq(auditLog.actorUserId, q.actorUserId));
  // Dates are Japanese business days: filter on Asia/Tokyo calendar days, not UTC.
  if (q.from) conds.push(gte(auditLog.at, sql`(${q.from}::date)::timestamp at time zone 'Asia/Tokyo'`));
  if (q.to) conds.push(lt(auditLog.at, sql`((${q.to}::date) + 1)::timestamp at time zone 'Asia/Tokyo'`));
  return and(...conds);
}

export async function listEntries(db: Db, orgId: string, q: AuditQuery) {
  const where = filters(orgId, q);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function entriesAfter(db: Executor, orgId: string, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), gt(auditLog.seq, afterSeq)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}

export async function head(db: Executor, orgId: string) {
  const rows = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId));
  return rows[0];
}
