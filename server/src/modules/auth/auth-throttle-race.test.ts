import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { loginRequest, makeOrg, makeUser, type OrgFixture, signIn } from "../../../test/factories.js";

// Regression (audit): the lock was read before the slow argon2 verify and the failure written after
// it, so a parallel burst of 27 wrong passwords got 22 checked and the right one, sent last, got in.

let t: TestContext;
let org: OrgFixture;
const WRONG = 20;

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
});
afterAll(() => t.close());

const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>((acc, c) => Object.assign(acc, { [c]: (acc[c] ?? 0) + 1 }), {});

describe("login lockout under a parallel burst", () => {
  it("when wrong passwords and the right one arrive in one parallel burst, then at most the limit are checked, the rest are locked and the right one is refused", async () => {
    const limit = t.config.login.maxFailures;
    const u = await makeUser(t.database.db, org);
    const burst = await Promise.all([
      ...Array.from({ length: WRONG }, (_, i) => loginRequest(t.app, org.slug, u.login, `wrong guess ${i}!`)),
      loginRequest(t.app, org.slug, u.login, u.password),
    ]);
    const codes = burst.map((r) => (r.statusCode === 200 ? "OK" : (r.json().error.code as string)));
    const counts = tally(codes);
    expect((counts.INVALID_CREDENTIALS ?? 0) + (counts.OK ?? 0)).toBeLessThanOrEqual(limit);
    expect(counts.ACCOUNT_LOCKED).toBeGreaterThanOrEqual(WRONG + 1 - limit);
    expect(Object.keys(counts).every((c) => ["INVALID_CREDENTIALS", "ACCOUNT_LOCKED", "OK"].includes(c))).toBe(true);
    // The right password, sent after the limit was spent, is refused like any other attempt.
    expect(codes.at(-1)).toBe("ACCOUNT_LOCKED");
    const after = await loginRequest(t.app, org.slug, u.login, u.password);
    expect(after.statusCode).toBe(429);
    expect(after.json().error.code).toBe("ACCOUNT_LOCKED");
    const sessions = await t.database.db.execute(sql`select count(*)::int as n from sessions where user_id = ${u.id}`);
    expect(sessions.rows[0]?.n).toBe(0);
  });

  it("when an unknown login ID is guessed in a parallel burst, then it is answered exactly like a real one", async () => {
    const limit = t.config.login.maxFailures;
    const burst = await Promise.all(
      Array.from({ length: WRONG }, (_, i) => loginRequest(t.app, org.slug, "nobody-at-all", `wrong guess ${i}!`)),
    );
    const counts = tally(burst.map((r) => r.json().error.code as string));
    expect(counts).toEqual({ INVALID_CREDENTIALS: limit, ACCOUNT_LOCKED: WRONG - limit });
  });

  it("when the right password arrives within the limit, then it signs in and the count starts again", async () => {
    const u = await makeUser(t.database.db, org);
    const limit = t.config.login.maxFailures;
    for (let i = 0; i < limit - 1; i++) {
      expect((await loginRequest(t.app, org.slug, u.login, `wrong guess ${i}!`)).statusCode).toBe(401);
    }
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(200);
    for (let i = 0; i < limit - 1; i++) {
      expect((await loginRequest(t.app, org.slug, u.login, `wrong guess ${i}!`)).statusCode).toBe(401);
    }
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(200);
  });
});

describe("password change lockout under a parallel burst", () => {
  it("when wrong current passwords and the right one arrive in one parallel burst, then at most the limit are checked and the password stays unchanged", async () => {
    const limit = t.config.login.maxFailures;
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const stolen = "a stolen new passphrase";
    const burst = await Promise.all([
      ...Array.from({ length: WRONG }, (_, i) =>
        s.post("/api/auth/password", { currentPassword: `guess number ${i}`, newPassword: stolen }),
      ),
      s.post("/api/auth/password", { currentPassword: u.password, newPassword: stolen }),
    ]);
    const codes = burst.map((r) => (r.statusCode === 200 ? "OK" : (r.json().error.code as string)));
    const counts = tally(codes);
    expect((counts.VALIDATION_FAILED ?? 0) + (counts.OK ?? 0)).toBeLessThanOrEqual(limit);
    expect(counts.ACCOUNT_LOCKED).toBeGreaterThanOrEqual(WRONG + 1 - limit);
    expect(codes.at(-1)).toBe("ACCOUNT_LOCKED");
    const locked = burst.at(-1)?.json().error;
    expect(locked.details[0].field).toBe("currentPassword");
    expect(locked.message).toContain("現在のパスワード");
    // Still refused afterwards, and the password was never changed.
    const after = await s.post("/api/auth/password", { currentPassword: u.password, newPassword: stolen });
    expect(after.statusCode).toBe(429);
    expect((await loginRequest(t.app, org.slug, u.login, stolen)).statusCode).toBe(401);
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(200);
  });

  it("when the new password equals the current one, then the refusal does not count as a wrong guess", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    for (let i = 0; i < t.config.login.maxFailures + 1; i++) {
      const res = await s.post("/api/auth/password", { currentPassword: u.password, newPassword: u.password });
      expect(res.json().error.code).toBe("PASSWORD_POLICY");
    }
    const ok = await s.post("/api/auth/password", { currentPassword: u.password, newPassword: "a fresh passphrase" });
    expect(ok.statusCode).toBe(200);
  });
});

describe("spent throttle rows", () => {
  it("when someone signs in, then the organization's rows whose window is over and lock has run out are forgotten; running ones stay", async () => {
    const other = await makeOrg(t.database.db);
    const u = await makeUser(t.database.db, other);
    await t.database.db.execute(sql`
      insert into login_throttle (org_id, login_key, failures, window_started_at, locked_until) values
        (${other.id}, 'guessed-long-ago', 3, now() - interval '2 days', null),
        (${other.id}, 'locked-long-ago', 6, now() - interval '2 days', now() - interval '1 day'),
        (${other.id}, 'locked-now', 6, now() - interval '2 days', now() + interval '10 minutes'),
        (${other.id}, 'guessed-just-now', 1, now(), null),
        (${org.id}, 'another-center', 3, now() - interval '2 days', null)`);
    expect((await loginRequest(t.app, other.slug, u.login, u.password)).statusCode).toBe(200);
    const left = await t.database.db.execute(
      sql`select login_key from login_throttle where org_id in (${other.id}, ${org.id})
            and login_key in ('guessed-long-ago', 'locked-long-ago', 'locked-now', 'guessed-just-now', 'another-center')
          order by login_key`,
    );
    expect(left.rows.map((r) => r.login_key)).toEqual(["another-center", "guessed-just-now", "locked-now"]);
  });
});
