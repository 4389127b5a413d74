import type { LoginRequest, MeResponse, SessionUser } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { AppError, invalidField } from "../../http/app-error.js";
import { dummyHash, verifyPassword } from "../../lib/passwords.js";
import { recordAudit } from "../audit/index.js";
import { departmentsByIds } from "../departments/index.js";
import { findOrganizationById, findOrganizationBySlug } from "../organizations/index.js";
import { endSession, openSession, resolveSession, type SessionPolicy, setActiveDepartment } from "../sessions/index.js";
import {
  activeUserProfile,
  changeOwnPassword,
  findLoginCandidate,
  lockLoginCandidate,
  recordLogin,
} from "../users/index.js";
import * as repo from "./auth.repository.js";

export interface AuthDeps {
  db: Db;
  sessionPolicy: SessionPolicy;
  login: { maxFailures: number; lockMs: number };
}

/** The same words whether the login ID is unknown, disabled or the password wrong (no enumeration). */
const invalidCredentials = () =>
  new AppError("INVALID_CREDENTIALS", {
    ja: "組織・ログインID・パスワードのいずれかが正しくありません。確認して入力し直してください。",
    en: "The organization, login ID or password is wrong. Check them and try again.",
  });

const locked = () =>
  new AppError("ACCOUNT_LOCKED", {
    ja: "ログインの失敗が続いたため、一時的にログインできません。しばらく待ってから再度お試しください。",
    en: "Too many failed sign-ins; sign-in is paused for a while. Try again later.",
  });

/** The password-change lock names the field it is about, unlike sign-in (which names nothing). */
const passwordChangeLocked = () => {
  const text = {
    ja: "現在のパスワードの誤りが続いたため、パスワードの変更を一時的に停止しています。しばらく待ってから再度お試しください。",
    en: "The current password was wrong too many times; password changes are paused for a while. Try again later.",
  };
  return new AppError("ACCOUNT_LOCKED", text, [{ field: "currentPassword", message: text }]);
};

/** Failures are counted within one lock period: the window and the lock have the same length. */
const throttlePolicy = (deps: AuthDeps): repo.ThrottlePolicy => ({ ...deps.login, windowMs: deps.login.lockMs });

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  activeDepartmentId: string | null;
}

export async function login(
  deps: AuthDeps,
  input: LoginRequest,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; me: MeResponse }> {
  const org = await findOrganizationBySlug(deps.db, input.org.trim().toLowerCase());
  if (!org) {
    await verifyPassword(await dummyHash(), input.password);
    throw invalidCredentials();
  }
  const loginKey = input.login.trim().toLowerCase();
  // Claimed before the slow verify so a parallel burst cannot outrun the count (see claimAttempt).
  // Unknown login IDs are claimed too: they lock exactly like real ones, so the lock reveals nothing.
  if (!(await repo.claimAttempt(deps.db, org.id, loginKey, throttlePolicy(deps)))) throw locked();

  const candidate = await findLoginCandidate(deps.db, org.id, loginKey);
  const passwordOk = await verifyPassword(candidate?.passwordHash ?? (await dummyHash()), input.password);
  if (!candidate || candidate.disabled || !passwordOk) throw invalidCredentials();

  const result = await deps.db.transaction(async (tx) => {
    await repo.clearThrottle(tx, org.id, loginKey);
    // Staff sign in every day: each sign-in sweeps the organization's spent rows (see pruneThrottle).
    await repo.pruneThrottle(tx, org.id, throttlePolicy(deps));
    const current = await lockLoginCandidate(tx, org.id, candidate.id);
    if (!current || current.disabled || current.passwordHash !== candidate.passwordHash) throw invalidCredentials();
    const { token, session } = await openSession(tx, deps.sessionPolicy, {
      orgId: org.id,
      userId: candidate.id,
      activeDepartmentId: candidate.departmentIds[0] ?? null,
      ...meta,
    });
    await recordLogin(tx, org.id, candidate.id);
    const actor = await actorFor(tx, org.id, candidate.id, session.id);
    if (!actor) throw invalidCredentials();
    await recordAudit(tx, actor, { entity: "session", entityId: session.id, action: "login" });
    return { token, csrfToken: session.csrfToken, actor, activeDepartmentId: session.activeDepartmentId };
  });
  return { token: result.token, me: await me(deps, result) };
}

async function actorFor(db: Executor, orgId: string, userId: string, sessionId: string): Promise<Actor | undefined> {
  const profile = await activeUserProfile(db, orgId, userId);
  if (!profile) return undefined;
  return {
    kind: "user",
    userId: profile.id,
    orgId,
    role: profile.role,
    departmentIds: profile.departmentIds,
    label: `${profile.displayName} (${profile.login})`,
    sessionId,
  };
}

/** The actor behind a session cookie, or undefined when the session is over or the user disabled. */
export async function resolveActor(deps: AuthDeps, token: string): Promise<ResolvedSession | undefined> {
  const session = await resolveSession(deps.db, deps.sessionPolicy, token);
  if (!session) return undefined;
  const actor = await actorFor(deps.db, session.orgId, session.userId, session.id);
  if (!actor) return undefined;
  // A department the user has since left is no longer theirs to work in.
  const active = session.activeDepartmentId;
  return {
    actor,
    csrfToken: session.csrfToken,
    activeDepartmentId: active !== null && actor.departmentIds.includes(active) ? active : null,
  };
}

export async function me(deps: AuthDeps, s: ResolvedSession): Promise<MeResponse> {
  const { actor } = s;
  const [org, profile, departments] = await Promise.all([
    findOrganizationById(deps.db, actor.orgId),
    activeUserProfile(deps.db, actor.orgId, actor.userId ?? ""),
    departmentsByIds(deps.db, actor.orgId, actor.departmentIds),
  ]);
  if (!org || !profile) throw invalidCredentials();
  const user: SessionUser = {
    id: profile.id,
    login: profile.login,
    displayName: profile.displayName,
    role: profile.role,
    org: { id: org.id, slug: org.slug, name: org.name },
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    activeDepartmentId: s.activeDepartmentId,
  };
  return { user, csrfToken: s.csrfToken };
}

/**
 * A password change needs the current password; wrong guesses count like failed sign-ins (keyed by
 * the user, not the login ID), so a stolen session cannot try current passwords without limit.
 */
export async function changePassword(
  deps: AuthDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const key = `password-change:${actor.userId}`;
  if (!(await repo.claimAttempt(deps.db, actor.orgId, key, throttlePolicy(deps)))) throw passwordChangeLocked();
  try {
    await changeOwnPassword(deps.db, actor, input);
  } catch (err) {
    // Any refusal other than a wrong current password (e.g. new = current) came after the current
    // password was verified, so the claimed attempt was not a failed guess. Wrong guesses and
    // unexpected errors keep their count.
    if (err instanceof AppError && !err.details.some((d) => d.field === "currentPassword")) {
      await repo.clearThrottle(deps.db, actor.orgId, key);
    }
    throw err;
  }
  await repo.clearThrottle(deps.db, actor.orgId, key);
}

export async function logout(deps: AuthDeps, s: ResolvedSession): Promise<void> {
  const sessionId = s.actor.sessionId;
  if (!sessionId) return;
  await deps.db.transaction(async (tx) => {
    await endSession(tx, s.actor.orgId, sessionId, "logout");
    await recordAudit(tx, s.actor, { entity: "session", entityId: sessionId, action: "logout" });
  });
}

/** The department switcher: one of the user's own departments, or null for all of them. */
export async function switchDepartment(
  deps: AuthDeps,
  s: ResolvedSession,
  departmentId: string | null,
): Promise<MeResponse> {
  if (departmentId !== null && !s.actor.departmentIds.includes(departmentId)) {
    throw invalidField("departmentId", {
      ja: "所属していない部署には切り替えられません。所属部署から選んでください。",
      en: "You can only switch to a department you belong to.",
    });
  }
  await setActiveDepartment(deps.db, s.actor.orgId, s.actor.sessionId ?? "", departmentId);
  return me(deps, { ...s, activeDepartmentId: departmentId });
}
