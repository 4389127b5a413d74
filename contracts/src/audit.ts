import { z } from "zod";
import { idSchema } from "./common.js";

export const AUDIT_ACTIONS = ["create", "update", "delete", "read", "login", "logout", "revoke"] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** The kinds of record the audit log names; modules add theirs here as they arrive. */
export const AUDIT_ENTITIES = ["organization", "department", "user", "session"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** One changed field: old and new values as JSON (secrets are never recorded, only that they changed). */
export const auditChangeSchema = z.object({
  field: z.string(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});
export const auditChangesSchema = z.array(auditChangeSchema);
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actorUserId: idSchema.nullable(),
  actorLabel: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: auditActionSchema,
  changes: auditChangesSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  entity: z.string().max(64).optional(),
  action: auditActionSchema.optional(),
  actorUserId: idSchema.optional(),
  entityId: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
