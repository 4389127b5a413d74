import type { AuditAction } from "@shien/contracts";
import type { MessageKey } from "../../lib/i18n";

export const actionLabelKey = {
  create: "audit.action.create",
  update: "audit.action.update",
  delete: "audit.action.delete",
  read: "audit.action.read",
  login: "audit.action.login",
  logout: "audit.action.logout",
  revoke: "audit.action.revoke",
} as const satisfies Record<AuditAction, MessageKey>;

/** Entities the server records today; an entity not listed here is shown by its code. */
export const entityLabelKey: Record<string, MessageKey> = {
  organization: "audit.entity.organization",
  department: "audit.entity.department",
  user: "audit.entity.user",
  session: "audit.entity.session",
};

/** Field names as the server's validation messages name them (server/src/http/field-labels.ts). */
export const fieldLabelKey: Record<string, MessageKey> = {
  slug: "audit.field.slug",
  name: "audit.field.name",
  code: "audit.field.code",
  sortOrder: "audit.field.sortOrder",
  archived: "audit.field.archived",
  login: "audit.field.login",
  displayName: "audit.field.displayName",
  email: "audit.field.email",
  role: "audit.field.role",
  departmentIds: "audit.field.departmentIds",
  departmentId: "audit.field.departmentId",
  activeDepartmentId: "audit.field.departmentId",
  disabled: "audit.field.disabled",
  password: "audit.field.password",
  passwordHash: "audit.field.password",
  newPassword: "audit.field.password",
};
