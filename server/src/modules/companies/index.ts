export { exportCompanies } from "./companies.export.js";
export { type ImportReport, importCompanies } from "./companies.import.js";
export { companyRoutes } from "./companies.routes.js";
