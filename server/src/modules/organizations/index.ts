export { organizationRoutes } from "./organizations.routes.js";
export {
  createOrganization,
  findOrganizationById,
  findOrganizationBySlug,
  listOrganizations,
} from "./organizations.service.js";
