export { exportCompanies } from "./companies.export.js";
export { type ImportReport, importCompanies } from "./companies.import.js";
export { companyRoutes } from "./companies.routes.js";
export { companyEntity, companyNames } from "./companies.service.js";
export { contactRoutes } from "./contacts.routes.js";
export { dedupeRoutes } from "./dedupe.routes.js";
export { type DedupeStats, distinctEntities, runDedupe } from "./dedupe.service.js";
