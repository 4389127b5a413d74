import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { loginThrottle } from "../../db/schema/index.js";

export interface ThrottlePolicy {
  /** Attempts allowed per window; the attempt that reaches it starts the lock. */
  maxFailures: number;
  lockMs: number;
  /** Failures older than this (and not locked) are forgotten. */
  windowMs: number;
}

/**
 * Claims one password attempt for `loginKey` before the password is checked, in one statement.
 *
 * Why before: argon2 takes tens of milliseconds, so a check-then-verify-then-count design lets a
 * parallel burst read "not locked" many times before the first failure is written (an audit saw 22
 * guesses get through a limit of 5). Every attempt is counted as a failure up front; a correct
 * password clears the row afterwards. `INSERT … ON CONFLICT DO UPDATE` takes the row lock only for
 * the statement, so parallel attempts queue for microseconds, not for the verify, and other users
 * are never serialised behind this one.
 *
 * The count restarts when the lock has run out, or when an unlocked window is older than
 * `windowMs`. It stops one past the limit so a locked row does not grow without bound.
 *
 * Returns true when the caller may check the password, false when the key is locked.
 */
export async function claimAttempt(
  db: Executor,
  orgId: string,
  loginKey: string,
  policy: ThrottlePolicy,
): Promise<boolean> {
  const t = loginThrottle;
  const lockEnds = sql`now() + make_interval(secs => ${policy.lockMs / 1000})`;
  const fresh = sql`((${t.lockedUntil} is null and ${t.windowStartedAt} < now() - make_interval(secs => ${policy.windowMs / 1000})) or ${t.lockedUntil} <= now())`;
  const lockIfFirstReachesLimit = policy.maxFailures <= 1 ? lockEnds : sql`null`;
  const rows = await db
    .insert(t)
    .values({ orgId, loginKey, failures: 1, lockedUntil: lockIfFirstReachesLimit })
    .onConflictDoUpdate({
      target: [t.orgId, t.loginKey],
      set: {
        failures: sql`case when ${fresh} then 1 else least(${t.failures} + 1, ${policy.maxFailures + 1}) end`,
        windowStartedAt: sql`case when ${fresh} then now() else ${t.windowStartedAt} end`,
        lockedUntil: sql`case
          when ${fresh} then ${lockIfFirstReachesLimit}
          when ${t.lockedUntil} is not null then ${t.lockedUntil}
          when ${t.failures} + 1 >= ${policy.maxFailures} then ${lockEnds}
          else null end`,
      },
    })
    .returning({ failures: t.failures });
  return (rows[0]?.failures ?? Number.POSITIVE_INFINITY) <= policy.maxFailures;
}

/**
 * Forgets an organization's rows that no longer count: no lock running and the window over. Guessed
 * login IDs get rows too (so a lock reveals nothing), and without this they would pile up forever.
 */
export async function pruneThrottle(db: Executor, orgId: string, policy: ThrottlePolicy): Promise<void> {
  const t = loginThrottle;
  await db
    .delete(t)
    .where(
      and(
        eq(t.orgId, orgId),
        sql`coalesce(${t.lockedUntil}, '-infinity') <= now()`,
        sql`${t.windowStartedAt} < now() - make_interval(secs => ${policy.windowMs / 1000})`,
      ),
    );
}

/** A correct password forgets the failures (and any lock its own claim started). */
export async function clearThrottle(db: Executor, orgId: string, loginKey: string): Promise<void> {
  await db.delete(loginThrottle).where(and(eq(loginThrottle.orgId, orgId), eq(loginThrottle.loginKey, loginKey)));
}
