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
  q: { text?: string; digits?: string; entityKey?: string; page: number; pageSize: number },
): Promise<{ items: CompanyRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [];
  if (q.text) conds.push(ilike(companies.searchText, `%${likeEscape(q.text)}%`));
  if (q.digits && q.digits.length >= 4) {
    conds.push(eq(companies.corporateNumber, q.digits), ilike(companies.phoneDigits, `%${likeEscape(q.digits)}%`));
  }
  const where = and(
    eq(companies.orgId, orgId),
    conds.length > 0 ? or(...conds) : undefined,
    q.entityKey ? eq(companies.entityKey, q.entityKey) : undefined,
  );
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

/** Columns an import writes (everything a company carries except ids, timestamps and the entity key). */
const IMPORT_COLUMNS = [
  "corporateNumber",
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
  "industryCode",
  "employees",
  "capitalYen",
  "soleProprietor",
  "searchText",
] as const;

/**
 * Inserts a batch in one statement; a row whose 法人番号 is already registered updates that
 * company instead (rows without one are always new). The rows travel as one JSON parameter
 * (json_populate_recordset), which is several times faster than thousands of bind parameters.
 */
export async function upsertMany(
  db: Executor,
  orgId: string,
  rows: CompanyValues[],
): Promise<{ created: number; updated: number; createdIds: string[] }> {
  if (rows.length === 0) return { created: 0, updated: 0, createdIds: [] };
  const cols = IMPORT_COLUMNS.map((k) => companies[k].name);
  const json = JSON.stringify(
    rows.map((r) => Object.fromEntries(IMPORT_COLUMNS.map((k) => [companies[k].name, r[k] ?? null]))),
  );
  const list = sql.raw(cols.map((c) => `"${c}"`).join(", "));
  // Columns with a default: an absent value takes it, as a plain INSERT would.
  const fromRecord = sql.raw(
    cols.map((c) => (c === "sole_proprietor" ? `coalesce(r."${c}", false)` : `r."${c}"`)).join(", "),
  );
  const updates = sql.raw(
    cols
      .filter((c) => c !== "corporate_number")
      // A code a person chose survives a re-import whose industry text names no medium.
      .map((c) =>
        c === "industry_code" ? `"${c}" = coalesce(excluded."${c}", companies."${c}")` : `"${c}" = excluded."${c}"`,
      )
      .join(", "),
  );
  const result = await db.execute<{ id: string; created: boolean }>(sql`
    insert into ${companies} (org_id, ${list})
    select ${orgId}::uuid, ${fromRecord} from json_populate_recordset(null::companies, ${json}::json) r
    on conflict (org_id, corporate_number) where corporate_number is not null
    do update set ${updates}, updated_at = now()
    returning id, (xmax = 0) as created`);
  const createdIds = result.rows.filter((r) => r.created).map((r) => r.id);
  return { created: createdIds.length, updated: result.rows.length - createdIds.length, createdIds };
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

/** How many of these (new) records share their business with a record outside the set. */
export async function linkedToOthers(db: Executor, orgId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from ${companies} c
    where c.org_id = ${orgId} and c.id = any(${sql.param(ids)}::uuid[])
      and exists (select 1 from ${companies} o where o.org_id = c.org_id and o.entity_key = c.entity_key
                  and not (o.id = any(${sql.param(ids)}::uuid[])))`);
  return Number(r.rows[0]?.n ?? 0);
}

export async function findByIds(db: Executor, orgId: string, ids: string[]): Promise<CompanyRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, orgId), inArray(companies.id, ids)));
}

/** The records 名寄せ judged to be the same business as this one (itself included). */
export async function entityMembers(db: Executor, orgId: string, id: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.execute<{ id: string; name: string }>(sql`
    select o.id, o.name from ${companies} c
      join ${companies} o on o.org_id = c.org_id and (o.id = c.id or (c.entity_key is not null and o.entity_key = c.entity_key))
     where c.org_id = ${orgId} and c.id = ${id}
     order by (o.id = c.id) desc, o.name`);
  return rows.rows;
}
