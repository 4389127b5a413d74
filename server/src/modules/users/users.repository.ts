import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { userDepartments, users } from "../../db/schema/index.js";

export type UserRow = typeof users.$inferSelect & { departmentIds: string[] };

// Department ids travel with the user row so one query serves lists and details.
// Outer columns are qualified by hand: drizzle renders them unqualified in a one-table select.
const departmentIdsColumn = sql<string[]>`coalesce((
  select array_agg(ud.department_id order by ud.department_id) from ${userDepartments} ud
  where ud.user_id = "users"."id" and ud.org_id = "users"."org_id"), '{}')`;

const withDepartments = { user: users, departmentIds: departmentIdsColumn };

function flatten(rows: { user: typeof users.$inferSelect; departmentIds: string[] }[]): UserRow[] {
  return rows.map((r) => ({ ...r.user, departmentIds: r.departmentIds }));
}

export async function list(
  db: Executor,
  orgId: string,
  filter: {
    inDepartments?: readonly string[];
    onlyUserId?: string;
    onlyUserIds?: readonly string[];
    includeDisabled: boolean;
  },
): Promise<UserRow[]> {
  const conds: (SQL | undefined)[] = [eq(users.orgId, orgId)];
  if (!filter.includeDisabled) conds.push(isNull(users.disabledAt));
  if (filter.onlyUserId) conds.push(eq(users.id, filter.onlyUserId));
  if (filter.onlyUserIds) conds.push(inArray(users.id, [...filter.onlyUserIds]));
  if (filter.inDepartments) {
    const ids = filter.inDepartments.length > 0 ? [...filter.inDepartments] : ["00000000-0000-0000-0000-000000000000"];
    conds.push(
      inArray(
        users.id,
        db
          .select({ id: userDepartments.userId })
          .from(userDepartments)
          .where(and(eq(userDepartments.orgId, orgId), inArray(userDepartments.departmentId, ids))),
      ),
    );
  }
  const rows = await db
    .select(withDepartments)
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.login));
  return flatten(rows);
}

export async function findById(db: Executor, orgId: string, id: string, lock = false): Promise<UserRow | undefined> {
  const q = db
    .select(withDepartments)
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return flatten(lock ? await q.for("update", { of: users }) : await q)[0];
}

export async function findByLogin(db: Executor, orgId: string, login: string): Promise<UserRow | undefined> {
  const rows = await db
    .select(withDepartments)
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(sql`lower(${users.login})`, login.toLowerCase())));
  return flatten(rows)[0];
}

export async function insert(
  db: Executor,
  row: Pick<typeof users.$inferInsert, "orgId" | "login" | "displayName" | "email" | "role" | "passwordHash">,
): Promise<typeof users.$inferSelect> {
  return (await db.insert(users).values(row).returning())[0] as typeof users.$inferSelect;
}

export async function update(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<
    Pick<
      typeof users.$inferInsert,
      "displayName" | "email" | "role" | "disabledAt" | "passwordHash" | "passwordChangedAt" | "lastLoginAt"
    >
  >,
): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
}

export async function setDepartments(db: Executor, orgId: string, userId: string, departmentIds: readonly string[]) {
  await db.delete(userDepartments).where(and(eq(userDepartments.orgId, orgId), eq(userDepartments.userId, userId)));
  if (departmentIds.length > 0) {
    await db.insert(userDepartments).values(departmentIds.map((departmentId) => ({ orgId, userId, departmentId })));
  }
}

/**
 * Locks every active admin of the organization in id order (one order for everyone, so concurrent
 * callers queue instead of deadlocking) and returns their ids: two concurrent demotions or
 * disablements cannot remove the last admin.
 */
export async function lockActiveAdmins(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "admin"), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((r) => r.id);
}

export async function countUsers(db: Executor, orgId: string): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.orgId, orgId));
  return rows[0]?.n ?? 0;
}
