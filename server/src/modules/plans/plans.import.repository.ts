import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import {
  amountLines,
  budgetLines,
  budgetStatements,
  indicators,
  initiatives,
  planNodes,
  programDepartments,
  programs,
} from "../../db/schema/index.js";

/**
 * Writes of the plan importer. Programs and indicators keep their ids across re-imports (they are
 * matched by code, and by category + name), because activities and metrics will point at them;
 * everything else of the plan is replaced wholesale inside the import transaction.
 */
export async function clearReplaceableParts(db: Executor, orgId: string, planId: string): Promise<void> {
  const programIds = db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.planId, planId)));
  await db.delete(planNodes).where(and(eq(planNodes.orgId, orgId), eq(planNodes.planId, planId)));
  await db.delete(amountLines).where(and(eq(amountLines.orgId, orgId), inArray(amountLines.programId, programIds)));
  await db
    .delete(programDepartments)
    .where(and(eq(programDepartments.orgId, orgId), inArray(programDepartments.programId, programIds)));
  await db.delete(budgetLines).where(and(eq(budgetLines.orgId, orgId), eq(budgetLines.planId, planId)));
  await db.delete(budgetStatements).where(and(eq(budgetStatements.orgId, orgId), eq(budgetStatements.planId, planId)));
  await db.delete(initiatives).where(and(eq(initiatives.orgId, orgId), eq(initiatives.planId, planId)));
}

export async function upsertProgram(db: Executor, row: typeof programs.$inferInsert): Promise<string> {
  const { id: _ignored, ...values } = row;
  const rows = await db
    .insert(programs)
    .values(values)
    .onConflictDoUpdate({
      target: [programs.planId, programs.code],
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning({ id: programs.id });
  return (rows[0] as { id: string }).id;
}

export async function upsertIndicator(db: Executor, row: typeof indicators.$inferInsert): Promise<string> {
  const { id: _ignored, ...values } = row;
  const rows = await db
    .insert(indicators)
    .values(values)
    .onConflictDoUpdate({
      target: [indicators.programId, indicators.category, indicators.name],
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning({ id: indicators.id });
  return (rows[0] as { id: string }).id;
}

/** The plan's indicators (of these programs) other than the ones the new file wrote. */
const notKept = (orgId: string, programIds: string[], keep: string[]) =>
  and(
    eq(indicators.orgId, orgId),
    inArray(indicators.programId, programIds),
    keep.length > 0 ? notInArray(indicators.id, keep) : undefined,
  );

/** Indicators of the plan's programs that the new file no longer has (renamed, recategorized or dropped). */
export async function indicatorsExcept(db: Executor, orgId: string, programIds: string[], keep: string[]) {
  if (programIds.length === 0) return [];
  return db
    .select({
      id: indicators.id,
      programId: indicators.programId,
      category: indicators.category,
      name: indicators.name,
    })
    .from(indicators)
    .where(notKept(orgId, programIds, keep))
    .orderBy(indicators.position);
}

/** Removes indicators of the plan that the new file no longer has. */
export async function deleteIndicatorsExcept(db: Executor, orgId: string, programIds: string[], keep: string[]) {
  if (programIds.length === 0) return;
  await db.delete(indicators).where(notKept(orgId, programIds, keep));
}

/** Removes programs of the plan whose codes the new file no longer has (children first). */
export async function deleteProgramsExcept(db: Executor, orgId: string, planId: string, keep: string[]) {
  const stale = await db
    .select({ id: programs.id })
    .from(programs)
    .where(
      and(
        eq(programs.orgId, orgId),
        eq(programs.planId, planId),
        keep.length > 0 ? notInArray(programs.id, keep) : undefined,
      ),
    );
  const ids = stale.map((s) => s.id);
  if (ids.length === 0) return 0;
  await db.delete(indicators).where(and(eq(indicators.orgId, orgId), inArray(indicators.programId, ids)));
  await db
    .update(programs)
    .set({ parentId: null })
    .where(and(eq(programs.orgId, orgId), inArray(programs.id, ids)));
  await db.delete(programs).where(and(eq(programs.orgId, orgId), inArray(programs.id, ids)));
  return ids.length;
}

export async function insertNode(db: Executor, row: typeof planNodes.$inferInsert): Promise<string> {
  const rows = await db.insert(planNodes).values(row).returning({ id: planNodes.id });
  return (rows[0] as { id: string }).id;
}

export async function insertDepartmentLinks(db: Executor, rows: (typeof programDepartments.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(programDepartments).values(rows);
}

export async function insertAmountLines(db: Executor, rows: (typeof amountLines.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(amountLines).values(rows);
}

export async function insertBudget(
  db: Executor,
  statement: typeof budgetStatements.$inferInsert,
  lines: (typeof budgetLines.$inferInsert)[],
) {
  await db.insert(budgetStatements).values(statement);
  if (lines.length > 0) await db.insert(budgetLines).values(lines);
}

export async function insertInitiatives(db: Executor, rows: (typeof initiatives.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(initiatives).values(rows);
}
