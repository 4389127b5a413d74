import { and, asc, count, desc, eq, getTableColumns, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { subsidyApplications, subsidyEvents, subsidyPrograms, subsidyRounds } from "../../db/schema/index.js";
import { confidentialVisible } from "../../db/visibility.js";

export type ApplicationValues = typeof subsidyApplications.$inferSelect;
export type NewApplication = Omit<
  typeof subsidyApplications.$inferInsert,
  "id" | "createdAt" | "updatedAt" | "version"
>;
/** An application with what its subsidy program and round say (both kept by this module). */
export type ApplicationRow = ApplicationValues & {
  fiscalYear: number;
  programId: string;
  departmentId: string;
  roundName: string | null;
};
export type EventRow = typeof subsidyEvents.$inferSelect;

/** Statuses in which a grant stands: what the company has been decided (1事業者あたり上限). */
export const GRANTED = ["decided", "reported", "confirmed", "claimed", "paid"] as const;

const columns = {
  ...getTableColumns(subsidyApplications),
  fiscalYear: subsidyPrograms.fiscalYear,
  programId: subsidyPrograms.programId,
  departmentId: subsidyPrograms.departmentId,
  roundName: subsidyRounds.name,
};

function joined(db: Executor) {
  return db
    .select(columns)
    .from(subsidyApplications)
    .innerJoin(
      subsidyPrograms,
      and(
        eq(subsidyPrograms.orgId, subsidyApplications.orgId),
        eq(subsidyPrograms.id, subsidyApplications.subsidyProgramId),
      ),
    )
    .leftJoin(
      subsidyRounds,
      and(eq(subsidyRounds.orgId, subsidyApplications.orgId), eq(subsidyRounds.id, subsidyApplications.roundId)),
    );
}

/** With `lock`, only the application row is locked: transitions of one application queue here. */
export async function findById(
  db: Executor,
  orgId: string,
  id: string,
  lock = false,
): Promise<ApplicationRow | undefined> {
  const q = joined(db).where(and(eq(subsidyApplications.orgId, orgId), eq(subsidyApplications.id, id)));
  return (lock ? await q.for("update", { of: subsidyApplications }) : await q)[0];
}

export interface ApplicationFilter {
  fiscalYear?: number | undefined;
  subsidyProgramId?: string | undefined;
  roundId?: string | undefined;
  companyId?: string | undefined;
  status?: string | undefined;
  /** Departments whose confidential applications the reader sees; null = all (the CLI operator). */
  visibleConfidential: readonly string[] | null;
  limit: number;
  offset: number;
}

export async function list(
  db: Executor,
  orgId: string,
  f: ApplicationFilter,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [
    eq(subsidyApplications.orgId, orgId),
    f.fiscalYear === undefined ? undefined : eq(subsidyPrograms.fiscalYear, f.fiscalYear),
    f.subsidyProgramId ? eq(subsidyApplications.subsidyProgramId, f.subsidyProgramId) : undefined,
    f.roundId ? eq(subsidyApplications.roundId, f.roundId) : undefined,
    f.companyId ? eq(subsidyApplications.companyId, f.companyId) : undefined,
    f.status ? eq(subsidyApplications.status, f.status) : undefined,
  ];
  conds.push(
    confidentialVisible(subsidyApplications.confidential, subsidyPrograms.departmentId, f.visibleConfidential),
  );
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    joined(db)
      .where(where)
      .orderBy(desc(subsidyApplications.receivedOn), desc(subsidyApplications.createdAt), subsidyApplications.id)
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: count() })
      .from(subsidyApplications)
      .innerJoin(
        subsidyPrograms,
        and(
          eq(subsidyPrograms.orgId, subsidyApplications.orgId),
          eq(subsidyPrograms.id, subsidyApplications.subsidyProgramId),
        ),
      )
      .where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/**
 * What a business (all its 名寄せ records) has been decided in one subsidy program, over the
 * grants that stand (not withdrawn, cancelled or rejected), leaving out one application.
 */
export async function decidedForCompanies(
  db: Executor,
  orgId: string,
  subsidyProgramId: string,
  companyIds: readonly string[],
  exceptId?: string,
): Promise<number> {
  if (companyIds.length === 0) return 0;
  const rows = await db
    // once confirmed, the confirmed amount is what the business gets (arithmetic/README.md §9)
    .select({
      yen: sql<
        string | null
      >`sum(coalesce(${subsidyApplications.confirmedYen}, ${subsidyApplications.decidedYen}))::text`,
    })
    .from(subsidyApplications)
    .where(
      and(
        eq(subsidyApplications.orgId, orgId),
        eq(subsidyApplications.subsidyProgramId, subsidyProgramId),
        inArray(subsidyApplications.companyId, [...companyIds]),
        inArray(subsidyApplications.status, [...GRANTED]),
        exceptId === undefined ? undefined : ne(subsidyApplications.id, exceptId),
      ),
    );
  return Number(rows[0]?.yen ?? 0);
}

/**
 * Locks a business's applications in one program, in id order (every locker takes them in the
 * same order, so two decisions for one business queue instead of deadlocking): the per-company
 * cap is then checked against figures no one else can move.
 */
export async function lockCompanyApplications(
  db: Executor,
  orgId: string,
  subsidyProgramId: string,
  companyIds: readonly string[],
): Promise<void> {
  if (companyIds.length === 0) return;
  await db
    .select({ id: subsidyApplications.id })
    .from(subsidyApplications)
    .where(
      and(
        eq(subsidyApplications.orgId, orgId),
        eq(subsidyApplications.subsidyProgramId, subsidyProgramId),
        inArray(subsidyApplications.companyId, [...companyIds]),
      ),
    )
    .orderBy(asc(subsidyApplications.id))
    .for("update");
}

/**
 * An application of the same business with the same 事業名 and 受付日 in one program: what a file
 * imported twice would store twice.
 */
export async function findSame(
  db: Executor,
  orgId: string,
  k: { subsidyProgramId: string; companyId: string; title: string; receivedOn: string },
): Promise<{ id: string; status: string } | undefined> {
  const rows = await db
    .select({ id: subsidyApplications.id, status: subsidyApplications.status })
    .from(subsidyApplications)
    .where(
      and(
        eq(subsidyApplications.orgId, orgId),
        eq(subsidyApplications.subsidyProgramId, k.subsidyProgramId),
        eq(subsidyApplications.companyId, k.companyId),
        eq(subsidyApplications.title, k.title),
        eq(subsidyApplications.receivedOn, k.receivedOn),
      ),
    )
    .limit(1);
  return rows[0];
}

export async function insert(db: Executor, values: NewApplication): Promise<{ id: string }> {
  const rows = await db.insert(subsidyApplications).values(values).returning({ id: subsidyApplications.id });
  return rows[0] as { id: string };
}

/** Writes a step and moves the version on, so a stale screen cannot overwrite it. */
export async function update(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<Omit<NewApplication, "orgId" | "subsidyProgramId" | "companyId">>,
): Promise<void> {
  await db
    .update(subsidyApplications)
    .set({ ...values, version: sql`${subsidyApplications.version} + 1`, updatedAt: new Date() })
    .where(and(eq(subsidyApplications.orgId, orgId), eq(subsidyApplications.id, id)));
}

export async function insertEvent(db: Executor, values: Omit<typeof subsidyEvents.$inferInsert, "id" | "at">) {
  await db.insert(subsidyEvents).values(values);
}

/** The date of the application's latest step (受付 included): a new step is not dated before it. */
export async function lastStepOn(db: Executor, orgId: string, applicationId: string): Promise<string | null> {
  const rows = await db
    .select({ on: sql<string | null>`max(${subsidyEvents.on})::text` })
    .from(subsidyEvents)
    .where(and(eq(subsidyEvents.orgId, orgId), eq(subsidyEvents.applicationId, applicationId)));
  return rows[0]?.on ?? null;
}

export function eventsOf(db: Executor, orgId: string, applicationId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(subsidyEvents)
    .where(and(eq(subsidyEvents.orgId, orgId), eq(subsidyEvents.applicationId, applicationId)))
    .orderBy(asc(subsidyEvents.at), asc(subsidyEvents.id));
}
