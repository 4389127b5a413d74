import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import {
  activities,
  activityCompanyFirsts,
  activityCompanyMonths,
  activityCompanyTypes,
  activityDaily,
  activityMonthly,
  departments,
  programs,
} from "../../db/schema/index.js";
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
  // Whole months from the monthly rollup; the as-of month day by day, up to the as-of day.
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
    select program_id, department_id, type, outcome, dims, month,
           sum(facts)::int as facts, sum(quantity)::bigint as quantity, sum(amount_yen)::bigint as amount_yen
      from (
        select program_id, department_id, type, outcome, dims,
               ((extract(month from month)::int + 8) % 12) as month, facts, quantity, amount_yen
          from ${activityMonthly}
         where org_id = ${orgId} and fiscal_year = ${fiscalYear} and month < date_trunc('month', ${asOf}::date)
        union all
        select program_id, department_id, type, outcome, dims,
               ((extract(month from occurred_on)::int + 8) % 12) as month, facts, quantity, amount_yen
          from ${activityDaily}
         where org_id = ${orgId} and fiscal_year = ${fiscalYear}
           and occurred_on >= date_trunc('month', ${asOf}::date) and occurred_on <= ${asOf}
      ) x
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

/** A filter on program and type only: the coarse per-business rollups can answer it. */
const coarse = (f: ResolvedFilter) =>
  !f.outcomes?.length && !f.departmentIds?.length && Object.keys(f.attributes ?? {}).length === 0;

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
  const table = coarse(f) ? activityCompanyTypes : activityCompanyFirsts;
  const rows = await db.execute<{ month: number; n: number }>(sql`
    select ((extract(month from first)::int + 8) % 12) as month, count(*)::int as n
      from (select e.entity, min(f.first_on) as first
              from ${table} f
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
  const rawWhere = (from: string, to: string) =>
    sql.join(
      [
        sql`a.org_id = ${orgId}`,
        sql`a.fiscal_year = ${fiscalYear}`,
        sql`a.voided_at is null`,
        sql`a.occurred_on between ${from} and ${to}`,
        ...conditions("a", f, "attributes", true),
      ],
      sql` and `,
    );
  if (!coarse(f)) {
    const rows = await db.execute<{ n: number }>(sql`
      select count(distinct e.entity)::int as n
        from ${activities} a join company_entities e on e.org_id = a.org_id and e.company_id = a.company_id
       where ${rawWhere(range.from, range.to)}`);
    return rows.rows[0]?.n ?? 0;
  }
  // Whole months from the per-month business rollup; a part-month at either end (an as-of day
  // inside the quarter) from the facts of those few days.
  const { months, partial } = splitByMonth(range);
  const parts: SQL[] = [];
  if (months.length > 0) {
    parts.push(sql`
      select m.company_id from ${activityCompanyMonths} m
       where m.org_id = ${orgId} and m.fiscal_year = ${fiscalYear} and m.facts > 0
         and m.program_id in (${uuidList(f.programIds)}) and m.type in (${textList(f.types)})
         and m.month in (${sql.join(
           months.map((m) => sql`${m}::date`),
           sql`, `,
         )})`);
  }
  for (const p of partial) parts.push(sql`select a.company_id from ${activities} a where ${rawWhere(p.from, p.to)}`);
  if (parts.length === 0) return 0;
  const rows = await db.execute<{ n: number }>(sql`
    select count(distinct e.entity)::int as n
      from (${sql.join(parts, sql` union `)}) x
      join company_entities e on e.org_id = ${orgId} and e.company_id = x.company_id`);
  return rows.rows[0]?.n ?? 0;
}

/** The whole months (their first days) a day range covers, and the part-months left at its ends. */
export function splitByMonth(range: { from: string; to: string }): {
  months: string[];
  partial: { from: string; to: string }[];
} {
  const months: string[] = [];
  const partial: { from: string; to: string }[] = [];
  let cursor = range.from;
  while (cursor <= range.to) {
    const first = `${cursor.slice(0, 7)}-01`;
    const next = new Date(`${first}T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const nextFirst = next.toISOString().slice(0, 10);
    next.setUTCDate(0);
    const last = next.toISOString().slice(0, 10);
    const end = last < range.to ? last : range.to;
    if (cursor === first && end === last) months.push(first);
    else partial.push({ from: cursor, to: end });
    cursor = nextFirst;
  }
  return { months, partial };
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
