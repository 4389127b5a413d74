import { and, count, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { sessions } from "../../db/schema/index.js";

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const rows = await db.insert(sessions).values(row).returning();
  return rows[0] as SessionRow;
}

/** A session that is not ended, not past its absolute expiry, and seen within the idle window. */
export async function findLiveByTokenHash(
  db: Executor,
  tokenHash: string,
  idleMs: number,
): Promise<SessionRow | undefined> {
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${idleMs / 1000})`),
      ),
    );
  return rows[0];
}

export async function touch(db: Executor, id: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
}

export async function setActiveDepartment(db: Executor, orgId: string, id: string, departmentId: string | null) {
  await db
    .update(sessions)
    .set({ activeDepartmentId: departmentId })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.id, id)));
}

export async function endById(db: Executor, orgId: string, id: string, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: sql`now()`, endedReason: reason })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.id, id), isNull(sessions.endedAt)));
}

export async function endForUser(
  db: Executor,
  orgId: string,
  userId: string,
  reason: string,
  exceptSessionId?: string,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ endedAt: sql`now()`, endedReason: reason })
    .where(
      and(
        eq(sessions.orgId, orgId),
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

export async function countLiveByUser(db: Executor, orgId: string, userIds: string[], idleMs: number) {
  if (userIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ userId: sessions.userId, n: count() })
    .from(sessions)
    .where(
      and(
        eq(sessions.orgId, orgId),
        inArray(sessions.userId, userIds),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${idleMs / 1000})`),
      ),
    )
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}
