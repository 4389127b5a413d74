import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { organizations } from "../../db/schema/index.js";

export type OrganizationRow = typeof organizations.$inferSelect;

export async function findBySlug(db: Executor, slug: string): Promise<OrganizationRow | undefined> {
  return (await db.select().from(organizations).where(eq(organizations.slug, slug)))[0];
}

export async function findById(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  return (await db.select().from(organizations).where(eq(organizations.id, id)))[0];
}

export async function listAll(db: Executor): Promise<OrganizationRow[]> {
  return db.select().from(organizations).orderBy(asc(organizations.slug));
}

export async function insert(db: Executor, row: { slug: string; name: string }): Promise<OrganizationRow> {
  return (await db.insert(organizations).values(row).returning())[0] as OrganizationRow;
}

export async function updateName(db: Executor, id: string, name: string): Promise<OrganizationRow> {
  const rows = await db
    .update(organizations)
    .set({ name, updatedAt: new Date() })
    .where(eq(organizations.id, id))
    .returning();
  return rows[0] as OrganizationRow;
}
