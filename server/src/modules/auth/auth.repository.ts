import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { loginThrottle } from "../../db/schema/index.js";

export type ThrottleRow = typeof loginThrottle.$inferSelect;

export async function findThrottle(db: Executor, orgId: string, loginKey: string): Promise<ThrottleRow | undefined> {
  return (
    await db
      .select()
      .from(loginThrottle)
      .where(and(eq(loginThrottle.orgId, orgId), eq(loginThrottle.loginKey, loginKey)))
  )[0];
}

/**
 * Counts one failure atomically (one statement, so parallel guesses cannot lose increments): a
 * window older than `windowMs` restarts at 1; reaching `maxFailures` sets the lock.
 */
export async function registerFailure(
  db: Executor,
  orgId: string,
  loginKey: string,
  opts: { windowMs: number; maxFailures: number; lockMs: number },
): Promise<ThrottleRow> {
  const windowSecs = opts.windowMs / 1000;
  const lockSecs = opts.lockMs / 1000;
  const rows = await db
    .insert(loginThrottle)
    .values({
      orgId,
      loginKey,
      failures: 1,
      lockedUntil: opts.maxFailures <= 1 ? sql`now() + make_interval(secs => ${lockSecs})` : null,
    })
    .onConflictDoUpdate({
      target: [loginThrottle.orgId, loginThrottle.loginKey],
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSecs}) then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSecs}) then now() else ${loginThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when (case when ${loginThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSecs}) then 1 else ${loginThrottle.failures} + 1 end) >= ${opts.maxFailures} then now() + make_interval(secs => ${lockSecs}) else ${loginThrottle.lockedUntil} end`,
      },
    })
    .returning();
  return rows[0] as ThrottleRow;
}

export async function clearThrottle(db: Executor, orgId: string, loginKey: string): Promise<void> {
  await db.delete(loginThrottle).where(and(eq(loginThrottle.orgId, orgId), eq(loginThrottle.loginKey, loginKey)));
}
