import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import {
  amountLines,
  budgetLines,
  budgetStatements,
  indicators,
  initiatives,
  planNodes,
  planRevisions,
  plans,
  programDepartments,
  programs,
} from "../../db/schema/index.js";

export type PlanRow = typeof plans.$inferSelect;
export type ProgramRow = typeof programs.$inferSelect;
export type NodeRow = typeof planNodes.$inferSelect;
export type AmountRow = typeof amountLines.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;

export async function listPlans(db: Executor, orgId: string) {
  return db
    .select({
      plan: plans,
      // Qualified by hand: inside the subquery an unqualified "id" would mean the program's id.
      programCount: sql<number>`(select count(*)::int from programs p where p.plan_id = "plans"."id" and p.parent_id is null)`,
    })
    .from(plans)
    .where(eq(plans.orgId, orgId))
    .orderBy(asc(plans.fiscalYear));
}

export async function findPlan(db: Executor, orgId: string, id: string, lock = false): Promise<PlanRow | undefined> {
  const q = db
    .select()
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.id, id)));
  return (lock ? await q.for("update") : await q)[0];
}

export async function findPlanByYear(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  lock = false,
): Promise<PlanRow | undefined> {
  const q = db
    .select()
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.fiscalYear, fiscalYear)));
  return (lock ? await q.for("update") : await q)[0];
}

/** Creates the plan or updates its header; the row (id) of an organization's year never changes. */
export async function upsertPlan(
  db: Executor,
  row: Pick<
    typeof plans.$inferInsert,
    "orgId" | "fiscalYear" | "title" | "status" | "source" | "notes" | "statedFigures"
  >,
): Promise<{ plan: PlanRow; created: boolean }> {
  const rows = await db
    .insert(plans)
    .values(row)
    .onConflictDoUpdate({
      target: [plans.orgId, plans.fiscalYear],
      set: {
        title: row.title,
        status: row.status,
        source: row.source,
        notes: row.notes,
        statedFigures: row.statedFigures,
        updatedAt: sql`now()`,
      },
    })
    // xmax = 0 only on a freshly inserted row: tells create from update in one statement.
    .returning({ id: plans.id, created: sql<boolean>`xmax = 0` });
  const { id, created } = rows[0] as { id: string; created: boolean };
  return { plan: (await findPlan(db, row.orgId, id)) as PlanRow, created };
}

export async function setPlanStatus(db: Executor, orgId: string, id: string, status: string, revision?: number) {
  await db
    .update(plans)
    .set({ status, ...(revision === undefined ? {} : { revision }), updatedAt: sql`now()` })
    .where(and(eq(plans.orgId, orgId), eq(plans.id, id)));
}

export async function insertRevision(db: Executor, row: typeof planRevisions.$inferInsert) {
  await db.insert(planRevisions).values(row);
}

export async function programsOf(db: Executor, orgId: string, planId: string): Promise<ProgramRow[]> {
  return db
    .select()
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.planId, planId)))
    .orderBy(asc(programs.position));
}

export async function findProgramByCode(db: Executor, orgId: string, planId: string, code: string) {
  return (
    await db
      .select()
      .from(programs)
      .where(
        and(eq(programs.orgId, orgId), eq(programs.planId, planId), eq(programs.code, code), isNull(programs.parentId)),
      )
  )[0];
}

export async function nodesOf(db: Executor, orgId: string, planId: string): Promise<NodeRow[]> {
  return db
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.orgId, orgId), eq(planNodes.planId, planId)))
    .orderBy(asc(planNodes.position));
}

export async function departmentLinksOf(db: Executor, orgId: string, programIds: string[]) {
  if (programIds.length === 0) return [];
  return db
    .select()
    .from(programDepartments)
    .where(and(eq(programDepartments.orgId, orgId), inArray(programDepartments.programId, programIds)))
    .orderBy(asc(programDepartments.position));
}

export async function amountsOf(db: Executor, orgId: string, programIds: string[]): Promise<AmountRow[]> {
  if (programIds.length === 0) return [];
  return db
    .select()
    .from(amountLines)
    .where(and(eq(amountLines.orgId, orgId), inArray(amountLines.programId, programIds)))
    .orderBy(asc(amountLines.position));
}

export async function indicatorsOf(db: Executor, orgId: string, programIds: string[]): Promise<IndicatorRow[]> {
  if (programIds.length === 0) return [];
  return db
    .select()
    .from(indicators)
    .where(and(eq(indicators.orgId, orgId), inArray(indicators.programId, programIds)))
    .orderBy(asc(indicators.position));
}

export async function budgetOf(db: Executor, orgId: string, planId: string) {
  const [statement] = await db
    .select()
    .from(budgetStatements)
    .where(and(eq(budgetStatements.orgId, orgId), eq(budgetStatements.planId, planId)));
  const lines = await db
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.orgId, orgId), eq(budgetLines.planId, planId)))
    .orderBy(asc(budgetLines.position));
  return { statement, lines };
}

export async function initiativesOf(db: Executor, orgId: string, planId: string) {
  return db
    .select()
    .from(initiatives)
    .where(and(eq(initiatives.orgId, orgId), eq(initiatives.planId, planId)))
    .orderBy(asc(initiatives.position));
}

export async function findAmountLine(db: Executor, orgId: string, planId: string, id: string, lock = false) {
  const q = db
    .select({ line: amountLines, program: programs })
    .from(amountLines)
    .innerJoin(programs, eq(programs.id, amountLines.programId))
    .where(and(eq(amountLines.orgId, orgId), eq(amountLines.id, id), eq(programs.planId, planId)));
  return (lock ? await q.for("update", { of: amountLines }) : await q)[0];
}

export async function updateAmountLine(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<typeof amountLines.$inferInsert>,
) {
  const rows = await db
    .update(amountLines)
    .set(patch)
    .where(and(eq(amountLines.orgId, orgId), eq(amountLines.id, id)))
    .returning();
  return rows[0] as AmountRow;
}

export async function findIndicator(db: Executor, orgId: string, planId: string, id: string, lock = false) {
  const q = db
    .select({ indicator: indicators, program: programs })
    .from(indicators)
    .innerJoin(programs, eq(programs.id, indicators.programId))
    .where(and(eq(indicators.orgId, orgId), eq(indicators.id, id), eq(programs.planId, planId)));
  return (lock ? await q.for("update", { of: indicators }) : await q)[0];
}

export async function updateIndicator(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<typeof indicators.$inferInsert>,
) {
  const rows = await db
    .update(indicators)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(indicators.orgId, orgId), eq(indicators.id, id)))
    .returning();
  return rows[0] as IndicatorRow;
}

/** Whether another indicator of the program's category already has this name (names are unique there). */
export async function indicatorNameTaken(
  db: Executor,
  orgId: string,
  programId: string,
  category: string,
  name: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: indicators.id })
    .from(indicators)
    .where(
      and(
        eq(indicators.orgId, orgId),
        eq(indicators.programId, programId),
        eq(indicators.category, category),
        eq(indicators.name, name),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Department ids of a program's top-level ancestor (担当課 are recorded on the top-level program). */
export async function owningDepartmentIds(db: Executor, orgId: string, programId: string): Promise<string[]> {
  const rows = await db.execute<{ department_id: string }>(sql`
    with recursive up as (
      select id, parent_id from ${programs} where id = ${programId} and org_id = ${orgId}
      union all
      select p.id, p.parent_id from ${programs} p join up on p.id = up.parent_id where p.org_id = ${orgId}
    )
    select pd.department_id from up join ${programDepartments} pd on pd.program_id = up.id
    where up.parent_id is null and pd.org_id = ${orgId}`);
  return rows.rows.map((r) => r.department_id);
}
