export { formatIssue, PlanFileError } from "./plan-file.loader.js";
export {
  type KpiCatalog,
  type KpiIndicatorDef,
  kpiCatalog,
  programBudgetYen,
  type SupportProgram,
  supportProgram,
  supportProgramByCode,
  supportProgramOn,
  supportPrograms,
  supportProgramsByIds,
} from "./plans.catalog.js";
export { runsConfidentialProgram } from "./plans.confidential.js";
export { exportPlan } from "./plans.export.js";
export { type ImportResult, importPlanText } from "./plans.import.js";
export { planRoutes } from "./plans.routes.js";
export { hasPlan } from "./plans.seed.js";
