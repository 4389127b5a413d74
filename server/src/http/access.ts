import type { Actor } from "./actor.js";
import { notFound, type Text } from "./app-error.js";

/**
 * The one access check. Every service asks it before it reads or changes a record; a record the
 * actor may not see is reported exactly like a missing one (404), so ids cannot be probed.
 */
export type Action =
  | "organization.read"
  | "organization.update"
  | "department.read"
  | "department.manage"
  | "user.read"
  | "user.manage"
  | "session.revoke"
  | "audit.read"
  | "plan.read"
  | "plan.edit"
  | "plan.revise"
  | "company.read"
  | "company.write";

export interface Resource {
  orgId: string;
  /** Departments the record belongs to (a user's departments, a program's department …). */
  departmentIds?: readonly string[];
  /** The user the record is about, when an actor may always see their own. */
  userId?: string;
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.orgId !== resource.orgId) return false;
  if (actor.role === "system" || actor.role === "admin") return true;
  const own = resource.userId !== undefined && resource.userId === actor.userId;
  const sharesDepartment = (resource.departmentIds ?? []).some((d) => actor.departmentIds.includes(d));
  switch (action) {
    case "organization.read":
    case "department.read":
    case "plan.read":
    case "company.read":
      return true;
    case "company.write":
      // The registry is shared by the whole center; anyone who records support may add a business.
      return actor.role === "manager" || actor.role === "staff";
    case "plan.edit":
      // Managers keep the figures of their own departments' programs.
      return actor.role === "manager" && sharesDepartment;
    case "user.read":
      // Managers approve work in their departments, so they see who works there.
      return own || (actor.role === "manager" && sharesDepartment);
    case "organization.update":
    case "department.manage":
    case "user.manage":
    case "session.revoke":
    case "audit.read":
    case "plan.revise":
      return false;
  }
}

export function requireAccess(actor: Actor, action: Action, resource: Resource, what?: Text): void {
  if (!can(actor, action, resource)) throw notFound(what);
}
