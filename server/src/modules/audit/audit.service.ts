import type { AuditAction, AuditChange, AuditPage, AuditQuery } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError, type Text } from "../../http/app-error.js";
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
  try {
    await repo.insertEntry(tx, { ...fields, prevHash: headRow.lastHash, hash });
  } catch (err) {
    // The head is behind the log: its row was deleted (it is recreated at seq 0) or rewound behind
    // the trigger's back. Refuse the change with a message that points at `shien audit verify`
    // rather than a bare unique violation; re-pointing the head here would hide the tampering.
    if (isUniqueViolation(err, "audit_log_org_seq_uq")) throw chainHeadBehind(actor.orgId, fields.seq);
    throw err;
  }
}

const chainHeadBehind = (orgId: string, seq: number) => {
  const e = new AppError("INTERNAL", {
    ja:
      "監査ログに記録できないため、変更は保存されませんでした。監査ログの連結情報が失われているか書き換えられています。" +
      "管理者に連絡してください（管理者は shien audit verify で確認できます）。",
    en:
      "The change was not saved because it could not be written to the audit log: the log's chain head is " +
      "missing or was rewound. Contact your administrator (who can check it with `shien audit verify`).",
  });
  // For the server log only (5xx bodies carry just the text above).
  Object.assign(e, { orgId, seq });
  return e;
};

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
  problem: "hash-mismatch" | "broken-link" | "missing-entry" | "head-mismatch" | "head-missing";
}

/** What each problem means, for people reading a verification report. */
export const CHAIN_PROBLEM_TEXT: Record<ChainProblem["problem"], Text> = {
  "hash-mismatch": {
    ja: "記録の内容がハッシュと一致しません（書き換えられています）",
    en: "the entry does not match its hash (it was edited)",
  },
  "broken-link": {
    ja: "直前の記録とのつながりが切れています（前の記録が削除・差し替えされています）",
    en: "the link to the previous entry is broken (an earlier entry was deleted or replaced)",
  },
  "missing-entry": {
    ja: "この番号の記録がありません（削除されています）",
    en: "the entry with this number is missing (it was deleted)",
  },
  "head-mismatch": {
    ja: "最新の記録が連結情報 (audit_heads) と一致しません（末尾の記録が削除・追加されています）",
    en: "the last entry does not match the chain head (entries were removed from or added to the end)",
  },
  "head-missing": {
    ja: "記録があるのに連結情報 (audit_heads) がありません（末尾の記録が連結情報ごと削除された可能性があります）",
    en: "entries exist but the chain head row is missing (the last entries may have been deleted along with it)",
  },
};

/**
 * Walks an organization's chain from the first entry; any edit, deletion or truncation shows up.
 * The head and the entries are read in one REPEATABLE READ snapshot: writers append an entry and
 * move the head in one transaction, so within a snapshot they always agree, while separate reads
 * would see an entry committed in between as a head mismatch. A read-only snapshot blocks no writer.
 */
export async function verifyChain(db: Db, orgId: string): Promise<{ entries: number; problems: ChainProblem[] }> {
  return db.transaction((tx) => verifySnapshot(tx, orgId), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

async function verifySnapshot(tx: Executor, orgId: string): Promise<{ entries: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  // Read first, so the snapshot is taken here. Entries past the head in the same snapshot are not
  // a race but a forgery (a head put back behind the log), so they are walked and reported too.
  const h = await repo.head(tx, orgId);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const batch = await repo.entriesAfter(tx, orgId, expectedSeq - 1, 5000);
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
  if (!h) {
    // Deleting the last entries together with the head row would otherwise leave a chain that
    // looks whole; an org that never wrote an entry legitimately has neither.
    if (entries > 0) problems.push({ seq: expectedSeq - 1, problem: "head-missing" });
  } else if (h.lastSeq !== expectedSeq - 1 || h.lastHash !== prevHash) {
    problems.push({ seq: h.lastSeq, problem: "head-mismatch" });
  }
  return { entries, problems };
}
