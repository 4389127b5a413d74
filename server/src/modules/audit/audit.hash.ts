import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level: jsonb reorders keys, the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface HashedFields {
  orgId: string;
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  entity: string;
  entityId: string;
  action: string;
  changes: unknown;
}

export function entryHash(e: HashedFields, prevHash: string): string {
  const material = canonicalJson([
    e.orgId,
    e.seq,
    e.at.toISOString(),
    e.actorUserId,
    e.actorLabel,
    e.entity,
    e.entityId,
    e.action,
    e.changes,
    prevHash,
  ]);
  return createHash("sha256").update(material).digest("hex");
}
