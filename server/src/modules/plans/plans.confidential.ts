import type { Executor } from "../../db/client.js";
import { supportPrograms } from "./plans.catalog.js";

/**
 * Whether a department runs any confidential program (機密の事業, e.g. 中小企業活性化協議会's
 * restructuring support) in the plan of a fiscal year. Other modules ask this instead of reading
 * the plan's tables: work addressed to such a department may be part of a confidential case.
 */
export async function runsConfidentialProgram(
  db: Executor,
  orgId: string,
  departmentId: string,
  fiscalYear: number,
): Promise<boolean> {
  const programs = await supportPrograms(db, orgId, fiscalYear);
  return programs.some((p) => p.confidential && p.departmentIds.includes(departmentId));
}
