export { departmentRoutes } from "./departments.routes.js";
export {
  createDepartment,
  departmentsByCodes,
  departmentsByIds,
  requireActiveDepartments,
} from "./departments.service.js";
