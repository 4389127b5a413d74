import { and, count, countDistinct, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { companies, meiyoseDecisions, meiyoseMerges, meiyoseReviewPairs, meiyoseState } from "../../db/schema/index.js";

export type DecisionRow = typeof meiyoseDecisions.$inferSelect;
export type MergeRow = typeof meiyoseMerges.$inferSelect;

/** The fields 名寄せ compares, for every company of the organization. */
export async function matchRecords(db: Executor, orgId: string) {
  return db
    .select({
      id: companies.id,
      corporateNumber: companies.corporateNumber,
      name: companies.name,
      nameKana: companies.nameKana,
      postalCode: companies.postalCode,
      address: companies.address,
      phone: companies.phone,
      representative: companies.representative,
      entityKey: companies.entityKey,
    })
    .from(companies)
    .where(eq(companies.orgId, orgId));
}

export async function matchRecordsByIds(db: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), inArray(companies.id, ids)));
}

/** Sets entity keys in batches with one UPDATE … FROM unnest per batch. */
export async function setEntityKeys(
  db: Executor,
  orgId: string,
  keys: [string, string | null][],
  onBatch?: (done: number, total: number) => void,
): Promise<void> {
  for (let i = 0; i < keys.length; i += 5000) {
    onBatch?.(i, keys.length);
    const batch = keys.slice(i, i + 5000);
    const ids = batch.map(([id]) => id);
    const values = batch.map(([, key]) => key);
    await db.execute(sql`
      update ${companies} c set entity_key = v.key
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(values)}::text[]) as v(id, key)
      where c.id = v.id and c.org_id = ${orgId} and c.entity_key is distinct from v.key`);
  }
}

export async function decisions(db: Executor, orgId: string): Promise<DecisionRow[]> {
  return db.select().from(meiyoseDecisions).where(eq(meiyoseDecisions.orgId, orgId));
}

export async function upsertDecision(db: Executor, row: typeof meiyoseDecisions.$inferInsert): Promise<void> {
  await db
    .insert(meiyoseDecisions)
    .values(row)
    .onConflictDoUpdate({
      target: [meiyoseDecisions.orgId, meiyoseDecisions.companyA, meiyoseDecisions.companyB],
      set: { same: row.same, decidedBy: row.decidedBy, mergeId: row.mergeId ?? null, decidedAt: sql`now()` },
    });
}

/** A decision as stored, its time as PostgreSQL's text so that it comes back to the microsecond. */
export interface StoredDecision {
  companyA: string;
  companyB: string;
  same: boolean;
  decidedBy: string;
  mergeId: string | null;
  decidedAt: string;
}

export async function decisionsAmong(
  db: Executor,
  orgId: string,
  pairs: [string, string][],
): Promise<StoredDecision[]> {
  if (pairs.length === 0) return [];
  const result = await db.execute(sql`
    select d.company_a as "companyA", d.company_b as "companyB", d.same, d.decided_by as "decidedBy",
           d.merge_id as "mergeId", d.decided_at::text as "decidedAt"
    from ${meiyoseDecisions} d
    join unnest(${sql.param(pairs.map(([a]) => a))}::uuid[], ${sql.param(pairs.map(([, b]) => b))}::uuid[]) as p(a, b)
      on d.company_a = p.a and d.company_b = p.b
    where d.org_id = ${orgId}`);
  return result.rows as unknown as StoredDecision[];
}

/** Puts decisions back as they were; a pair decided again since (by a person) keeps the newer decision. */
export async function restoreDecisions(db: Executor, orgId: string, rows: StoredDecision[]): Promise<void> {
  for (const r of rows) {
    await db.execute(sql`
      insert into ${meiyoseDecisions} (org_id, company_a, company_b, same, decided_by, merge_id, decided_at)
      values (${orgId}, ${r.companyA}, ${r.companyB}, ${r.same}, ${r.decidedBy}, ${r.mergeId}, ${r.decidedAt}::timestamptz)
      on conflict do nothing`);
  }
}

/** Open merges made after this one that took in any of its companies (they must be undone first). */
export async function laterOpenMergesOf(db: Executor, orgId: string, mergeId: string, companyIds: string[]) {
  const result = await db.execute(sql`
    select m.id, m.merged_by as "mergedBy", to_char(m.created_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') as "at"
    from ${meiyoseMerges} m
    where m.org_id = ${orgId} and m.undone_at is null
      and m.created_at > (select created_at from ${meiyoseMerges} where org_id = ${orgId} and id = ${mergeId})
      and exists (
        select 1 from jsonb_array_elements(m.previous->'members') e
        where (e->>'companyId')::uuid = any(${sql.param(companyIds)}::uuid[]))
    order by m.created_at`);
  return result.rows as { id: string; mergedBy: string; at: string }[];
}

export async function deleteDecisionsOfMerge(db: Executor, orgId: string, mergeId: string): Promise<void> {
  await db
    .delete(meiyoseDecisions)
    .where(and(eq(meiyoseDecisions.orgId, orgId), eq(meiyoseDecisions.mergeId, mergeId)));
}

export async function replaceReviewPairs(
  db: Executor,
  orgId: string,
  pairs: { companyA: string; companyB: string; score: number; reasons: unknown }[],
): Promise<void> {
  await db.delete(meiyoseReviewPairs).where(eq(meiyoseReviewPairs.orgId, orgId));
  for (let i = 0; i < pairs.length; i += 2000) {
    await db.insert(meiyoseReviewPairs).values(pairs.slice(i, i + 2000).map((p) => ({ ...p, orgId })));
  }
}

export async function deleteReviewPair(db: Executor, orgId: string, a: string, b: string): Promise<void> {
  await db
    .delete(meiyoseReviewPairs)
    .where(
      and(eq(meiyoseReviewPairs.orgId, orgId), eq(meiyoseReviewPairs.companyA, a), eq(meiyoseReviewPairs.companyB, b)),
    );
}

export async function reviewPairs(db: Executor, orgId: string, limit: number) {
  return db
    .select()
    .from(meiyoseReviewPairs)
    .where(eq(meiyoseReviewPairs.orgId, orgId))
    .orderBy(sql`${meiyoseReviewPairs.score} desc`)
    .limit(limit);
}

export async function counts(db: Executor, orgId: string) {
  const [c] = await db
    .select({
      companies: count(),
      entities: countDistinct(sql`coalesce(${companies.entityKey}, ${companies.id}::text)`),
    })
    .from(companies)
    .where(eq(companies.orgId, orgId));
  const [r] = await db.select({ n: count() }).from(meiyoseReviewPairs).where(eq(meiyoseReviewPairs.orgId, orgId));
  return { companies: c?.companies ?? 0, entities: c?.entities ?? 0, reviewPairs: r?.n ?? 0 };
}

/** Distinct businesses among these companies (支援事業者数（名寄せ後）). */
export async function distinctEntityCount(db: Executor, orgId: string, companyIds: string[]): Promise<number> {
  if (companyIds.length === 0) return 0;
  const [r] = await db
    .select({ n: countDistinct(sql`coalesce(${companies.entityKey}, ${companies.id}::text)`) })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), inArray(companies.id, companyIds)));
  return r?.n ?? 0;
}

/** Companies sharing an entity key with any of these (their whole clusters), locked for the merge. */
export async function clustersOf(db: Executor, orgId: string, companyIds: string[]) {
  const seeds = await db
    .select({ id: companies.id, key: companies.entityKey })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), inArray(companies.id, companyIds)))
    .for("update");
  const keys = seeds.map((s) => s.key).filter((k): k is string => k !== null);
  return db
    .select({ id: companies.id, entityKey: companies.entityKey, corporateNumber: companies.corporateNumber })
    .from(companies)
    .where(
      and(
        eq(companies.orgId, orgId),
        or(inArray(companies.id, companyIds), keys.length > 0 ? inArray(companies.entityKey, keys) : undefined),
      ),
    )
    .orderBy(companies.id)
    .for("update");
}

/** The records of the business this company belongs to (itself alone when it has no entity key). */
export async function entityRecords(db: Executor, orgId: string, companyId: string) {
  const result = await db.execute(sql`
    select c.id, c.name, c.corporate_number as "corporateNumber", c.address, c.phone, c.entity_key as "entityKey"
    from ${companies} c
    join ${companies} seed on seed.org_id = c.org_id and seed.id = ${companyId}
    where c.org_id = ${orgId} and (c.id = seed.id or c.entity_key = seed.entity_key)
    order by c.id = seed.id desc, c.name, c.id`);
  return result.rows as {
    id: string;
    name: string;
    corporateNumber: string | null;
    address: string | null;
    phone: string | null;
    entityKey: string | null;
  }[];
}

/** Open merges that took in any of these companies, newest first, with the companies each joined. */
export async function openMergesTouching(db: Executor, orgId: string, companyIds: string[]) {
  if (companyIds.length === 0) return [];
  const result = await db.execute(sql`
    select m.id, m.merged_by as "mergedBy", to_json(m.created_at) #>> '{}' as "createdAt",
           array(select e->>'companyId' from jsonb_array_elements(m.previous->'members') e) as "companyIds"
    from ${meiyoseMerges} m
    where m.org_id = ${orgId} and m.undone_at is null
      and exists (
        select 1 from jsonb_array_elements(m.previous->'members') e
        where (e->>'companyId')::uuid = any(${sql.param(companyIds)}::uuid[]))
    order by m.created_at desc`);
  return result.rows as { id: string; mergedBy: string; createdAt: string; companyIds: string[] }[];
}

export async function insertMerge(db: Executor, row: typeof meiyoseMerges.$inferInsert): Promise<MergeRow> {
  // the time the merge was made under the organization's lock (not the transaction's start), so
  // that merges are ordered as they happened
  return (
    await db
      .insert(meiyoseMerges)
      .values({ ...row, createdAt: sql`clock_timestamp()` })
      .returning()
  )[0] as MergeRow;
}

export async function findOpenMerge(db: Executor, orgId: string, id: string): Promise<MergeRow | undefined> {
  return (
    await db
      .select()
      .from(meiyoseMerges)
      .where(and(eq(meiyoseMerges.orgId, orgId), eq(meiyoseMerges.id, id), isNull(meiyoseMerges.undoneAt)))
      .for("update")
  )[0];
}

export async function markUndone(db: Executor, orgId: string, id: string): Promise<void> {
  await db
    .update(meiyoseMerges)
    .set({ undoneAt: sql`now()` })
    .where(and(eq(meiyoseMerges.orgId, orgId), eq(meiyoseMerges.id, id)));
}

/** Serialises 名寄せ work of one organization (see meiyoseState). */
export async function lockState(db: Executor, orgId: string): Promise<void> {
  await db.insert(meiyoseState).values({ orgId }).onConflictDoNothing();
  await db.select().from(meiyoseState).where(eq(meiyoseState.orgId, orgId)).for("update");
}

export async function recordRun(db: Executor, orgId: string, records: number, entities: number): Promise<void> {
  await db.update(meiyoseState).set({ lastRunAt: sql`now()`, records, entities }).where(eq(meiyoseState.orgId, orgId));
}

export async function reviewPairsAmong(db: Executor, orgId: string, pairs: [string, string][]) {
  const found = [];
  for (const [a, b] of pairs) {
    const rows = await db
      .select()
      .from(meiyoseReviewPairs)
      .where(
        and(
          eq(meiyoseReviewPairs.orgId, orgId),
          eq(meiyoseReviewPairs.companyA, a),
          eq(meiyoseReviewPairs.companyB, b),
        ),
      );
    for (const r of rows)
      found.push({ companyA: r.companyA, companyB: r.companyB, score: r.score, reasons: r.reasons });
  }
  return found;
}

export async function restoreReviewPairs(
  db: Executor,
  orgId: string,
  pairs: { companyA: string; companyB: string; score: number; reasons: unknown }[],
): Promise<void> {
  if (pairs.length === 0) return;
  await db
    .insert(meiyoseReviewPairs)
    .values(pairs.map((p) => ({ ...p, orgId })))
    .onConflictDoNothing();
}
