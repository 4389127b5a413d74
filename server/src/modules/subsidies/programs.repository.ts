import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { subsidyFrames, subsidyNoticeCounters, subsidyPrograms, subsidyRounds } from "../../db/schema/index.js";

export type SubsidyProgramRow = typeof subsidyPrograms.$inferSelect;
export type RoundRow = typeof subsidyRounds.$inferSelect;
export type FrameRow = typeof subsidyFrames.$inferSelect;

/** Adds the program's configuration unless it exists: a manager's edits are never overwritten. */
export async function insertProgramIfMissing(
  db: Executor,
  values: { orgId: string; fiscalYear: number; programId: string; departmentId: string; terms: unknown },
): Promise<void> {
  await db
    .insert(subsidyPrograms)
    .values(values)
    .onConflictDoNothing({ target: [subsidyPrograms.orgId, subsidyPrograms.programId] });
}

export function programsOfYear(db: Executor, orgId: string, fiscalYear: number): Promise<SubsidyProgramRow[]> {
  return db
    .select()
    .from(subsidyPrograms)
    .where(and(eq(subsidyPrograms.orgId, orgId), eq(subsidyPrograms.fiscalYear, fiscalYear)))
    .orderBy(asc(subsidyPrograms.createdAt), asc(subsidyPrograms.id));
}

/** Every subsidy program of an organization, all years (a handful a year). */
export function programsOfOrg(db: Executor, orgId: string): Promise<SubsidyProgramRow[]> {
  return db.select().from(subsidyPrograms).where(eq(subsidyPrograms.orgId, orgId));
}

export async function findProgram(
  db: Executor,
  orgId: string,
  id: string,
  lock = false,
): Promise<SubsidyProgramRow | undefined> {
  const q = db
    .select()
    .from(subsidyPrograms)
    .where(and(eq(subsidyPrograms.orgId, orgId), eq(subsidyPrograms.id, id)));
  return (lock ? await q.for("update") : await q)[0];
}

export async function updateTerms(db: Executor, orgId: string, id: string, terms: unknown): Promise<void> {
  await db
    .update(subsidyPrograms)
    .set({ terms, updatedAt: new Date() })
    .where(and(eq(subsidyPrograms.orgId, orgId), eq(subsidyPrograms.id, id)));
}

export function roundsOf(db: Executor, orgId: string, programIds: readonly string[]): Promise<RoundRow[]> {
  if (programIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(subsidyRounds)
    .where(and(eq(subsidyRounds.orgId, orgId), inArray(subsidyRounds.subsidyProgramId, [...programIds])))
    .orderBy(asc(subsidyRounds.opensOn), asc(subsidyRounds.name));
}

export async function findRound(db: Executor, orgId: string, id: string): Promise<RoundRow | undefined> {
  return (
    await db
      .select()
      .from(subsidyRounds)
      .where(and(eq(subsidyRounds.orgId, orgId), eq(subsidyRounds.id, id)))
  )[0];
}

/** undefined when a round of that name exists already. */
export async function insertRound(
  db: Executor,
  values: typeof subsidyRounds.$inferInsert,
): Promise<RoundRow | undefined> {
  const rows = await db.insert(subsidyRounds).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export function framesOf(db: Executor, orgId: string, programIds: readonly string[]): Promise<FrameRow[]> {
  if (programIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(subsidyFrames)
    .where(and(eq(subsidyFrames.orgId, orgId), inArray(subsidyFrames.subsidyProgramId, [...programIds])))
    .orderBy(sql`${subsidyFrames.roundId} is not null`, asc(subsidyFrames.id));
}

/** The whole-year frame (roundId null) or a round's frame; created unless it exists. */
export async function insertFrameIfMissing(
  db: Executor,
  values: { orgId: string; subsidyProgramId: string; roundId: string | null; budgetYen: number },
): Promise<void> {
  await db.insert(subsidyFrames).values(values).onConflictDoNothing();
}

export async function findFrame(
  db: Executor,
  orgId: string,
  subsidyProgramId: string,
  roundId: string | null,
  lock = false,
): Promise<FrameRow | undefined> {
  const q = db
    .select()
    .from(subsidyFrames)
    .where(
      and(
        eq(subsidyFrames.orgId, orgId),
        eq(subsidyFrames.subsidyProgramId, subsidyProgramId),
        roundId === null ? isNull(subsidyFrames.roundId) : eq(subsidyFrames.roundId, roundId),
      ),
    );
  return (lock ? await q.for("update") : await q)[0];
}

/**
 * The whole-year frame under its row lock: decisions on it, its budget and its rounds' allocations
 * all take this lock first, so each sees what the other committed.
 */
export async function lockYearFrame(db: Executor, orgId: string, subsidyProgramId: string) {
  return findFrame(db, orgId, subsidyProgramId, null, true);
}

/** What the rounds' own frames take out of the program's year budget. */
export async function roundAllocations(db: Executor, orgId: string, subsidyProgramId: string): Promise<number> {
  const rows = await db
    .select({ yen: sql<string | null>`sum(${subsidyFrames.budgetYen})::text` })
    .from(subsidyFrames)
    .where(
      and(
        eq(subsidyFrames.orgId, orgId),
        eq(subsidyFrames.subsidyProgramId, subsidyProgramId),
        isNotNull(subsidyFrames.roundId),
      ),
    );
  return Number(rows[0]?.yen ?? 0);
}

export async function findFrameById(db: Executor, orgId: string, id: string): Promise<FrameRow | undefined> {
  return (
    await db
      .select()
      .from(subsidyFrames)
      .where(and(eq(subsidyFrames.orgId, orgId), eq(subsidyFrames.id, id)))
  )[0];
}

/**
 * Moves a frame's figures in ONE conditional statement: the row lock the UPDATE takes and
 * PostgreSQL's re-check of the WHERE clause on the latest row version (READ COMMITTED) make
 * concurrent commitments queue, and each sees what the previous one left. No row comes back when
 * the commitment does not fit; a release (negative delta) always fits. The table's CHECK is the
 * last guard.
 */
export async function moveFrame(
  db: Executor,
  orgId: string,
  frameId: string,
  committedDeltaYen: number,
  paidDeltaYen: number,
): Promise<FrameRow | undefined> {
  const rows = await db
    .update(subsidyFrames)
    .set({
      committedYen: sql`${subsidyFrames.committedYen} + ${committedDeltaYen}`,
      paidYen: sql`${subsidyFrames.paidYen} + ${paidDeltaYen}`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(subsidyFrames.orgId, orgId),
        eq(subsidyFrames.id, frameId),
        sql`${subsidyFrames.committedYen} + ${committedDeltaYen} <= ${subsidyFrames.budgetYen}`,
      ),
    )
    .returning();
  return rows[0];
}

/** Sets a frame's budget unless more than that is already committed (then no row comes back). */
export async function setFrameBudget(
  db: Executor,
  orgId: string,
  frameId: string,
  budgetYen: number,
): Promise<FrameRow | undefined> {
  const rows = await db
    .update(subsidyFrames)
    .set({ budgetYen, updatedAt: new Date() })
    .where(
      and(
        eq(subsidyFrames.orgId, orgId),
        eq(subsidyFrames.id, frameId),
        sql`${subsidyFrames.committedYen} <= ${budgetYen}`,
      ),
    )
    .returning();
  return rows[0];
}

/**
 * The next number of a program's counter of one kind, taken under the counter row's lock in the
 * caller's transaction: a rolled-back transaction gives its number back, so numbers have no gaps.
 */
export async function nextNoticeNo(db: Executor, orgId: string, subsidyProgramId: string, kind: string) {
  const rows = await db
    .insert(subsidyNoticeCounters)
    .values({ orgId, subsidyProgramId, kind, lastNo: 1 })
    .onConflictDoUpdate({
      target: [subsidyNoticeCounters.orgId, subsidyNoticeCounters.subsidyProgramId, subsidyNoticeCounters.kind],
      set: { lastNo: sql`${subsidyNoticeCounters.lastNo} + 1` },
    })
    .returning({ lastNo: subsidyNoticeCounters.lastNo });
  return (rows[0] as { lastNo: number }).lastNo;
}
