import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, activityCompanyFirsts, activityDaily, departments, programs } from "../../db/schema/index.js";
import { toTimelineRow } from "./activities.repository.js";

/**
 * What the KPI engine asks of the facts: month totals from the daily rollups, distinct businesses
 * from the first-fact rollups, and (for the drill-down and bounded periods) the facts themselves.
 */

/** A fact filter with names already resolved to ids. */
export interface ResolvedFilter {
  programIds: string[];
  types: string[];
  outcomes?: string[] | undefined;
  departmentIds?: string[] | undefined;
  attributes?: Record<string, (string | number | boolean)[]> | undefined;
}

export interface MonthRow {
  programId: string;
  departmentId: string;
  type: string;
  outcome: string;
  dims: Record<string, unknown>;
  /** 0 = April … 11 = March. */
  month: number;
  facts: number;
  quantity: number;
  amountYen: number;
}

/**
 * The year's daily rollups up to the as-of day, summed per key and month: everything count and sum
 * metrics need, in one query that never touches the fact table.
 */
export async function monthTotals(db: Executor, orgId: string, fiscalYear: number, asOf: string): Promise<MonthRow[]> {
  const rows = await db.execute<{
    program_id: string;
    department_id: string;
    type: string;
    outcome: string;
    dims: Record<string, unknown>;
    month: number;
    facts: number;
    quantity: number;
    amount_yen: number;
  }>(sql`
    select program_id, department_id, type, outcome, dims,
           ((extract(month from occurred_on)::int + 8) % 12) as month,
           sum(facts)::int as facts, sum(quantity)::bigint as quantity, sum(amount_yen)::bigint as amount_yen
      from ${activityDaily}
     where org_id = ${orgId} and fiscal_year = ${fiscalYear} and occurred_on <= ${asOf}
     group by 1, 2, 3, 4, 5, 6
    having sum(facts) <> 0`);
  return rows.rows.map((r) => ({
    programId: r.program_id,
    departmentId: r.department_id,
    type: r.type,
    outcome: r.outcome,
    dims: r.dims,
    month: r.month,
    facts: r.facts,
    quantity: Number(r.quantity),
    amountYen: Number(r.amount_yen),
  }));
}

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
const textList = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

function conditions(alias: string, f: ResolvedFilter, dimsColumn: string, outcomeNullable: boolean): SQL[] {
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  const conds: SQL[] = [
    sql`${col("program_id")} in (${uuidList(f.programIds)})`,
    sql`${col("type")} in (${textList(f.types)})`,
  ];
  if (f.outcomes?.length) {
    const outcome = outcomeNullable ? sql`coalesce(${col("outcome")}, '')` : col("outcome");
    conds.push(sql`${outcome} in (${textList(f.outcomes)})`);
  }
  if (f.departmentIds?.length) conds.push(sql`${col("department_id")} in (${uuidList(f.departmentIds)})`);
  for (const [key, values] of Object.entries(f.attributes ?? {})) {
    const list = sql.join(
      values.map((v) => sql`${JSON.stringify(v)}::jsonb`),
      sql`, `,
    );
    conds.push(sql`(${sql.raw(`${alias}.${dimsColumn}`)} -> ${key}) in (${list})`);
  }
  return conds;
}

/**
 * Distinct businesses (after 名寄せ: one per entity of the company_entities view) whose first
 * matching fact of the year falls on or before the as-of day, as new businesses per month.
 */
export async function distinctFirstsByMonth(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  asOf: string,
  f: ResolvedFilter,
): Promise<number[]> {
  if (f.programIds.length === 0 || f.types.length === 0) return Array(12).fill(0);
  const where = sql.join(
    [
      sql`f.org_id = ${orgId}`,
      sql`f.fiscal_year = ${fiscalYear}`,
      sql`f.first_on <= ${asOf}`,
      ...conditions("f", f, "dims", false),
    ],
    sql` and `,
  );
  const rows = await db.execute<{ month: number; n: number }>(sql`
    select ((extract(month from first)::int + 8) % 12) as month, count(*)::int as n
      from (select e.entity, min(f.first_on) as first
              from ${activityCompanyFirsts} f
              join company_entities e on e.org_id = f.org_id and e.company_id = f.company_id
             where ${where}
             group by e.entity) x
     group by 1`);
  const months = Array(12).fill(0) as number[];
  for (const r of rows.rows) months[r.month] = r.n;
  return months;
}

/** Distinct businesses within a bounded period (a quarter, a month, a range): read from the facts. */
export async function distinctInRange(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  range: { from: string; to: string },
  f: ResolvedFilter,
): Promise<number> {
  if (f.programIds.length === 0 || f.types.length === 0) return 0;
  const where = sql.join(
    [
      sql`a.org_id = ${orgId}`,
      sql`a.fiscal_year = ${fiscalYear}`,
      sql`a.voided_at is null`,
      sql`a.occurred_on between ${range.from} and ${range.to}`,
      ...conditions("a", f, "attributes", true),
    ],
    sql` and `,
  );
  const rows = await db.execute<{ n: number }>(sql`
    select count(distinct e.entity)::int as n
      from ${activities} a join company_entities e on e.org_id = a.org_id and e.company_id = a.company_id
     where ${where}`);
  return rows.rows[0]?.n ?? 0;
}

/** The facts behind a figure, for the drill-down: visible ones paged, hidden (confidential) counted. */
export async function factsBehind(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  range: { from: string; to: string },
  f: ResolvedFilter,
  visibleConfidential: readonly string[] | null,
  page: { limit: number; offset: number } | null,
) {
  const base = [
    sql`a.org_id = ${orgId}`,
    sql`a.fiscal_year = ${fiscalYear}`,
    sql`a.voided_at is null`,
    sql`a.occurred_on between ${range.from} and ${range.to}`,
    ...conditions("a", f, "attributes", true),
  ];
  const visible =
    visibleConfidential === null
      ? sql`true`
      : visibleConfidential.length === 0
        ? sql`not a.confidential`
        : sql`(not a.confidential or a.department_id in (${uuidList(visibleConfidential)}))`;
  const where = sql.join(base, sql` and `);
  const counts = await db.execute<{ total: number; hidden: number }>(sql`
    select count(*)::int as total, (count(*) filter (where not ${visible}))::int as hidden
      from ${activities} a where ${where}`);
  const hiddenDepartments = await db.execute<{ id: string; name: string }>(sql`
    select distinct d.id, d.name from ${activities} a join ${departments} d on d.id = a.department_id
     where ${where} and not ${visible} order by d.name`);
  const rows = await db.execute<Record<string, unknown>>(sql`
    select a.*, p.code as program_code, p.name as program_name, d.name as department_name, null as company_name
      from ${activities} a
      join ${programs} p on p.id = a.program_id
      join ${departments} d on d.id = a.department_id
     where ${where} and ${visible}
     order by a.occurred_on desc, a.created_at desc, a.id
     ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`);
  return {
    total: counts.rows[0]?.total ?? 0,
    hidden: counts.rows[0]?.hidden ?? 0,
    hiddenDepartments: hiddenDepartments.rows,
    rows: rows.rows.map(toTimelineRow),
  };
}

/** The sum of one rollup value over a day range (count and sum metrics with a from/to period). */
export async function rangeTotal(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  range: { from: string; to: string },
  f: ResolvedFilter,
  value: "facts" | "quantity" | "amountYen",
): Promise<number> {
  if (f.programIds.length === 0 || f.types.length === 0) return 0;
  const column = sql.raw({ facts: "d.facts", quantity: "d.quantity", amountYen: "d.amount_yen" }[value]);
  const where = sql.join(
    [
      sql`d.org_id = ${orgId}`,
      sql`d.fiscal_year = ${fiscalYear}`,
      sql`d.occurred_on between ${range.from} and ${range.to}`,
      ...conditions("d", f, "dims", false),
    ],
    sql` and `,
  );
  const rows = await db.execute<{ n: number }>(
    sql`select coalesce(sum(${column}), 0)::bigint as n from ${activityDaily} d where ${where}`,
  );
  return Number(rows.rows[0]?.n ?? 0);
}
