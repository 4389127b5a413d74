export { kpiRoutes } from "./kpi.routes.js";
export { getDashboard } from "./kpi.service.js";
