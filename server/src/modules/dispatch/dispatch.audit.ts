import type { AuditChange } from "@shien/contracts";

/**
 * The audit log is read by admins of every department: for a dispatch of a confidential program it
 * records which fields changed, never their values (fees, purpose, report), as consultations do.
 */
export function auditChanges(confidential: boolean, changes: AuditChange[]): AuditChange[] {
  return confidential ? changes.map((c) => ({ field: c.field })) : changes;
}
