import type { Executor } from "../../db/client.js";
import * as repo from "./plans.repository.js";

/** Whether an organization already has a plan for a fiscal year (first-start seeding asks). */
export async function hasPlan(db: Executor, orgId: string, fiscalYear: number): Promise<boolean> {
  return (await repo.findPlanByYear(db, orgId, fiscalYear)) !== undefined;
}
