export { diffFields } from "./audit.changes.js";
export { GENESIS_HASH } from "./audit.hash.js";
export { auditRoutes } from "./audit.routes.js";
export { type AuditInput, type ChainProblem, lockAuditChain, recordAudit, verifyChain } from "./audit.service.js";
