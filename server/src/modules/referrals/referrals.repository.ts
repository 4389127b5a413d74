import { and, desc, eq, inArray, not, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { referrals } from "../../db/schema/index.js";

export type ReferralRow = typeof referrals.$inferSelect;
export type NewReferral = Omit<
  typeof referrals.$inferInsert,
  "id" | "status" | "version" | "createdAt" | "updatedAt" | "respondedOn" | "completedOn" | "declineReason" | "outcome"
>;

export async function insert(db: Executor, values: NewReferral): Promise<ReferralRow> {
  return (await db.insert(referrals).values(values).returning())[0] as ReferralRow;
}

/**
 * One referral of the organization. `lock` takes the row lock (SELECT … FOR UPDATE): two answers
 * to the same referral (accept and decline at once) are then decided one after the other.
 */
export async function findById(
  db: Executor,
  orgId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ReferralRow | undefined> {
  const q = db
    .select()
    .from(referrals)
    .where(and(eq(referrals.orgId, orgId), eq(referrals.id, id)));
  return (opts.lock ? await q.for("update") : await q)[0];
}

export interface ReferralChange {
  status: string;
  respondedOn?: string;
  completedOn?: string;
  declineReason?: string | null;
  outcome?: string | null;
  confidential?: boolean;
}

/** Applies a state change if the row is still at `version`; undefined when someone got there first. */
export async function applyChange(
  db: Executor,
  orgId: string,
  id: string,
  version: number,
  change: ReferralChange,
): Promise<ReferralRow | undefined> {
  const rows = await db
    .update(referrals)
    .set({ ...change, version: version + 1, updatedAt: new Date() })
    .where(and(eq(referrals.orgId, orgId), eq(referrals.id, id), eq(referrals.version, version)))
    .returning();
  return rows[0];
}

export interface ListFilter {
  /** Which side of the referral must be one of `departmentIds`; null = no box (a company's list). */
  box: "incoming" | "outgoing" | "all" | null;
  departmentIds: readonly string[];
  companyId?: string | undefined;
  status?: string | undefined;
  /** Departments whose confidential referrals the reader sees (as sender or receiver); null = all. */
  visibleConfidential: readonly string[] | null;
  limit: number;
  offset: number;
}

function listWhere(orgId: string, f: ListFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(referrals.orgId, orgId)];
  const depts = [...f.departmentIds];
  if (f.box === "incoming") conds.push(inArray(referrals.toDepartmentId, depts));
  if (f.box === "outgoing") conds.push(inArray(referrals.fromDepartmentId, depts));
  if (f.box === "all")
    conds.push(or(inArray(referrals.toDepartmentId, depts), inArray(referrals.fromDepartmentId, depts)));
  if (f.companyId) conds.push(eq(referrals.companyId, f.companyId));
  if (f.status) conds.push(eq(referrals.status, f.status));
  if (f.visibleConfidential !== null) {
    const mine = [...f.visibleConfidential];
    // The confidentiality wall is in the query itself, so counts and pages never include a
    // restructuring case the reader may not know about.
    conds.push(
      or(
        not(referrals.confidential),
        inArray(referrals.fromDepartmentId, mine),
        inArray(referrals.toDepartmentId, mine),
      ),
    );
  }
  return and(...conds);
}

/** A queue page: referrals waiting for an answer (sent) first, then the newest. */
export async function list(
  db: Executor,
  orgId: string,
  f: ListFilter,
): Promise<{ rows: ReferralRow[]; total: number }> {
  const where = listWhere(orgId, f);
  const [rows, count] = await Promise.all([
    db
      .select()
      .from(referrals)
      .where(where)
      .orderBy(
        sql`(${referrals.status} = 'sent') desc`,
        desc(referrals.sentOn),
        desc(referrals.createdAt),
        desc(referrals.id),
      )
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(referrals).where(where),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}
