export {
  type FactInput,
  type FactSourceRef,
  recordFact,
  syncFacts,
  voidFactsOf,
} from "./activities.service.js";
export {
  distinctBusinessesByMonth,
  distinctBusinessesInRange,
  type FactsBehind,
  factMonthTotals,
  factRangeTotal,
  factsBehindFigure,
  type MonthRow,
  type ResolvedFilter,
} from "./measures.service.js";
export { timelineRoutes } from "./timeline.routes.js";
export { confidentialNotice, confidentialScope, logConfidentialRead } from "./timeline.service.js";
