import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { dispatchFrames } from "../../db/schema/index.js";

export type FrameRow = typeof dispatchFrames.$inferSelect;
export interface NewFrame {
  programId: string;
  name: string;
  cap: number | null;
  perCompanyCap: number | null;
}

/**
 * Adds the frames the plan states that do not exist yet. Existing frames are left alone: a
 * manager may have changed their caps, and dispatches point at them.
 */
export async function insertMissing(db: Executor, orgId: string, fiscalYear: number, frames: NewFrame[]) {
  if (frames.length === 0) return;
  await db
    .insert(dispatchFrames)
    .values(frames.map((f) => ({ ...f, orgId, fiscalYear })))
    .onConflictDoNothing({ target: [dispatchFrames.orgId, dispatchFrames.programId, dispatchFrames.name] });
}

export function listOfYear(db: Executor, orgId: string, fiscalYear: number): Promise<FrameRow[]> {
  return db
    .select()
    .from(dispatchFrames)
    .where(and(eq(dispatchFrames.orgId, orgId), eq(dispatchFrames.fiscalYear, fiscalYear)))
    .orderBy(asc(dispatchFrames.createdAt), asc(dispatchFrames.name));
}

/** With `lock`, the row is held until the transaction ends: requests for one frame queue here. */
export async function findById(db: Executor, orgId: string, id: string, lock = false): Promise<FrameRow | undefined> {
  const q = db
    .select()
    .from(dispatchFrames)
    .where(and(eq(dispatchFrames.orgId, orgId), eq(dispatchFrames.id, id)));
  return (lock ? await q.for("update") : await q)[0];
}

export async function updateSettings(
  db: Executor,
  orgId: string,
  id: string,
  values: { cap?: number | null; perCompanyCap?: number | null },
): Promise<FrameRow> {
  const rows = await db
    .update(dispatchFrames)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(dispatchFrames.orgId, orgId), eq(dispatchFrames.id, id)))
    .returning();
  return rows[0] as FrameRow;
}

/** Takes (+1) or frees (−1) a slot; the table's check refuses `used` above the cap. */
export async function adjustUsed(db: Executor, orgId: string, id: string, delta: 1 | -1): Promise<void> {
  await db
    .update(dispatchFrames)
    .set({ used: sql`${dispatchFrames.used} + ${delta}`, updatedAt: new Date() })
    .where(and(eq(dispatchFrames.orgId, orgId), eq(dispatchFrames.id, id)));
}
