import type { SessionUser } from "@shien/contracts";

/**
 * 手入力の実績 (figures measured outside Shien): the managers of the program's department and
 * administrators; mirrors the server's rule for POST /api/kpi/indicators/:id/manual, which still
 * decides (others get 404 there).
 */
export function canEnterManualFigures(user: SessionUser | undefined, departmentIds: readonly string[]): boolean {
  if (!user) return false;
  if (user.role === "admin") return true;
  return user.role === "manager" && user.departments.some((d) => departmentIds.includes(d.id));
}
