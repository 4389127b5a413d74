import { and, asc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { experts } from "../../db/schema/index.js";

export type ExpertRow = typeof experts.$inferSelect;
export type ExpertValues = Omit<typeof experts.$inferInsert, "id" | "orgId" | "createdAt" | "updatedAt">;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function search(
  db: Executor,
  orgId: string,
  q: { text?: string | undefined; qualification?: string | undefined; active?: boolean | undefined },
): Promise<ExpertRow[]> {
  const conds: (SQL | undefined)[] = [eq(experts.orgId, orgId)];
  if (q.text) {
    const pattern = `%${likeEscape(q.text)}%`;
    conds.push(
      or(
        ilike(experts.name, pattern),
        ilike(experts.nameKana, pattern),
        ilike(experts.organization, pattern),
        // 得意分野 match as text too: "事業承継" finds an expert whose specialties list it.
        sql`array_to_string(${experts.specialties}, ' ') ilike ${pattern}`,
      ),
    );
  }
  if (q.qualification) conds.push(sql`${q.qualification} = any(${experts.qualifications})`);
  if (q.active !== undefined) conds.push(eq(experts.active, q.active));
  return db
    .select()
    .from(experts)
    .where(and(...conds))
    .orderBy(asc(sql`coalesce(${experts.nameKana}, ${experts.name})`), asc(experts.id));
}

export async function findById(db: Executor, orgId: string, id: string, lock = false): Promise<ExpertRow | undefined> {
  const q = db
    .select()
    .from(experts)
    .where(and(eq(experts.orgId, orgId), eq(experts.id, id)));
  return (lock ? await q.for("update") : await q)[0];
}

export async function namesOf(db: Executor, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: experts.id, name: experts.name })
    .from(experts)
    .where(and(eq(experts.orgId, orgId), inArray(experts.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insert(db: Executor, orgId: string, values: ExpertValues): Promise<ExpertRow> {
  return (
    await db
      .insert(experts)
      .values({ ...values, orgId })
      .returning()
  )[0] as ExpertRow;
}

export async function update(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<ExpertValues>,
): Promise<ExpertRow> {
  const rows = await db
    .update(experts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(experts.orgId, orgId), eq(experts.id, id)))
    .returning();
  return rows[0] as ExpertRow;
}
