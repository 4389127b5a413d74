export { companyRoutes } from "./companies.routes.js";
