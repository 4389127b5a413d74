import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { companies } from "../../db/schema/index.js";

export type CompanyRow = typeof companies.$inferSelect;
export type CompanyValues = Omit<typeof companies.$inferInsert, "id" | "orgId" | "createdAt" | "updatedAt">;

/** Escapes LIKE wildcards so that a typed % or _ matches itself. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function search(
  db: Executor,
  orgId: string,
  q: { text?: string; digits?: string; page: number; pageSize: number },
): Promise<{ items: CompanyRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [];
  if (q.text) conds.push(ilike(companies.searchText, `%${likeEscape(q.text)}%`));
  if (q.digits && q.digits.length >= 4) {
    conds.push(eq(companies.corporateNumber, q.digits), ilike(companies.phoneDigits, `%${likeEscape(q.digits)}%`));
  }
  const where = and(eq(companies.orgId, orgId), conds.length > 0 ? or(...conds) : undefined);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(companies)
      .where(where)
      .orderBy(desc(companies.updatedAt), companies.id)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(companies).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function findById(db: Executor, orgId: string, id: string, lock = false): Promise<CompanyRow | undefined> {
  const q = db
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.id, id)));
  return (lock ? await q.for("update") : await q)[0];
}

export async function insert(db: Executor, orgId: string, values: CompanyValues): Promise<CompanyRow> {
  return (
    await db
      .insert(companies)
      .values({ ...values, orgId })
      .returning()
  )[0] as CompanyRow;
}

export async function update(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<CompanyValues>,
): Promise<CompanyRow> {
  const rows = await db
    .update(companies)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(companies.orgId, orgId), eq(companies.id, id)))
    .returning();
  return rows[0] as CompanyRow;
}

const UPSERT_COLUMNS = [
  "name",
  "nameKana",
  "legalForm",
  "representative",
  "postalCode",
  "prefecture",
  "address",
  "phone",
  "phoneDigits",
  "email",
  "website",
  "industry",
  "employees",
  "capitalYen",
  "soleProprietor",
  "searchText",
] as const;

/**
 * Inserts a batch in one statement; a row whose 法人番号 is already registered updates that
 * company instead (rows without one are always new). Returns how many were created.
 */
export async function upsertMany(
  db: Executor,
  orgId: string,
  rows: CompanyValues[],
): Promise<{ created: number; updated: number }> {
  if (rows.length === 0) return { created: 0, updated: 0 };
  const set = Object.fromEntries(UPSERT_COLUMNS.map((k) => [k, sql.raw(`excluded."${companies[k].name}"`)])) as Record<
    (typeof UPSERT_COLUMNS)[number],
    SQL
  >;
  const result = await db
    .insert(companies)
    .values(rows.map((r) => ({ ...r, orgId })))
    .onConflictDoUpdate({
      target: [companies.orgId, companies.corporateNumber],
      targetWhere: sql`${companies.corporateNumber} is not null`,
      set: { ...set, updatedAt: sql`now()` },
    })
    .returning({ created: sql<boolean>`xmax = 0` });
  const created = result.filter((r) => r.created).length;
  return { created, updated: result.length - created };
}

export async function existingCorporateNumbers(db: Executor, orgId: string, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .select({ n: companies.corporateNumber })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), inArray(companies.corporateNumber, numbers)));
  return new Set(rows.map((r) => r.n as string));
}

export async function allOf(db: Executor, orgId: string): Promise<CompanyRow[]> {
  return db.select().from(companies).where(eq(companies.orgId, orgId)).orderBy(companies.name, companies.id);
}
