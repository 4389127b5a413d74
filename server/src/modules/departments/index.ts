export { departmentRoutes } from "./departments.routes.js";
export {
  allDepartments,
  createDepartment,
  departmentsByCodes,
  departmentsByIds,
  requireActiveDepartments,
} from "./departments.service.js";
