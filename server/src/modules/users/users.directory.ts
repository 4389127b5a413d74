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
 * The organization's users (disabled ones flagged), or only those ids: a record names a few staff,
 * and reading the whole directory on every save cost more than the save itself under load.
 */
export async function userRefs(db: Executor, orgId: string, ids?: readonly string[]): Promise<UserRef[]> {
  const wanted = ids ? new Set(ids) : null;
  if (wanted && wanted.size === 0) return [];
  // Asked for a few ids (a record's staff), read those rows only; the whole list otherwise.
  const rows = await repo.list(db, orgId, { includeDisabled: true, ...(wanted ? { onlyUserIds: [...wanted] } : {}) });
  return rows
    .filter((r) => !wanted || wanted.has(r.id))
    .map((r) => ({ id: r.id, login: r.login, displayName: r.displayName, active: r.disabledAt === null }));
}
