import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { companyContacts } from "../../db/schema/index.js";

export type ContactRow = typeof companyContacts.$inferSelect;
type ContactValues = Omit<
  typeof companyContacts.$inferInsert,
  "id" | "orgId" | "companyId" | "createdAt" | "updatedAt"
>;

export async function listOf(db: Executor, orgId: string, companyId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(companyContacts)
    .where(and(eq(companyContacts.orgId, orgId), eq(companyContacts.companyId, companyId)))
    .orderBy(asc(companyContacts.createdAt), asc(companyContacts.id));
}

export async function findOne(
  db: Executor,
  orgId: string,
  companyId: string,
  id: string,
): Promise<ContactRow | undefined> {
  return (
    await db
      .select()
      .from(companyContacts)
      .where(
        and(eq(companyContacts.orgId, orgId), eq(companyContacts.companyId, companyId), eq(companyContacts.id, id)),
      )
      .for("update")
  )[0];
}

export async function insert(
  db: Executor,
  orgId: string,
  companyId: string,
  values: ContactValues,
): Promise<ContactRow> {
  return (
    await db
      .insert(companyContacts)
      .values({ ...values, orgId, companyId })
      .returning()
  )[0] as ContactRow;
}

export async function update(
  db: Executor,
  orgId: string,
  id: string,
  values: Partial<ContactValues>,
): Promise<ContactRow> {
  const rows = await db
    .update(companyContacts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(companyContacts.orgId, orgId), eq(companyContacts.id, id)))
    .returning();
  return rows[0] as ContactRow;
}

export async function remove(db: Executor, orgId: string, id: string): Promise<void> {
  await db.delete(companyContacts).where(and(eq(companyContacts.orgId, orgId), eq(companyContacts.id, id)));
}
