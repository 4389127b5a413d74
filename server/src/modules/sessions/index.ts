export {
  countLiveSessions,
  endSession,
  endUserSessions,
  openSession,
  resolveSession,
  type SessionPolicy,
  setActiveDepartment,
} from "./sessions.service.js";
