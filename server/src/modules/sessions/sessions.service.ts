import type { Executor } from "../../db/client.js";
import { randomToken, sha256 } from "../../lib/tokens.js";
import * as repo from "./sessions.repository.js";

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface NewSession {
  token: string;
  session: repo.SessionRow;
}

/** A fresh token at every login (no fixation); only its hash is stored. */
export async function openSession(
  db: Executor,
  policy: SessionPolicy,
  input: { orgId: string; userId: string; activeDepartmentId: string | null; ip?: string; userAgent?: string },
): Promise<NewSession> {
  const token = randomToken();
  const session = await repo.insertSession(db, {
    orgId: input.orgId,
    userId: input.userId,
    tokenHash: sha256(token),
    csrfToken: randomToken(),
    activeDepartmentId: input.activeDepartmentId,
    expiresAt: new Date(Date.now() + policy.absoluteMs),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, session };
}

const TOUCH_EVERY_MS = 30_000;

/** The live session behind a cookie token; sliding the idle window at most every 30 s saves writes. */
export async function resolveSession(db: Executor, policy: SessionPolicy, token: string) {
  const session = await repo.findLiveByTokenHash(db, sha256(token), policy.idleMs);
  if (session && Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touch(db, session.id);
  return session;
}

export const endSession = (db: Executor, orgId: string, sessionId: string, reason: string) =>
  repo.endById(db, orgId, sessionId, reason);

export const endUserSessions = (
  db: Executor,
  orgId: string,
  userId: string,
  reason: string,
  exceptSessionId?: string,
) => repo.endForUser(db, orgId, userId, reason, exceptSessionId);

export const setActiveDepartment = repo.setActiveDepartment;

export const countLiveSessions = (db: Executor, policy: SessionPolicy, orgId: string, userIds: string[]) =>
  repo.countLiveByUser(db, orgId, userIds, policy.idleMs);
