import type { Executor } from "../../db/client.js";
import * as repo from "./users.repository.js";

/** A user as other modules name them: staff on a record, a staff column of an import. */
export interface UserRef {
  id: string;
  login: string;
  displayName: string;
  active: boolean;
}

/**
 * The organization's users (disabled ones flagged), optionally only those ids. A center has a few
 * hundred users at most, so one list read serves both the lookup by id and by login or name.
 */
export async function userRefs(db: Executor, orgId: string, ids?: readonly string[]): Promise<UserRef[]> {
  const wanted = ids ? new Set(ids) : null;
  if (wanted && wanted.size === 0) return [];
  const rows = await repo.list(db, orgId, { includeDisabled: true });
  return rows
    .filter((r) => !wanted || wanted.has(r.id))
    .map((r) => ({ id: r.id, login: r.login, displayName: r.displayName, active: r.disabledAt === null }));
}
