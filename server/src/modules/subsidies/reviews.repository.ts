import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { subsidyApplications, subsidyPrograms, subsidyReviews } from "../../db/schema/index.js";

export type ReviewRow = typeof subsidyReviews.$inferSelect;
export type NewReview = Omit<typeof subsidyReviews.$inferInsert, "id" | "submittedAt">;

/**
 * The program's rubric. With `share`, the program row is locked FOR SHARE: a sheet scored against
 * the rubric and a manager's change of it (which takes the row FOR UPDATE) then queue, so no sheet
 * is ever written against a rubric that is being replaced.
 */
export async function programRubric(
  db: Executor,
  orgId: string,
  subsidyProgramId: string,
  share = false,
): Promise<{ rubric: unknown } | undefined> {
  const q = db
    .select({ rubric: subsidyPrograms.rubric })
    .from(subsidyPrograms)
    .where(and(eq(subsidyPrograms.orgId, orgId), eq(subsidyPrograms.id, subsidyProgramId)));
  return (share ? await q.for("share") : await q)[0];
}

export async function setRubric(db: Executor, orgId: string, subsidyProgramId: string, rubric: unknown) {
  await db
    .update(subsidyPrograms)
    .set({ rubric, updatedAt: new Date() })
    .where(and(eq(subsidyPrograms.orgId, orgId), eq(subsidyPrograms.id, subsidyProgramId)));
}

/** Scored sheets (conflicts left out) of a program's applications: what a rubric change would invalidate. */
export async function scoredSheetsOfProgram(db: Executor, orgId: string, subsidyProgramId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(subsidyReviews)
    .innerJoin(
      subsidyApplications,
      and(
        eq(subsidyApplications.orgId, subsidyReviews.orgId),
        eq(subsidyApplications.id, subsidyReviews.applicationId),
      ),
    )
    .where(
      and(
        eq(subsidyReviews.orgId, orgId),
        eq(subsidyApplications.subsidyProgramId, subsidyProgramId),
        eq(subsidyReviews.conflict, false),
      ),
    );
  return rows[0]?.n ?? 0;
}

/** An application's sheets, oldest first. */
export function reviewsOf(db: Executor, orgId: string, applicationId: string): Promise<ReviewRow[]> {
  return db
    .select()
    .from(subsidyReviews)
    .where(and(eq(subsidyReviews.orgId, orgId), eq(subsidyReviews.applicationId, applicationId)))
    .orderBy(asc(subsidyReviews.submittedAt), asc(subsidyReviews.id));
}

export async function findReview(
  db: Executor,
  orgId: string,
  applicationId: string,
  reviewerId: string,
): Promise<ReviewRow | undefined> {
  return (
    await db
      .select()
      .from(subsidyReviews)
      .where(
        and(
          eq(subsidyReviews.orgId, orgId),
          eq(subsidyReviews.applicationId, applicationId),
          eq(subsidyReviews.reviewerId, reviewerId),
        ),
      )
  )[0];
}

/** One sheet per reviewer and application: a second submission replaces the first. */
export async function upsertReview(db: Executor, values: NewReview): Promise<ReviewRow> {
  const rows = await db
    .insert(subsidyReviews)
    .values(values)
    .onConflictDoUpdate({
      target: [subsidyReviews.orgId, subsidyReviews.applicationId, subsidyReviews.reviewerId],
      set: {
        reviewerLabel: values.reviewerLabel,
        conflict: values.conflict,
        conflictNote: values.conflictNote ?? null,
        scores: values.scores,
        total: values.total ?? null,
        comment: values.comment ?? null,
        submittedAt: sql`now()`,
      },
    })
    .returning();
  return rows[0] as ReviewRow;
}

/** What the ranking reads of an application. */
export interface RankedApplicationRow {
  id: string;
  companyId: string;
  title: string;
  status: string;
  computedYen: number;
  receivedOn: string;
  roundId: string | null;
}

/** A program's (or one round's) applications in the given statuses. */
export function applicationsForRanking(
  db: Executor,
  orgId: string,
  subsidyProgramId: string,
  roundId: string | undefined,
  statuses: readonly string[],
): Promise<RankedApplicationRow[]> {
  return db
    .select({
      id: subsidyApplications.id,
      companyId: subsidyApplications.companyId,
      title: subsidyApplications.title,
      status: subsidyApplications.status,
      computedYen: subsidyApplications.computedYen,
      receivedOn: subsidyApplications.receivedOn,
      roundId: subsidyApplications.roundId,
    })
    .from(subsidyApplications)
    .where(
      and(
        eq(subsidyApplications.orgId, orgId),
        eq(subsidyApplications.subsidyProgramId, subsidyProgramId),
        roundId === undefined ? undefined : eq(subsidyApplications.roundId, roundId),
        inArray(subsidyApplications.status, [...statuses]),
      ),
    );
}

/** The totals of the scored (non-conflict) sheets of some applications. */
export async function scoredTotals(
  db: Executor,
  orgId: string,
  applicationIds: readonly string[],
): Promise<{ applicationId: string; total: number }[]> {
  if (applicationIds.length === 0) return [];
  const rows = await db
    .select({ applicationId: subsidyReviews.applicationId, total: subsidyReviews.total })
    .from(subsidyReviews)
    .where(
      and(
        eq(subsidyReviews.orgId, orgId),
        inArray(subsidyReviews.applicationId, [...applicationIds]),
        eq(subsidyReviews.conflict, false),
      ),
    );
  return rows.flatMap((r) => (r.total === null ? [] : [{ applicationId: r.applicationId, total: r.total }]));
}
