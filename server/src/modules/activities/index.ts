export {
  type FactInput,
  type FactSourceRef,
  recordFact,
  syncFacts,
  voidFactsOf,
} from "./activities.service.js";
export { timelineRoutes } from "./timeline.routes.js";
export { confidentialNotice, confidentialScope, logConfidentialRead } from "./timeline.service.js";
