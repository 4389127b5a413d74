import type { AuditChange } from "@shien/contracts";

/** Fields whose values never enter the log; only the fact that they changed does. */
const SECRET_FIELDS = new Set(["password", "passwordHash", "newPassword"]);

/** The fields that differ between two snapshots (create: before = undefined; delete: after = undefined). */
export function diffFields(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): AuditChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChange[] = [];
  for (const field of [...keys].sort()) {
    const from = before?.[field];
    const to = after?.[field];
    if (JSON.stringify(normalize(from)) === JSON.stringify(normalize(to))) continue;
    if (SECRET_FIELDS.has(field)) changes.push({ field });
    else changes.push({ field, from: normalize(from), to: normalize(to) });
  }
  return changes;
}

function normalize(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return [...v].map(normalize).sort();
  return v === undefined ? null : v;
}

/**
 * The audit log is read by admins of every department, but a confidential program's records are
 * only their own departments' to read (README: 機密の事業). For such a record the log keeps which
 * fields changed and drops their values, so the trail stays complete without carrying the case.
 * Every module writing an audit entry for a record that can be confidential passes it through here.
 */
export function maskIfConfidential(confidential: boolean, changes: AuditChange[]): AuditChange[] {
  return confidential ? changes.map((c) => ({ field: c.field })) : changes;
}
