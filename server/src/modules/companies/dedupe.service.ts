import type { CompanyEntity, CompanyInput } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError, notFound } from "../../http/app-error.js";
import { recordAudit } from "../audit/index.js";
import { compare, isValidCorporateNumber, type MatchRecord, type Reason, resolve } from "../meiyose/index.js";
import * as repo from "./companies.repository.js";
import { toDto } from "./companies.service.js";
import { digitsOf, searchForm } from "./companies.text.js";
import * as dedupe from "./dedupe.repository.js";

const COMPANY = { ja: "事業者", en: "The business" };

type Row = Awaited<ReturnType<typeof dedupe.matchRecords>>[number];

function toMatch(r: Row | (CompanyInput & { id: string })): MatchRecord {
  const rec: MatchRecord = { id: r.id, name: r.name };
  if (r.corporateNumber) rec.corporateNumber = r.corporateNumber;
  if (r.nameKana) rec.nameKana = r.nameKana;
  if (r.postalCode) rec.postalCode = r.postalCode;
  if (r.address) rec.address = r.address;
  if (r.phone) rec.phone = r.phone;
  if (r.representative) rec.representative = r.representative;
  return rec;
}

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** What a merge replaced: the members' entity keys and the review pairs it settled. */
interface MergeSnapshot {
  members: { companyId: string; entityKey: string | null }[];
  reviewPairs: { companyA: string; companyB: string; score: number; reasons: unknown }[];
  /** the decisions its "same" rows replaced (a "different" judged earlier, an earlier merge's); absent in merges made before it was kept */
  decisions?: dedupe.StoredDecision[];
}

export interface DedupeStats {
  records: number;
  entities: number;
  reviewPairs: number;
  conflicts: number;
}

/**
 * Recomputes the organization's entities from every company record and every human decision
 * (which win over scores), and replaces the review queue. One run at a time per organization.
 */
export type DedupePhase = "load" | "match" | "write" | "review";

export async function runDedupe(
  db: Db,
  actor: Actor,
  onProgress?: (phase: DedupePhase, done: number, total: number) => void,
): Promise<DedupeStats> {
  requireAccess(actor, "company.write", { orgId: actor.orgId }, COMPANY);
  return db.transaction(async (tx) => {
    await dedupe.lockState(tx, actor.orgId);
    onProgress?.("load", 0, 0);
    const rows = await dedupe.matchRecords(tx, actor.orgId);
    onProgress?.("match", 0, rows.length);
    const decisions = (await dedupe.decisions(tx, actor.orgId)).map((d) => ({
      a: d.companyA,
      b: d.companyB,
      same: d.same,
    }));
    const decided = new Set(decisions.map((d) => `${d.a}/${d.b}`));
    const result = resolve(rows.map(toMatch), { decisions });
    await dedupe.setEntityKeys(
      tx,
      actor.orgId,
      rows.map((r) => [r.id, result.entities.get(r.id) ?? r.id]),
      (done, total) => onProgress?.("write", done, total),
    );
    onProgress?.("review", rows.length, rows.length);
    const pairs = result.reviewPairs
      .map((p) => {
        const [a, b] = ordered(p.a, p.b);
        return { companyA: a, companyB: b, score: p.score, reasons: p.reasons };
      })
      .filter((p) => !decided.has(`${p.companyA}/${p.companyB}`));
    await dedupe.replaceReviewPairs(tx, actor.orgId, pairs);
    const stats = {
      records: rows.length,
      entities: new Set(result.entities.values()).size,
      reviewPairs: pairs.length,
      conflicts: result.conflicts.length,
    };
    await dedupe.recordRun(tx, actor.orgId, stats.records, stats.entities);
    await recordAudit(tx, actor, {
      entity: "meiyose",
      entityId: actor.orgId,
      action: "update",
      changes: [{ field: "dedupe", to: stats }],
    });
    return stats;
  });
}

/** Registered businesses that a new or edited record probably is, best first, with the reasons. */
export async function likelyDuplicates(db: Db, actor: Actor, input: CompanyInput, exceptId?: string) {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, COMPANY);
  const probe = toMatch({ ...input, id: "__new__" });
  const candidates = new Map<string, repo.CompanyRow>();
  const add = (rows: repo.CompanyRow[]) => {
    for (const r of rows) if (r.id !== exceptId) candidates.set(r.id, r);
  };
  // Search text keeps the name as written (旧字 and all), so the legal form is cut from the written
  // name here rather than taking the engine's folded core, which the stored search text would not match.
  const core = searchForm(input.name).replace(/株式会社|有限会社|合同会社|\(株\)|\(有\)|\(同\)/g, "");
  if (core.length >= 2) add((await repo.search(db, actor.orgId, { text: core, page: 1, pageSize: 50 })).items);
  const digits = input.phone ? digitsOf(input.phone) : "";
  if (digits.length >= 6) add((await repo.search(db, actor.orgId, { digits, page: 1, pageSize: 20 })).items);
  if (input.corporateNumber) {
    add((await repo.search(db, actor.orgId, { digits: input.corporateNumber, page: 1, pageSize: 5 })).items);
  }
  return [...candidates.values()]
    .map((c) => ({ company: toDto(c), ...compare(probe, toMatch({ ...c, id: c.id } as unknown as Row)) }))
    .filter((m) => m.decision !== "different")
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map((m) => ({
      company: m.company,
      score: m.score,
      decision: m.decision as "same" | "review",
      reasons: m.reasons,
    }));
}

export async function reviewQueue(db: Db, actor: Actor, limit = 100) {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, COMPANY);
  const pairs = await dedupe.reviewPairs(db, actor.orgId, limit);
  const ids = [...new Set(pairs.flatMap((p) => [p.companyA, p.companyB]))];
  const byId = new Map((await repo.findByIds(db, actor.orgId, ids)).map((r) => [r.id, r]));
  return pairs
    .filter((p) => byId.has(p.companyA) && byId.has(p.companyB))
    .map((p) => ({
      a: toDto(byId.get(p.companyA) as repo.CompanyRow),
      b: toDto(byId.get(p.companyB) as repo.CompanyRow),
      score: p.score,
      reasons: p.reasons as Reason[],
    }));
}

/**
 * Makes the businesses of these records one entity. Every record is kept; the keys they had are
 * stored so that undo restores them exactly. Two different valid 法人番号 are never merged.
 */
export async function mergeCompanies(
  db: Db,
  actor: Actor,
  companyIds: string[],
): Promise<{ mergeId: string; entityKey: string }> {
  requireAccess(actor, "company.write", { orgId: actor.orgId }, COMPANY);
  return db.transaction(async (tx) => {
    await dedupe.lockState(tx, actor.orgId);
    const members = await dedupe.clustersOf(tx, actor.orgId, companyIds);
    if (companyIds.some((id) => !members.some((m) => m.id === id))) throw notFound(COMPANY);
    const numbers = new Set(
      members.map((m) => m.corporateNumber).filter((n): n is string => !!n && isValidCorporateNumber(n)),
    );
    if (numbers.size > 1) {
      throw new AppError("CONFLICT", {
        ja: `法人番号の異なる事業者（${[...numbers].join("、")}）は同じ事業者にできません`,
        en: `Businesses with different corporate numbers (${[...numbers].join(", ")}) cannot be merged`,
      });
    }
    const entityKey = [...numbers][0] ?? (members.map((m) => m.id).sort()[0] as string);
    const sortedIds = [...new Set(companyIds)].sort();
    const pairs = sortedIds.slice(1).map((id) => ordered(sortedIds[0] as string, id));
    const removedPairs = await dedupe.reviewPairsAmong(tx, actor.orgId, pairs);
    const replaced = await dedupe.decisionsAmong(tx, actor.orgId, pairs);
    const merge = await dedupe.insertMerge(tx, {
      orgId: actor.orgId,
      entityKey,
      previous: {
        members: members.map((m) => ({ companyId: m.id, entityKey: m.entityKey })),
        reviewPairs: removedPairs,
        decisions: replaced,
      } satisfies MergeSnapshot,
      mergedBy: actor.label,
    });
    await dedupe.setEntityKeys(
      tx,
      actor.orgId,
      members.map((m) => [m.id, entityKey]),
    );
    for (const [a, b] of pairs) {
      await dedupe.upsertDecision(tx, {
        orgId: actor.orgId,
        companyA: a,
        companyB: b,
        same: true,
        decidedBy: actor.label,
        mergeId: merge.id,
      });
      await dedupe.deleteReviewPair(tx, actor.orgId, a, b);
    }
    await recordAudit(tx, actor, {
      entity: "meiyose_merge",
      entityId: merge.id,
      action: "create",
      changes: [
        { field: "companies", to: members.map((m) => m.id) },
        { field: "entityKey", to: entityKey },
      ],
    });
    return { mergeId: merge.id, entityKey };
  });
}

/**
 * Undoes a merge: the entity keys, review pairs and decisions it replaced come back exactly. Merges are
 * undone last first: one that a later merge built on is refused, naming the later one.
 */
export async function undoMerge(db: Db, actor: Actor, mergeId: string): Promise<void> {
  requireAccess(actor, "company.write", { orgId: actor.orgId }, COMPANY);
  await db.transaction(async (tx) => {
    await dedupe.lockState(tx, actor.orgId);
    const merge = await dedupe.findOpenMerge(tx, actor.orgId, mergeId);
    if (!merge) throw notFound({ ja: "統合の記録", en: "The merge" });
    const previous = merge.previous as MergeSnapshot;
    const later = await dedupe.laterOpenMergesOf(
      tx,
      actor.orgId,
      mergeId,
      previous.members.map((m) => m.companyId),
    );
    if (later.length > 0) {
      const made = later.map((m) => `${m.at} ${m.mergedBy}`);
      throw new AppError("CONFLICT", {
        ja: `この統合の後に、同じ事業者を含む統合（${made.join("、")}）があります。後の統合から先に元に戻してください`,
        en: `A later merge (${made.join(", ")}) includes these businesses; undo it first`,
      });
    }
    await dedupe.setEntityKeys(
      tx,
      actor.orgId,
      previous.members.map((p) => [p.companyId, p.entityKey]),
    );
    await dedupe.restoreReviewPairs(tx, actor.orgId, previous.reviewPairs);
    await dedupe.deleteDecisionsOfMerge(tx, actor.orgId, mergeId);
    await dedupe.restoreDecisions(tx, actor.orgId, previous.decisions ?? []);
    await dedupe.markUndone(tx, actor.orgId, mergeId);
    await recordAudit(tx, actor, {
      entity: "meiyose_merge",
      entityId: mergeId,
      action: "delete",
      changes: [{ field: "undone", to: true }],
    });
  });
}

/**
 * One business as 名寄せ made it: its records and the open merges behind it, newest first. A merge
 * is undoable when no later open merge took in any of its companies (undo goes last first).
 */
export async function companyEntity(db: Db, actor: Actor, companyId: string): Promise<CompanyEntity> {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, COMPANY);
  const records = await dedupe.entityRecords(db, actor.orgId, companyId);
  const self = records[0];
  if (!self || self.id !== companyId) throw notFound(COMPANY);
  const merges = await dedupe.openMergesTouching(
    db,
    actor.orgId,
    records.map((r) => r.id),
  );
  return {
    entityKey: self.entityKey,
    records: records.map(({ entityKey: _, ...r }) => r),
    merges: merges.map((m, i) => ({
      ...m,
      // newest first: a merge is blocked by a newer one sharing a company
      undoable: !merges.slice(0, i).some((later) => later.companyIds.some((id) => m.companyIds.includes(id))),
    })),
  };
}

/** A person's verdict on a review pair: "same" merges them now; "different" keeps them apart from now on. */
export async function decidePair(db: Db, actor: Actor, a: string, b: string, same: boolean) {
  if (same) return mergeCompanies(db, actor, [a, b]);
  requireAccess(actor, "company.write", { orgId: actor.orgId }, COMPANY);
  await db.transaction(async (tx) => {
    await dedupe.lockState(tx, actor.orgId);
    const found = await dedupe.matchRecordsByIds(tx, actor.orgId, [a, b]);
    if (found.length !== 2 || a === b) throw notFound(COMPANY);
    const [x, y] = ordered(a, b);
    await dedupe.upsertDecision(tx, {
      orgId: actor.orgId,
      companyA: x,
      companyB: y,
      same: false,
      decidedBy: actor.label,
    });
    await dedupe.deleteReviewPair(tx, actor.orgId, x, y);
    await recordAudit(tx, actor, {
      entity: "meiyose_decision",
      entityId: `${x}/${y}`,
      action: "create",
      changes: [{ field: "same", to: false }],
    });
  });
  return undefined;
}

export async function registrySummary(db: Db, actor: Actor) {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, COMPANY);
  return dedupe.counts(db, actor.orgId);
}

/** 支援事業者数（名寄せ後）over a set of company records: for the KPI engine. */
export function distinctEntities(db: Db, orgId: string, companyIds: string[]): Promise<number> {
  return dedupe.distinctEntityCount(db, orgId, companyIds);
}
