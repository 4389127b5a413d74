import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { dedupeJobs } from "../../db/schema/index.js";

export type DedupeJobRow = typeof dedupeJobs.$inferSelect;

export async function findJob(db: Executor, orgId: string, id: string): Promise<DedupeJobRow | undefined> {
  const rows = await db
    .select()
    .from(dedupeJobs)
    .where(and(eq(dedupeJobs.orgId, orgId), eq(dedupeJobs.id, id)));
  return rows[0];
}

export async function runningJob(db: Executor, orgId: string): Promise<DedupeJobRow | undefined> {
  const rows = await db
    .select()
    .from(dedupeJobs)
    .where(and(eq(dedupeJobs.orgId, orgId), eq(dedupeJobs.status, "running")));
  return rows[0];
}

/** A new running job, or undefined when another one is already running for the organization. */
export async function insertRunning(db: Executor, orgId: string, startedByLabel: string) {
  try {
    const rows = await db
      .insert(dedupeJobs)
      .values({ orgId, status: "running", phase: "load", startedByLabel })
      .returning();
    return rows[0];
  } catch (err) {
    if (isUniqueViolation(err, "dedupe_jobs_running_uq")) return undefined;
    throw err;
  }
}

export async function beat(db: Executor, id: string, progress?: { phase: string; done: number; total: number }) {
  await db
    .update(dedupeJobs)
    .set({ beatAt: sql`now()`, ...(progress ?? {}) })
    .where(and(eq(dedupeJobs.id, id), eq(dedupeJobs.status, "running")));
}

export async function finish(
  db: Executor,
  id: string,
  outcome: { status: "done"; result: unknown } | { status: "failed"; error: string },
) {
  await db
    .update(dedupeJobs)
    .set({
      status: outcome.status,
      ...(outcome.status === "done"
        ? { phase: "done", result: outcome.result, done: sql`${dedupeJobs.total}` }
        : { error: outcome.error }),
      finishedAt: sql`now()`,
    })
    .where(and(eq(dedupeJobs.id, id), eq(dedupeJobs.status, "running")));
}

/** Running jobs whose process stopped beating: they will never finish; they are marked failed. */
export async function failStale(db: Executor, orgId: string, staleSeconds: number, error: string): Promise<void> {
  await db
    .update(dedupeJobs)
    .set({ status: "failed", error, finishedAt: sql`now()` })
    .where(
      and(
        eq(dedupeJobs.orgId, orgId),
        eq(dedupeJobs.status, "running"),
        sql`${dedupeJobs.beatAt} < now() - make_interval(secs => ${staleSeconds})`,
      ),
    );
}
