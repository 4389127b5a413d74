import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { consultationStaff, consultations } from "../../db/schema/index.js";
import { confidentialVisible } from "../../db/visibility.js";

export type ConsultationRow = typeof consultations.$inferSelect;
export type ConsultationValues = Omit<
  typeof consultations.$inferInsert,
  "id" | "orgId" | "version" | "createdAt" | "updatedAt" | "followUpDoneAt"
>;

export async function insert(db: Executor, orgId: string, values: ConsultationValues): Promise<ConsultationRow> {
  const rows = await db
    .insert(consultations)
    .values({ ...values, orgId })
    .returning();
  return rows[0] as ConsultationRow;
}

export async function findById(db: Executor, orgId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(consultations)
    .where(and(eq(consultations.orgId, orgId), eq(consultations.id, id)));
  return (lock ? await q.for("update") : await q)[0];
}

/** Writes the new values and the next version; the caller holds the row lock and checked the version. */
export async function update(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<ConsultationValues> & { followUpDoneAt?: Date | null },
): Promise<ConsultationRow> {
  const rows = await db
    .update(consultations)
    .set({ ...values, version: sql`${consultations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(consultations.orgId, orgId), eq(consultations.id, id)))
    .returning();
  return rows[0] as ConsultationRow;
}

export async function setStaff(db: Executor, orgId: string, consultationId: string, userIds: readonly string[]) {
  await db
    .delete(consultationStaff)
    .where(and(eq(consultationStaff.orgId, orgId), eq(consultationStaff.consultationId, consultationId)));
  await addStaff(db, orgId, consultationId, userIds);
}

export async function addStaff(db: Executor, orgId: string, consultationId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  await db
    .insert(consultationStaff)
    .values(userIds.map((userId, position) => ({ orgId, consultationId, userId, position })));
}

/** Staff user ids per consultation, in the order they were entered. */
export async function staffOf(db: Executor, orgId: string, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ consultationId: consultationStaff.consultationId, userId: consultationStaff.userId })
    .from(consultationStaff)
    .where(and(eq(consultationStaff.orgId, orgId), inArray(consultationStaff.consultationId, [...ids])))
    .orderBy(asc(consultationStaff.position));
  for (const r of rows) map.set(r.consultationId, [...(map.get(r.consultationId) ?? []), r.userId]);
  return map;
}

export interface ListFilter {
  /** Search text (NFKC, lower case) for notes and person names. */
  text?: string | undefined;
  /** Businesses whose names matched the search text (found by the companies module). */
  textCompanyIds?: readonly string[] | undefined;
  companyId?: string | undefined;
  programId?: string | undefined;
  departmentId?: string | undefined;
  staffUserId?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Departments whose confidential records the reader sees; null = all (the CLI operator). */
  visibleConfidential: readonly string[] | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const isStaff = (orgId: string, userId: string) =>
  exists(
    sql`(select 1 from ${consultationStaff} s where s.org_id = ${orgId} and s.consultation_id = ${consultations.id} and s.user_id = ${userId})`,
  );

/** Confidential records are filtered here, in SQL, so that they count in no total and no page. */
function visible(f: ListFilter): SQL | undefined {
  return confidentialVisible(consultations.confidential, consultations.departmentId, f.visibleConfidential);
}

function where(orgId: string, f: ListFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(consultations.orgId, orgId), visible(f)];
  if (f.text) {
    const pattern = `%${likeEscape(f.text)}%`;
    conds.push(
      or(
        sql`normalize(coalesce(${consultations.notes}, ''), NFKC) ilike ${pattern}`,
        sql`normalize(coalesce(${consultations.personName}, ''), NFKC) ilike ${pattern}`,
        f.textCompanyIds && f.textCompanyIds.length > 0
          ? inArray(consultations.companyId, [...f.textCompanyIds])
          : undefined,
      ),
    );
  }
  if (f.companyId) conds.push(eq(consultations.companyId, f.companyId));
  if (f.programId) conds.push(eq(consultations.programId, f.programId));
  if (f.departmentId) conds.push(eq(consultations.departmentId, f.departmentId));
  if (f.status) conds.push(eq(consultations.status, f.status));
  if (f.from) conds.push(gte(consultations.occurredOn, f.from));
  if (f.to) conds.push(lte(consultations.occurredOn, f.to));
  if (f.staffUserId) conds.push(isStaff(orgId, f.staffUserId));
  return and(...conds);
}

/** Newest first; `limit` null reads every match (exports). */
export async function list(
  db: Executor,
  orgId: string,
  f: ListFilter,
  page: { limit: number | null; offset: number },
): Promise<{ rows: ConsultationRow[]; total: number }> {
  const w = where(orgId, f);
  const q = db
    .select()
    .from(consultations)
    .where(w)
    .orderBy(desc(consultations.occurredOn), desc(consultations.createdAt), asc(consultations.id))
    .offset(page.offset);
  const [rows, totals] = await Promise.all([
    page.limit === null ? q : q.limit(page.limit),
    db.select({ n: count() }).from(consultations).where(w),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** Open follow-ups (a date set, not yet done), oldest date first: overdue ones lead. A worklist, so capped at 1000. */
export async function openFollowUps(
  db: Executor,
  orgId: string,
  f: { staffUserId?: string; departmentId?: string; visibleConfidential: readonly string[] | null },
): Promise<ConsultationRow[]> {
  return db
    .select()
    .from(consultations)
    .where(
      and(
        eq(consultations.orgId, orgId),
        isNotNull(consultations.followUpOn),
        isNull(consultations.followUpDoneAt),
        visible({ visibleConfidential: f.visibleConfidential }),
        f.staffUserId ? isStaff(orgId, f.staffUserId) : undefined,
        f.departmentId ? eq(consultations.departmentId, f.departmentId) : undefined,
      ),
    )
    .orderBy(asc(consultations.followUpOn), asc(consultations.occurredOn), asc(consultations.id))
    .limit(1000);
}

/**
 * Whether a consultation of the same business (or person), program, day and notes is recorded: a
 * file imported twice would otherwise count every consultation twice.
 */
export async function sameConsultationExists(
  db: Executor,
  orgId: string,
  c: {
    companyId: string | null;
    personName: string | null;
    programId: string;
    occurredOn: string;
    notes: string | null;
  },
): Promise<boolean> {
  const rows = await db
    .select({ id: consultations.id })
    .from(consultations)
    .where(
      and(
        eq(consultations.orgId, orgId),
        eq(consultations.programId, c.programId),
        eq(consultations.occurredOn, c.occurredOn),
        c.companyId === null ? isNull(consultations.companyId) : eq(consultations.companyId, c.companyId),
        c.personName === null ? isNull(consultations.personName) : eq(consultations.personName, c.personName),
        c.notes === null ? isNull(consultations.notes) : eq(consultations.notes, c.notes),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
