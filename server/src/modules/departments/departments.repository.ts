import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { departments } from "../../db/schema/index.js";

export type DepartmentRow = typeof departments.$inferSelect;

export async function list(db: Executor, orgId: string): Promise<DepartmentRow[]> {
  return db
    .select()
    .from(departments)
    .where(eq(departments.orgId, orgId))
    .orderBy(asc(departments.sortOrder), asc(departments.name));
}

export async function findById(db: Executor, orgId: string, id: string): Promise<DepartmentRow | undefined> {
  return (
    await db
      .select()
      .from(departments)
      .where(and(eq(departments.orgId, orgId), eq(departments.id, id)))
  )[0];
}

export async function findByIds(db: Executor, orgId: string, ids: readonly string[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(departments)
    .where(and(eq(departments.orgId, orgId), inArray(departments.id, [...ids])))
    .orderBy(asc(departments.sortOrder));
}

export async function insert(
  db: Executor,
  row: { orgId: string; code: string; name: string; sortOrder: number },
): Promise<DepartmentRow> {
  return (await db.insert(departments).values(row).returning())[0] as DepartmentRow;
}

export async function update(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<Pick<DepartmentRow, "name" | "sortOrder" | "archived">>,
): Promise<DepartmentRow | undefined> {
  const rows = await db
    .update(departments)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(departments.orgId, orgId), eq(departments.id, id)))
    .returning();
  return rows[0];
}

export async function findByCodes(db: Executor, orgId: string, codes: readonly string[]): Promise<DepartmentRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(departments)
    .where(and(eq(departments.orgId, orgId), inArray(departments.code, [...codes])));
}
