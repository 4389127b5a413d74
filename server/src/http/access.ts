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
  | "company.write"
  | "support.read"
  | "support.write"
  | "support.approve"
  | "support.configure"
  | "expert.read"
  | "expert.manage";

export interface Resource {
  orgId: string;
  /** Departments the record belongs to (a user's departments, a program's department …). */
  departmentIds?: readonly string[];
  /** The user the record is about, when an actor may always see their own. */
  userId?: string;
  /**
   * A support record of a confidential program (中小企業活性化協議会 …): only people of its
   * departments see it, whatever their role. Admins are no exception: an admin who must read such
   * a file joins the department, which the audit log then shows.
   */
  confidential?: boolean;
}

/** Actions on support records that the confidentiality rule gates. */
const CONFIDENTIAL_GATED: ReadonlySet<Action> = new Set(["support.read", "support.write", "support.approve"]);

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.orgId !== resource.orgId) return false;
  if (actor.role === "system") return true;
  const own = resource.userId !== undefined && resource.userId === actor.userId;
  const sharesDepartment = (resource.departmentIds ?? []).some((d) => actor.departmentIds.includes(d));
  if (resource.confidential && CONFIDENTIAL_GATED.has(action) && !sharesDepartment) return false;
  if (actor.role === "admin") return true;
  switch (action) {
    case "organization.read":
    case "department.read":
    case "plan.read":
    case "company.read":
      return true;
    case "support.read":
    case "expert.read":
      // Support records are shared across the center (one timeline per business); the
      // confidentiality rule above is the only wall.
      return true;
    case "support.write":
      // Staff record for the departments they work in.
      return (actor.role === "manager" || actor.role === "staff") && sharesDepartment;
    case "support.approve":
      // 決裁: a manager of the department (e.g. approving an expert dispatch).
      return actor.role === "manager" && sharesDepartment;
    case "expert.manage":
      // The expert registry is shared; any manager keeps it.
      return actor.role === "manager";
    case "support.configure":
      // A program's dispatch frames: the managers of its department.
      return actor.role === "manager" && sharesDepartment;
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
