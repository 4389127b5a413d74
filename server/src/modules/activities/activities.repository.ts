import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, companies, departments, programs, subsidyApplications } from "../../db/schema/index.js";
import { applyToRollups } from "./rollups.repository.js";

export type FactRow = typeof activities.$inferSelect;
export type NewFact = Omit<typeof activities.$inferInsert, "id" | "createdAt" | "voidedAt">;

/** Appends facts and adds them to the KPI rollups, in the caller's transaction. */
export async function insertFacts(db: Executor, rows: NewFact[]): Promise<FactRow[]> {
  if (rows.length === 0) return [];
  const written = await db.insert(activities).values(rows).returning();
  await applyToRollups(db, written, 1);
  return written;
}

/** The live facts a record wrote, locked so that two edits of one record replace facts one at a time. */
export async function liveFactsOf(db: Executor, orgId: string, sourceModule: string, sourceId: string) {
  return db
    .select()
    .from(activities)
    .where(
      and(
        eq(activities.orgId, orgId),
        eq(activities.sourceModule, sourceModule),
        eq(activities.sourceId, sourceId),
        isNull(activities.voidedAt),
      ),
    )
    .for("update");
}

export async function voidFact(
  db: Executor,
  orgId: string,
  id: string,
  v: { byLabel: string; reason: string; replacedBy: string | null },
): Promise<void> {
  const voided = await db
    .update(activities)
    .set({ voidedAt: sql`now()`, voidedByLabel: v.byLabel, voidReason: v.reason, replacedBy: v.replacedBy })
    .where(and(eq(activities.orgId, orgId), eq(activities.id, id), isNull(activities.voidedAt)))
    .returning();
  // A voided fact leaves the rollups in the same transaction: the dashboard drops it at once.
  await applyToRollups(db, voided, -1);
}

export interface TimelineFilter {
  companyIds: string[];
  types?: string[] | undefined;
  departmentId?: string | undefined;
  programId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  includeVoided: boolean;
  /** Departments whose confidential facts the reader sees; null = all (system). */
  visibleConfidential: readonly string[] | null;
  limit: number;
  offset: number;
}

function timelineWhere(f: TimelineFilter, orgId: string) {
  const conds = [
    sql`a.org_id = ${orgId}`,
    sql`a.company_id in (${sql.join(
      f.companyIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  ];
  if (!f.includeVoided) conds.push(sql`a.voided_at is null`);
  if (f.types && f.types.length > 0)
    conds.push(
      sql`a.type in (${sql.join(
        f.types.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
  if (f.departmentId) conds.push(sql`a.department_id = ${f.departmentId}`);
  if (f.programId) conds.push(sql`a.program_id = ${f.programId}`);
  if (f.from) conds.push(sql`a.occurred_on >= ${f.from}`);
  if (f.to) conds.push(sql`a.occurred_on <= ${f.to}`);
  return conds;
}

function visibility(f: TimelineFilter) {
  if (f.visibleConfidential === null) return sql`true`;
  if (f.visibleConfidential.length === 0) return sql`not a.confidential`;
  return sql`(not a.confidential or a.department_id in (${sql.join(
    f.visibleConfidential.map((d) => sql`${d}::uuid`),
    sql`, `,
  )}))`;
}

export interface TimelineRow extends FactRow {
  programCode: string;
  programName: string;
  departmentName: string;
  companyName: string | null;
  /** What the source record is called, where it has a name (a subsidy application's 事業名). */
  sourceTitle?: string | null;
}

/**
 * Where a fact stands in its record's life. Facts one step writes share a transaction's
 * created_at (a consultation and its 課題解決), so that alone cannot order them; and a step can
 * rewrite an earlier fact (an edited 受付日), so created_at is not the life order either.
 */
const STAGE: Record<string, number> = {
  consultation: 0,
  visit: 0,
  issue_resolved: 1,
  support_completed: 2,
  referral_sent: 0,
  referral_accepted: 1,
  referral_declined: 1,
  referral_completed: 2,
  dispatch: 0,
  dispatch_completed: 1,
  subsidy_applied: 0,
  subsidy_adopted: 1,
  subsidy_rejected: 1,
  subsidy_decided: 2,
  subsidy_confirmed: 3,
  subsidy_paid: 4,
  subsidy_withdrawn: 5,
};
const stageOf = sql`case a.type ${sql.join(
  Object.entries(STAGE).map(([type, n]) => sql`when ${type} then ${n}::int`),
  sql` `,
)} else 0 end`;

/**
 * One page of a business's facts, newest first, with the labels a reader needs. Within a day, a
 * record's facts stay together in the order of its life (採択 before 交付決定), and records follow
 * one another by when they were first recorded that day.
 */
export async function timeline(db: Executor, orgId: string, f: TimelineFilter) {
  const where = sql.join([...timelineWhere(f, orgId), visibility(f)], sql` and `);
  const rows = await db.execute<Record<string, unknown>>(sql`
    select a.*, p.code as program_code, p.name as program_name, d.name as department_name, c.name as company_name,
           sa.title as source_title,
           min(a.created_at) over (partition by a.source_module, coalesce(a.source_id, a.id), a.occurred_on)
             as record_created_at,
           ${stageOf} as stage,
           count(*) over ()::int as total
      from ${activities} a
      join ${programs} p on p.id = a.program_id
      join ${departments} d on d.id = a.department_id
      left join ${companies} c on c.id = a.company_id
      -- only the name of the application the (already visible) fact came from
      left join ${subsidyApplications} sa
             on a.source_module = 'subsidies' and sa.id = a.source_id and sa.org_id = a.org_id
     where ${where}
     order by a.occurred_on desc, record_created_at desc, a.source_module, a.source_id, stage desc,
              a.created_at desc, a.id
     limit ${f.limit} offset ${f.offset}`);
  // a page past the end has no row to carry the total: count it on its own then
  const total =
    rows.rows.length > 0
      ? Number(rows.rows[0]?.total)
      : f.offset === 0
        ? 0
        : Number(
            (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${activities} a where ${where}`))
              .rows[0]?.n ?? 0,
          );
  return { rows: rows.rows.map(toTimelineRow), total };
}

/** Departments holding confidential support of these companies that the reader may not see. */
export async function hiddenConfidentialDepartments(db: Executor, orgId: string, f: TimelineFilter) {
  if (f.visibleConfidential === null) return [];
  const hidden =
    f.visibleConfidential.length === 0
      ? sql`a.confidential`
      : sql`a.confidential and a.department_id not in (${sql.join(
          f.visibleConfidential.map((d) => sql`${d}::uuid`),
          sql`, `,
        )})`;
  const rows = await db.execute<{ id: string; name: string }>(sql`
    select distinct d.id, d.name
      from ${activities} a join ${departments} d on d.id = a.department_id
     where a.org_id = ${orgId} and a.voided_at is null
       and a.company_id in (${sql.join(
         f.companyIds.map((id) => sql`${id}::uuid`),
         sql`, `,
       )})
       and ${hidden}
     order by d.name`);
  return rows.rows;
}

export async function factsByIds(db: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(activities)
    .where(and(eq(activities.orgId, orgId), inArray(activities.id, ids)));
}

export function toTimelineRow(r: Record<string, unknown>): TimelineRow {
  return {
    id: r.id as string,
    orgId: r.org_id as string,
    fiscalYear: r.fiscal_year as number,
    programId: r.program_id as string,
    departmentId: r.department_id as string,
    companyId: r.company_id as string | null,
    personName: r.person_name as string | null,
    occurredOn: r.occurred_on as string,
    type: r.type as string,
    outcome: r.outcome as string | null,
    quantity: r.quantity as number,
    amountYen: r.amount_yen === null ? null : Number(r.amount_yen),
    attributes: r.attributes,
    sourceModule: r.source_module as string,
    sourceId: r.source_id as string | null,
    recordedBy: r.recorded_by as string | null,
    recordedByLabel: r.recorded_by_label as string,
    confidential: r.confidential as boolean,
    voidedAt: r.voided_at === null ? null : new Date(r.voided_at as string),
    voidedByLabel: r.voided_by_label as string | null,
    voidReason: r.void_reason as string | null,
    replacedBy: r.replaced_by as string | null,
    createdAt: new Date(r.created_at as string),
    programCode: r.program_code as string,
    programName: r.program_name as string,
    departmentName: r.department_name as string,
    companyName: r.company_name as string | null,
    sourceTitle: (r.source_title as string | null | undefined) ?? null,
  };
}
