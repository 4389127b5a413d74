import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { supportVocab } from "../../db/schema/index.js";

export type VocabRow = typeof supportVocab.$inferSelect;

export async function list(db: Executor, orgId: string, kinds: readonly string[]): Promise<VocabRow[]> {
  return db
    .select()
    .from(supportVocab)
    .where(and(eq(supportVocab.orgId, orgId), inArray(supportVocab.kind, [...kinds])))
    .orderBy(asc(supportVocab.kind), asc(supportVocab.sortOrder), asc(supportVocab.name));
}

/** Kinds (of those asked) that have at least one entry, archived ones included. */
export async function kindsPresent(db: Executor, orgId: string, kinds: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ kind: supportVocab.kind })
    .from(supportVocab)
    .where(and(eq(supportVocab.orgId, orgId), inArray(supportVocab.kind, [...kinds])));
  return new Set(rows.map((r) => r.kind));
}

/** Idempotent: two first readers racing insert the same names and the unique index keeps one of each. */
export async function insertIfAbsent(
  db: Executor,
  orgId: string,
  kind: string,
  entries: { name: string; sortOrder: number }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insert(supportVocab)
    .values(entries.map((e) => ({ orgId, kind, name: e.name, sortOrder: e.sortOrder })))
    .onConflictDoNothing();
}

export async function nextSortOrder(db: Executor, orgId: string, kind: string): Promise<number> {
  const rows = await db
    .select({ max: sql<number | null>`max(${supportVocab.sortOrder})` })
    .from(supportVocab)
    .where(and(eq(supportVocab.orgId, orgId), eq(supportVocab.kind, kind)));
  const max = rows[0]?.max;
  return max === null || max === undefined ? 0 : Number(max) + 10;
}

export async function insert(
  db: Executor,
  orgId: string,
  values: { kind: string; name: string; sortOrder: number },
): Promise<VocabRow> {
  const rows = await db
    .insert(supportVocab)
    .values({ ...values, orgId })
    .returning();
  return rows[0] as VocabRow;
}

export async function findById(db: Executor, orgId: string, id: string): Promise<VocabRow | undefined> {
  const rows = await db
    .select()
    .from(supportVocab)
    .where(and(eq(supportVocab.orgId, orgId), eq(supportVocab.id, id)))
    .for("update");
  return rows[0];
}

export async function update(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<{ name: string; sortOrder: number; archived: boolean }>,
): Promise<VocabRow> {
  const rows = await db
    .update(supportVocab)
    .set(values)
    .where(and(eq(supportVocab.orgId, orgId), eq(supportVocab.id, id)))
    .returning();
  return rows[0] as VocabRow;
}
