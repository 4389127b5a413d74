import type { PasswordReset, User, UserCreate, UserUpdate } from "@shien/contracts";
import { type Db, type Executor, inTransaction } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError, conflict, notFound } from "../../http/app-error.js";
import { hashPassword } from "../../lib/passwords.js";
import { diffFields, recordAudit } from "../audit/index.js";
import { requireActiveDepartments } from "../departments/index.js";
import { countLiveSessions, endUserSessions, type SessionPolicy } from "../sessions/index.js";
import * as repo from "./users.repository.js";

const USER = { ja: "ユーザー", en: "The user" };

export interface UsersDeps {
  db: Db;
  sessionPolicy: SessionPolicy;
}

function toDto(r: repo.UserRow, activeSessions: number): User {
  return {
    id: r.id,
    login: r.login,
    displayName: r.displayName,
    email: r.email,
    role: r.role as User["role"],
    departmentIds: r.departmentIds,
    disabled: r.disabledAt !== null,
    createdAt: r.createdAt.toISOString(),
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    activeSessions,
  };
}

function snapshot(r: repo.UserRow) {
  return {
    login: r.login,
    displayName: r.displayName,
    email: r.email,
    role: r.role,
    departmentIds: r.departmentIds,
    disabled: r.disabledAt !== null,
  };
}

async function withSessionCounts(deps: UsersDeps, orgId: string, rows: repo.UserRow[]): Promise<User[]> {
  const counts = await countLiveSessions(
    deps.db,
    deps.sessionPolicy,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDto(r, counts.get(r.id) ?? 0));
}

/** Admins see everyone; managers the people of their departments; others only themselves. */
export async function listUsers(
  deps: UsersDeps,
  actor: Actor,
  query: { departmentId?: string | undefined; includeDisabled?: boolean | undefined },
): Promise<User[]> {
  const scope =
    actor.role === "admin" || actor.role === "system"
      ? {}
      : actor.role === "manager"
        ? { inDepartments: actor.departmentIds }
        : { onlyUserId: actor.userId ?? "" };
  let rows = await repo.list(deps.db, actor.orgId, { ...scope, includeDisabled: query.includeDisabled ?? false });
  if (query.departmentId) rows = rows.filter((r) => r.departmentIds.includes(query.departmentId as string));
  return withSessionCounts(deps, actor.orgId, rows);
}

async function loadVisible(db: Executor, actor: Actor, id: string, lock = false): Promise<repo.UserRow> {
  const row = await repo.findById(db, actor.orgId, id, lock);
  if (!row) throw notFound(USER);
  requireAccess(actor, "user.read", { orgId: row.orgId, departmentIds: row.departmentIds, userId: row.id }, USER);
  return row;
}

export async function getUser(deps: UsersDeps, actor: Actor, id: string): Promise<User> {
  const row = await loadVisible(deps.db, actor, id);
  return (await withSessionCounts(deps, actor.orgId, [row]))[0] as User;
}

function loginTaken(login: string) {
  return conflict("login", {
    ja: `ログインID「${login}」は既に使われています。別のIDを指定してください。`,
    en: `Login ID "${login}" is already in use; choose another.`,
  });
}

export async function createUser(db: Executor, actor: Actor, input: UserCreate): Promise<User> {
  requireAccess(actor, "user.manage", { orgId: actor.orgId, departmentIds: input.departmentIds }, USER);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await inTransaction(db, async (tx) => {
      const depts = await requireActiveDepartments(tx, actor.orgId, input.departmentIds);
      const user = await repo.insert(tx, {
        orgId: actor.orgId,
        login: input.login,
        displayName: input.displayName,
        email: input.email ?? null,
        role: input.role,
        passwordHash,
      });
      await repo.setDepartments(
        tx,
        actor.orgId,
        user.id,
        depts.map((d) => d.id),
      );
      const created = (await repo.findById(tx, actor.orgId, user.id)) as repo.UserRow;
      await recordAudit(tx, actor, {
        entity: "user",
        entityId: user.id,
        action: "create",
        changes: diffFields(undefined, { ...snapshot(created), password: "set" }),
      });
      return created;
    });
    return toDto(row, 0);
  } catch (err) {
    if (isUniqueViolation(err, "users_org_login_uq")) throw loginTaken(input.login);
    throw err;
  }
}

const lastAdmin = () =>
  new AppError(
    "CONFLICT",
    {
      ja: "有効な管理者が1人もいなくなるため変更できません。先に別のユーザーを管理者にしてください。",
      en: "This would leave the organization without an active admin; make someone else admin first.",
    },
    [],
  );

export async function updateUser(deps: UsersDeps, actor: Actor, id: string, input: UserUpdate): Promise<User> {
  // Refuse non-admins before taking any lock.
  requireAccess(actor, "user.manage", { orgId: actor.orgId }, USER);
  const row = await deps.db.transaction(async (tx) => {
    // Lock admins first, in a fixed order, then the target: concurrent updates queue, never deadlock.
    const admins = await repo.lockActiveAdmins(tx, actor.orgId);
    const before = await loadVisible(tx, actor, id, true);
    requireAccess(actor, "user.manage", { orgId: before.orgId, departmentIds: before.departmentIds, userId: id }, USER);
    const losesAdmin =
      admins.includes(id) && ((input.role !== undefined && input.role !== "admin") || input.disabled === true);
    if (losesAdmin && admins.length <= 1) throw lastAdmin();
    const departments = input.departmentIds
      ? await requireActiveDepartments(tx, actor.orgId, input.departmentIds)
      : undefined;
    await repo.update(tx, actor.orgId, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.disabled !== undefined
        ? { disabledAt: input.disabled ? (before.disabledAt ?? new Date()) : null }
        : {}),
    });
    if (departments)
      await repo.setDepartments(
        tx,
        actor.orgId,
        id,
        departments.map((d) => d.id),
      );
    if (input.disabled === true) await endUserSessions(tx, actor.orgId, id, "user-disabled");
    const after = (await repo.findById(tx, actor.orgId, id)) as repo.UserRow;
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0) await recordAudit(tx, actor, { entity: "user", entityId: id, action: "update", changes });
    return after;
  });
  return (await withSessionCounts(deps, actor.orgId, [row]))[0] as User;
}

/** An admin sets a new password; every session of that user ends so the old password's holder is out. */
export async function resetPassword(deps: UsersDeps, actor: Actor, id: string, input: PasswordReset): Promise<void> {
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    requireAccess(actor, "user.manage", { orgId: before.orgId, departmentIds: before.departmentIds, userId: id }, USER);
    await repo.update(tx, actor.orgId, id, { passwordHash, passwordChangedAt: new Date() });
    await endUserSessions(tx, actor.orgId, id, "password-reset");
    await recordAudit(tx, actor, { entity: "user", entityId: id, action: "update", changes: [{ field: "password" }] });
  });
}

export async function revokeSessions(deps: UsersDeps, actor: Actor, id: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const target = await loadVisible(tx, actor, id);
    requireAccess(
      actor,
      "session.revoke",
      { orgId: target.orgId, departmentIds: target.departmentIds, userId: id },
      USER,
    );
    const ended = await endUserSessions(tx, actor.orgId, id, "revoked-by-admin");
    await recordAudit(tx, actor, {
      entity: "user",
      entityId: id,
      action: "revoke",
      changes: [{ field: "sessions", from: ended, to: 0 }],
    });
    return ended;
  });
}
