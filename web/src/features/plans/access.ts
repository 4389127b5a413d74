import type { SessionUser } from "@shien/contracts";

/**
 * Who is offered the edit buttons on a program's figures; mirrors the server's `plan.edit` rule
 * (server/src/http/access.ts), which still decides: administrators, and managers on programs of
 * one of their departments. `departmentIds` are the top-level program's (sub-programs inherit them).
 */
export function canEditProgram(user: SessionUser, departmentIds: readonly string[]): boolean {
  if (user.role === "admin") return true;
  return user.role === "manager" && user.departments.some((d) => departmentIds.includes(d.id));
}

/** 採択 and 見直し: administrators only (the server's `plan.revise`). */
export function canRevisePlan(user: SessionUser): boolean {
  return user.role === "admin";
}
