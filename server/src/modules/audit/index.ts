export { diffFields, maskIfConfidential } from "./audit.changes.js";
export { GENESIS_HASH } from "./audit.hash.js";
export { auditRoutes } from "./audit.routes.js";
export {
  type AuditInput,
  CHAIN_PROBLEM_TEXT,
  type ChainProblem,
  lockAuditChain,
  recordAudit,
  verifyChain,
} from "./audit.service.js";
