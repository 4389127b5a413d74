import { type Executor, inTransaction } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { AppError } from "../../http/app-error.js";
import { hashPassword, verifyPassword } from "../../lib/passwords.js";
import { recordAudit } from "../audit/index.js";
import { endUserSessions } from "../sessions/index.js";
import * as repo from "./users.repository.js";

/** What the login flow needs to know about a login ID (never leaves the server). */
export interface LoginCandidate {
  id: string;
  orgId: string;
  passwordHash: string;
  disabled: boolean;
  departmentIds: string[];
}

export async function findLoginCandidate(
  db: Executor,
  orgId: string,
  login: string,
): Promise<LoginCandidate | undefined> {
  const row = await repo.findByLogin(db, orgId, login);
  if (!row) return undefined;
  return {
    id: row.id,
    orgId: row.orgId,
    passwordHash: row.passwordHash,
    disabled: row.disabledAt !== null,
    departmentIds: row.departmentIds,
  };
}

/**
 * Re-reads a login candidate under a row lock inside the login transaction: a password reset or a
 * disablement that committed after the password was verified must win (it ends sessions; a
 * session opened on the old password must not slip past it).
 */
export async function lockLoginCandidate(db: Executor, orgId: string, userId: string) {
  const row = await repo.findById(db, orgId, userId, true);
  return row ? { passwordHash: row.passwordHash, disabled: row.disabledAt !== null } : undefined;
}

/** The signed-in user's profile as sessions need it; undefined once the user is disabled. */
export async function activeUserProfile(db: Executor, orgId: string, userId: string) {
  const row = await repo.findById(db, orgId, userId);
  if (!row || row.disabledAt !== null) return undefined;
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role as "admin" | "manager" | "staff" | "viewer",
    departmentIds: row.departmentIds,
  };
}

export async function recordLogin(db: Executor, orgId: string, userId: string): Promise<void> {
  await repo.update(db, orgId, userId, { lastLoginAt: new Date() });
}

/** A user changes their own password: the current one is required, other sessions end. */
export async function changeOwnPassword(
  db: Executor,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (!actor.userId) throw new Error("changeOwnPassword needs a user actor");
  const row = await repo.findById(db, actor.orgId, actor.userId);
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    const text = {
      ja: "現在のパスワードが正しくありません。入力し直してください。",
      en: "The current password is wrong; type it again.",
    };
    throw new AppError("VALIDATION_FAILED", text, [{ field: "currentPassword", message: text }]);
  }
  if (input.currentPassword === input.newPassword) {
    const text = {
      ja: "新しいパスワードが現在のパスワードと同じです。別のパスワードにしてください。",
      en: "The new password equals the current one; choose a different one.",
    };
    throw new AppError("PASSWORD_POLICY", text, [{ field: "newPassword", message: text }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const userId = actor.userId;
  await inTransaction(db, async (tx) => {
    await repo.update(tx, actor.orgId, userId, { passwordHash, passwordChangedAt: new Date() });
    await endUserSessions(tx, actor.orgId, userId, "password-changed", actor.sessionId ?? undefined);
    await recordAudit(tx, actor, {
      entity: "user",
      entityId: userId,
      action: "update",
      changes: [{ field: "password" }],
    });
  });
}

export async function hasAnyUser(db: Executor, orgId: string): Promise<boolean> {
  return (await repo.countUsers(db, orgId)) > 0;
}
