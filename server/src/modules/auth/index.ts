export { authRoutes } from "./auth.routes.js";
export { type AuthDeps, type ResolvedSession, resolveActor } from "./auth.service.js";
