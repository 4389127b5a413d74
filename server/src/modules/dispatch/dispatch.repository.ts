import { and, count, desc, eq, getTableColumns, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { dispatches, dispatchFrames, experts } from "../../db/schema/index.js";
import { confidentialVisible } from "../../db/visibility.js";

export type DispatchValues = typeof dispatches.$inferSelect;
export type NewDispatch = Omit<typeof dispatches.$inferInsert, "id" | "createdAt" | "updatedAt" | "version">;
/** A dispatch with the names of its frame and expert (both kept by this module). */
export type DispatchRow = DispatchValues & { frameName: string; fiscalYear: number; expertName: string };

const columns = {
  ...getTableColumns(dispatches),
  frameName: dispatchFrames.name,
  fiscalYear: dispatchFrames.fiscalYear,
  expertName: experts.name,
};

function joined(db: Executor) {
  return db
    .select(columns)
    .from(dispatches)
    .innerJoin(
      dispatchFrames,
      and(eq(dispatchFrames.orgId, dispatches.orgId), eq(dispatchFrames.id, dispatches.frameId)),
    )
    .innerJoin(experts, and(eq(experts.orgId, dispatches.orgId), eq(experts.id, dispatches.expertId)));
}

/** With `lock`, only the dispatch row is locked (not its frame): transitions of one dispatch queue here. */
export async function findById(
  db: Executor,
  orgId: string,
  id: string,
  lock = false,
): Promise<DispatchRow | undefined> {
  const q = joined(db).where(and(eq(dispatches.orgId, orgId), eq(dispatches.id, id)));
  return (lock ? await q.for("update", { of: dispatches }) : await q)[0];
}

export interface DispatchFilter {
  fiscalYear?: number | undefined;
  frameId?: string | undefined;
  companyId?: string | undefined;
  expertId?: string | undefined;
  status?: string | undefined;
  /** Departments whose confidential dispatches the reader sees; null = all (the CLI operator). */
  visibleConfidential: readonly string[] | null;
  limit: number;
  offset: number;
}

export async function list(
  db: Executor,
  orgId: string,
  f: DispatchFilter,
): Promise<{ rows: DispatchRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [
    eq(dispatches.orgId, orgId),
    f.fiscalYear === undefined ? undefined : eq(dispatchFrames.fiscalYear, f.fiscalYear),
    f.frameId ? eq(dispatches.frameId, f.frameId) : undefined,
    f.companyId ? eq(dispatches.companyId, f.companyId) : undefined,
    f.expertId ? eq(dispatches.expertId, f.expertId) : undefined,
    f.status ? eq(dispatches.status, f.status) : undefined,
  ];
  conds.push(confidentialVisible(dispatches.confidential, dispatches.departmentId, f.visibleConfidential));
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    joined(db)
      .where(where)
      .orderBy(desc(dispatches.scheduledOn), desc(dispatches.createdAt), dispatches.id)
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: count() })
      .from(dispatches)
      .innerJoin(
        dispatchFrames,
        and(eq(dispatchFrames.orgId, dispatches.orgId), eq(dispatchFrames.id, dispatches.frameId)),
      )
      .where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** Slots a business (all its 名寄せ records) holds in a frame: every dispatch not rejected or cancelled. */
export async function countHolding(
  db: Executor,
  orgId: string,
  frameId: string,
  companyIds: readonly string[],
  released: readonly string[],
): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(dispatches)
    .where(
      and(
        eq(dispatches.orgId, orgId),
        eq(dispatches.frameId, frameId),
        inArray(dispatches.companyId, [...companyIds]),
        notInArray(dispatches.status, [...released]),
      ),
    );
  return rows[0]?.n ?? 0;
}

export async function insert(db: Executor, values: NewDispatch): Promise<{ id: string }> {
  const rows = await db.insert(dispatches).values(values).returning({ id: dispatches.id });
  return rows[0] as { id: string };
}

/** Writes a transition and moves the version on, so a stale screen cannot overwrite it. */
export async function update(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<Omit<NewDispatch, "orgId" | "frameId">>,
): Promise<void> {
  await db
    .update(dispatches)
    .set({ ...values, version: sql`${dispatches.version} + 1`, updatedAt: new Date() })
    .where(and(eq(dispatches.orgId, orgId), eq(dispatches.id, id)));
}

/**
 * Whether any of the companies (a business's 名寄せ records) has a dispatch in one of the programs
 * in one of the statuses, optionally in the frame of that name.
 */
export async function existsForCompanies(
  db: Executor,
  orgId: string,
  f: { programIds: readonly string[]; companyIds: readonly string[]; statuses: readonly string[]; frameName?: string },
): Promise<boolean> {
  if (f.programIds.length === 0 || f.companyIds.length === 0) return false;
  const rows = await joined(db)
    .where(
      and(
        eq(dispatches.orgId, orgId),
        inArray(dispatches.programId, [...f.programIds]),
        inArray(dispatches.companyId, [...f.companyIds]),
        inArray(dispatches.status, [...f.statuses]),
        f.frameName === undefined ? undefined : eq(dispatchFrames.name, f.frameName),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
