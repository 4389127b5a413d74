import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { amountLines, indicators, planNodes, plans, programDepartments, programs } from "../../db/schema/index.js";
import type { SupportProgram } from "./plans.catalog.js";

interface Filter {
  programId?: string;
  ids?: string[];
  fiscalYear?: number;
  code?: string;
}

/**
 * Programs with their plan year and their top program's departments, walked up in one recursive
 * query (sub-programs nest two levels in Fukushima's plan: I-1-3-2-1).
 */
export async function programsWithRoots(db: Executor, orgId: string, f: Filter): Promise<SupportProgram[]> {
  const where = [sql`p.org_id = ${orgId}`];
  if (f.programId) where.push(sql`p.id = ${f.programId}`);
  if (f.ids)
    where.push(
      sql`p.id in (${sql.join(
        f.ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (f.fiscalYear !== undefined) where.push(sql`pl.fiscal_year = ${f.fiscalYear}`);
  if (f.code) where.push(sql`p.code = ${f.code}`);
  const rows = await db.execute<{
    id: string;
    code: string;
    name: string;
    fiscal_year: number;
    plan_id: string;
    parent_id: string | null;
    confidential: boolean;
    kinds: string[];
    outputs: SupportProgram["outputs"];
    department_ids: string[] | null;
    depth: number;
  }>(sql`
    with recursive up as (
      select p.id as start_id, p.id, p.parent_id, 0 as depth
        from ${programs} p join ${plans} pl on pl.id = p.plan_id
       where ${sql.join(where, sql` and `)}
      union all
      select up.start_id, q.id, q.parent_id, up.depth + 1
        from ${programs} q join up on q.id = up.parent_id
       where q.org_id = ${orgId}
    ),
    roots as (
      select start_id, id as root_id, depth from up where parent_id is null
    )
    select p.id, p.code, p.name, pl.fiscal_year, p.plan_id, p.parent_id, p.confidential, p.kinds, p.outputs,
           (select array_agg(pd.department_id order by pd.position)
              from ${programDepartments} pd where pd.program_id = r.root_id and pd.org_id = ${orgId}) as department_ids,
           r.depth
      from roots r
      join ${programs} p on p.id = r.start_id
      join ${plans} pl on pl.id = p.plan_id
     order by pl.fiscal_year, p.position`);
  return rows.rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    label: `${r.code} ${r.name}`,
    fiscalYear: r.fiscal_year,
    planId: r.plan_id,
    parentId: r.parent_id,
    departmentIds: r.department_ids ?? [],
    confidential: r.confidential,
    kinds: r.kinds as SupportProgram["kinds"],
    outputs: r.outputs,
    depth: r.depth,
  }));
}

/** A plan's indicators in the document's order (program order, then the indicator's position). */
export async function indicatorsOfPlan(db: Executor, orgId: string, planId: string) {
  return db
    .select({
      id: indicators.id,
      programId: indicators.programId,
      category: indicators.category,
      name: indicators.name,
      unit: indicators.unit,
      target: indicators.target,
      targetText: indicators.targetText,
      breakdown: indicators.breakdown,
      metric: indicators.metric,
    })
    .from(indicators)
    .innerJoin(programs, eq(programs.id, indicators.programId))
    .where(and(eq(indicators.orgId, orgId), eq(programs.planId, planId)))
    .orderBy(asc(programs.position), asc(indicators.position));
}

/** Top program id → the title of the top-level group (事業体系) it is listed under. */
export async function sectionsOfPlan(db: Executor, orgId: string, planId: string): Promise<Map<string, string>> {
  const rows = await db.execute<{ program_id: string; title: string | null }>(sql`
    with recursive up as (
      select n.program_id, n.parent_id, null::text as title
        from ${planNodes} n where n.org_id = ${orgId} and n.plan_id = ${planId} and n.kind = 'program'
      union all
      select up.program_id, p.parent_id, p.title
        from up join ${planNodes} p on p.id = up.parent_id
    )
    select program_id, title from up where parent_id is null`);
  return new Map(rows.rows.map((r) => [r.program_id, r.title ?? ""]).filter(([, t]) => t !== "") as [string, string][]);
}

/**
 * A program's budget in yen: its own and its sub-programs' amount lines that count toward the
 * budget (the figure of the plan overview's programSummary.budgetYen), in one recursive query.
 */
export async function programBudgetYen(db: Executor, orgId: string, programId: string): Promise<number> {
  const rows = await db.execute<{ yen: string | null }>(sql`
    with recursive down as (
      select p.id from ${programs} p where p.org_id = ${orgId} and p.id = ${programId}
      union all
      select c.id from ${programs} c join down on c.parent_id = down.id where c.org_id = ${orgId}
    )
    select sum(a.yen)::text as yen from ${amountLines} a
     where a.org_id = ${orgId} and a.counts_toward_budget and a.program_id in (select id from down)`);
  return Number(rows.rows[0]?.yen ?? 0);
}
