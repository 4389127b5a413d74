import type { AuditAction, AuditChange, AuditPage, AuditQuery } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { entryHash, GENESIS_HASH } from "./audit.hash.js";
import * as repo from "./audit.repository.js";

export interface AuditInput {
  entity: string;
  entityId: string;
  action: AuditAction;
  changes?: AuditChange[];
}

/**
 * Appends one entry inside the caller's transaction, so the log and the change it describes
 * commit or roll back together. Call it last in the transaction: it holds the org's chain lock.
 */
export async function recordAudit(tx: Executor, actor: Actor, input: AuditInput): Promise<void> {
  const headRow = await repo.lockHead(tx, actor.orgId, GENESIS_HASH);
  const fields = {
    orgId: actor.orgId,
    seq: headRow.lastSeq + 1,
    // Millisecond precision: the column is timestamptz(3), so the hashed value survives the round trip.
    at: new Date(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    changes: input.changes ?? [],
  };
  const hash = entryHash(fields, headRow.lastHash);
  await repo.insertEntry(tx, { ...fields, prevHash: headRow.lastHash, hash });
}

/**
 * Takes the organization's audit chain lock without writing an entry. Writers of activity facts
 * take it before their first rollup row, so that every fact-writing transaction of an
 * organization locks rows in one order (see activities/rollups.repository.ts).
 */
export async function lockAuditChain(tx: Executor, orgId: string): Promise<void> {
  await repo.lockHead(tx, orgId, GENESIS_HASH);
}

export async function listAudit(db: Db, actor: Actor, q: AuditQuery): Promise<AuditPage> {
  requireAccess(actor, "audit.read", { orgId: actor.orgId });
  const { items, total } = await repo.listEntries(db, actor.orgId, q);
  return {
    items: items.map((r) => ({
      id: String(r.id),
      seq: r.seq,
      at: r.at.toISOString(),
      actorUserId: r.actorUserId,
      actorLabel: r.actorLabel,
      entity: r.entity,
      entityId: r.entityId,
      action: r.action as AuditAction,
      changes: r.changes as AuditChange[],
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export interface ChainProblem {
  seq: number;
  problem: "hash-mismatch" | "broken-link" | "missing-entry" | "head-mismatch";
}

/** Walks an organization's chain from the first entry; any edit, deletion or truncation shows up. */
export async function verifyChain(db: Db, orgId: string): Promise<{ entries: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const batch = await repo.entriesAfter(db, orgId, expectedSeq - 1, 5000);
    if (batch.length === 0) break;
    for (const row of batch) {
      entries++;
      if (row.seq !== expectedSeq) problems.push({ seq: expectedSeq, problem: "missing-entry" });
      if (row.prevHash !== prevHash) problems.push({ seq: row.seq, problem: "broken-link" });
      if (entryHash(row, row.prevHash) !== row.hash) problems.push({ seq: row.seq, problem: "hash-mismatch" });
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
    }
  }
  const h = await repo.head(db, orgId);
  if (h && (h.lastSeq !== expectedSeq - 1 || h.lastHash !== prevHash)) {
    problems.push({ seq: h.lastSeq, problem: "head-mismatch" });
  }
  return { entries, problems };
}
