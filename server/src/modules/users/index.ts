export {
  activeUserProfile,
  changeOwnPassword,
  findLoginCandidate,
  hasAnyUser,
  type LoginCandidate,
  lockLoginCandidate,
  recordLogin,
} from "./users.credentials.js";
export { type UserRef, userRefs } from "./users.directory.js";
export { userRoutes } from "./users.routes.js";
export { createUser, resetPassword, type UsersDeps, updateUser } from "./users.service.js";
