import { and, asc, eq, getTableColumns } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { subsidyAttachments } from "../../db/schema/index.js";

export type AttachmentRow = typeof subsidyAttachments.$inferSelect;
/** An attachment without its bytes: what lists and the audit log see. */
export type AttachmentMeta = Omit<AttachmentRow, "content">;
export type NewAttachment = Omit<typeof subsidyAttachments.$inferInsert, "id" | "createdAt">;

const { content: _content, ...meta } = getTableColumns(subsidyAttachments);

export async function insert(db: Executor, values: NewAttachment): Promise<AttachmentMeta> {
  const rows = await db.insert(subsidyAttachments).values(values).returning(meta);
  return rows[0] as AttachmentMeta;
}

/** An application's attachments, oldest first, without their content. */
export function listMeta(db: Executor, orgId: string, applicationId: string): Promise<AttachmentMeta[]> {
  return db
    .select(meta)
    .from(subsidyAttachments)
    .where(and(eq(subsidyAttachments.orgId, orgId), eq(subsidyAttachments.applicationId, applicationId)))
    .orderBy(asc(subsidyAttachments.createdAt), asc(subsidyAttachments.id));
}

/** One attachment of one application; with its content only when asked (downloads). */
export async function find(
  db: Executor,
  orgId: string,
  applicationId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  const rows = await db
    .select()
    .from(subsidyAttachments)
    .where(
      and(
        eq(subsidyAttachments.orgId, orgId),
        eq(subsidyAttachments.applicationId, applicationId),
        eq(subsidyAttachments.id, id),
      ),
    );
  return rows[0];
}

export async function findMeta(
  db: Executor,
  orgId: string,
  applicationId: string,
  id: string,
): Promise<AttachmentMeta | undefined> {
  const rows = await db
    .select(meta)
    .from(subsidyAttachments)
    .where(
      and(
        eq(subsidyAttachments.orgId, orgId),
        eq(subsidyAttachments.applicationId, applicationId),
        eq(subsidyAttachments.id, id),
      ),
    );
  return rows[0];
}

export async function remove(db: Executor, orgId: string, id: string): Promise<void> {
  await db.delete(subsidyAttachments).where(and(eq(subsidyAttachments.orgId, orgId), eq(subsidyAttachments.id, id)));
}
