import type { SessionUser } from "@shien/contracts";

/**
 * What the support screens offer a user; mirrors server/src/http/access.ts, which still decides.
 * Viewers read support records but never record them; confidentiality is left to the server
 * (a record the user may not see is simply not listed).
 */

const sharesDepartment = (user: SessionUser, departmentIds: readonly string[]) =>
  user.departments.some((d) => departmentIds.includes(d.id));

/** 記録: everyone but 閲覧者 (the server's `support.write` also wants one of the record's departments). */
export function canRecordSupport(user: SessionUser | undefined): user is SessionUser {
  return user !== undefined && user.role !== "viewer";
}

/** Recording for one of these departments (`support.write`). */
export function canWriteFor(user: SessionUser | undefined, departmentIds: readonly string[]): boolean {
  if (!canRecordSupport(user)) return false;
  return user.role === "admin" || sharesDepartment(user, departmentIds);
}

/** 決裁 (approving a dispatch): managers of the department, and administrators (`support.approve`). */
export function canApproveFor(user: SessionUser | undefined, departmentIds: readonly string[]): boolean {
  if (!user) return false;
  return user.role === "admin" || (user.role === "manager" && sharesDepartment(user, departmentIds));
}

/** 派遣枠の上限: the managers of the program's department, and administrators (`support.configure`). */
export const canConfigureFor = canApproveFor;

/** The expert registry is kept by any manager and by administrators (`expert.manage`). */
export function canManageExperts(user: SessionUser | undefined): boolean {
  return user?.role === "admin" || user?.role === "manager";
}

/** 相談分野・連携先機関 lists: administrators. */
export function canEditVocab(user: SessionUser | undefined): boolean {
  return user?.role === "admin";
}
