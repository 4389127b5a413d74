import { SESSION_COOKIE } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { loginRequest, makeOrg, makeUser, type OrgFixture, sessionCookieOf, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
});
afterAll(() => t.close());

describe("login", () => {
  it("when the password is right, then a session cookie (httpOnly, SameSite=Lax) and the user come back", async () => {
    const u = await makeUser(t.database.db, org);
    const res = await loginRequest(t.app, org.slug, u.login, u.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const body = res.json();
    expect(body.user).toMatchObject({ login: u.login, role: "staff", org: { slug: org.slug } });
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: `${SESSION_COOKIE}=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(u.id);
  });

  it("when the login ID is typed in another case, then it still signs in", async () => {
    const u = await makeUser(t.database.db, org, { login: "Tanaka.Ichiro" });
    const res = await loginRequest(t.app, org.slug.toUpperCase(), "tanaka.ichiro", u.password);
    expect(res.statusCode).toBe(200);
  });

  it("when the password is wrong or the user unknown, then both answers are identical", async () => {
    const u = await makeUser(t.database.db, org);
    const wrong = await loginRequest(t.app, org.slug, u.login, "not the password at all");
    const unknown = await loginRequest(t.app, org.slug, "nobody-here", "not the password at all");
    const badOrg = await loginRequest(t.app, "no-such-org", u.login, u.password);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(badOrg.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(badOrg.body).toBe(unknown.body);
    expect(wrong.json().error.code).toBe("INVALID_CREDENTIALS");
    expect(sessionCookieOf(wrong)).toBeUndefined();
  });

  it("when English is asked for, then the message is English", async () => {
    const res = await loginRequest(t.app, org.slug, "nobody", "x", { "accept-language": "en-US,en;q=0.9" });
    expect(res.json().error.message).toMatch(/organization, login ID or password is wrong/);
  });

  it("when the body is malformed, then 400 names each field", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { org: "x" } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["login", "password"]));
    expect(res.json().error.message).toContain("ログインID");
  });

  it("when the body is not JSON, then 400 says so", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
  });
});

describe("lockout", () => {
  it("when the password is wrong 5 times, then even the right password is refused until the lock ends", async () => {
    const u = await makeUser(t.database.db, org);
    for (let i = 0; i < t.config.login.maxFailures; i++) {
      expect((await loginRequest(t.app, org.slug, u.login, "wrong password!")).statusCode).toBe(401);
    }
    const locked = await loginRequest(t.app, org.slug, u.login, u.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("ACCOUNT_LOCKED");
    // The lock ends: move it into the past, as time would.
    await t.database.db.execute(sql`update login_throttle set locked_until = now() - interval '1 second'`);
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(200);
  });

  it("when an unknown login ID is tried 5 times, then it locks exactly like a real one (no enumeration)", async () => {
    for (let i = 0; i < t.config.login.maxFailures; i++)
      await loginRequest(t.app, org.slug, "ghost", "wrong password!");
    const res = await loginRequest(t.app, org.slug, "ghost", "wrong password!");
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe("ACCOUNT_LOCKED");
  });

  it("when wrong guesses arrive in parallel, then every one is counted", async () => {
    const u = await makeUser(t.database.db, org);
    await Promise.all(Array.from({ length: 4 }, () => loginRequest(t.app, org.slug, u.login, "parallel guess!")));
    const rows = await t.database.db.execute(
      sql`select failures from login_throttle where org_id = ${org.id} and login_key = ${u.login.toLowerCase()}`,
    );
    expect(rows.rows[0]?.failures).toBe(4);
  });
});

describe("session expiry", () => {
  it("when the session has been idle longer than the idle timeout, then it is refused", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const idleMinutes = t.config.session.idleMs / 60_000;
    await t.database.db.execute(
      sql`update sessions set last_seen_at = now() - make_interval(mins => ${idleMinutes + 1}) where user_id = ${u.id}`,
    );
    const res = await s.get("/api/auth/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("UNAUTHENTICATED");
  });

  it("when the absolute lifetime has passed, then it is refused even if active", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
    await t.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${u.id}`,
    );
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("when a session is used within the idle window, then the window slides", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    await t.database.db.execute(
      sql`update sessions set last_seen_at = now() - interval '100 minutes' where user_id = ${u.id}`,
    );
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
    const rows = await t.database.db.execute(
      sql`select extract(epoch from now() - last_seen_at)::int as idle from sessions where user_id = ${u.id}`,
    );
    expect(Number(rows.rows[0]?.idle)).toBeLessThan(60);
  });
});

describe("logout", () => {
  it("when a user logs out, then the old token no longer works", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const out = await s.post("/api/auth/logout");
    expect(out.statusCode).toBe(200);
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("when logging in twice, then each login gets a new token", async () => {
    const u = await makeUser(t.database.db, org);
    const a = await signIn(t.app, u);
    const b = await signIn(t.app, u);
    expect(a.cookie).not.toBe(b.cookie);
  });
});

describe("CSRF", () => {
  it("when a cookie-authenticated POST lacks the CSRF token, then it is refused and nothing changes", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const res = await s.request("POST", "/api/auth/logout", {}, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_FAILED");
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("when the CSRF token is another session's, then it is refused", async () => {
    const u = await makeUser(t.database.db, org);
    const a = await signIn(t.app, u);
    const b = await signIn(t.app, u);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: `${SESSION_COOKIE}=${a.cookie}`, "x-csrf-token": b.csrf },
    });
    expect(res.statusCode).toBe(403);
  });

  it("when a POST comes from another site's origin, then it is refused", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: {
        cookie: `${SESSION_COOKIE}=${s.cookie}`,
        "x-csrf-token": s.csrf,
        origin: "https://evil.example",
        host: "localhost:3000",
      },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("password change", () => {
  it("when the current password is wrong, then it is refused and the old password still works", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const res = await s.post("/api/auth/password", {
      currentPassword: "not it at all",
      newPassword: "a brand new passphrase",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("currentPassword");
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(200);
  });

  it("when the new password is too short, then the message names the field and the minimum", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const res = await s.post("/api/auth/password", { currentPassword: u.password, newPassword: "short" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "newPassword" });
    expect(res.json().error.details[0].message).toContain("12文字以上");
  });

  it("when the current password is right, then the new one works, the old one not, and other sessions end", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    const other = await signIn(t.app, u);
    const res = await s.post("/api/auth/password", {
      currentPassword: u.password,
      newPassword: "a brand new passphrase",
    });
    expect(res.statusCode).toBe(200);
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
    expect((await other.get("/api/auth/me")).statusCode).toBe(401);
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(401);
    expect((await loginRequest(t.app, org.slug, u.login, "a brand new passphrase")).statusCode).toBe(200);
  });
});

describe("department switcher", () => {
  it("when switching to an own department, then /me reports it; to a foreign one, then 400", async () => {
    const [d1, d2] = org.departments;
    const u = await makeUser(t.database.db, org, { departmentIds: [d1?.id as string, d2?.id as string] });
    const s = await signIn(t.app, u);
    const ok = await s.put("/api/auth/active-department", { departmentId: d2?.id });
    expect(ok.statusCode).toBe(200);
    expect((await s.get("/api/auth/me")).json().user.activeDepartmentId).toBe(d2?.id);
    const other = await makeOrg(t.database.db);
    const bad = await s.put("/api/auth/active-department", { departmentId: other.departments[0]?.id });
    expect(bad.statusCode).toBe(400);
    expect((await s.get("/api/auth/me")).json().user.activeDepartmentId).toBe(d2?.id);
  });
});

describe("password change throttle", () => {
  it("when the current password is guessed wrong 5 times, then even the right one is refused for a while", async () => {
    const u = await makeUser(t.database.db, org);
    const s = await signIn(t.app, u);
    for (let i = 0; i < t.config.login.maxFailures; i++) {
      const res = await s.post("/api/auth/password", {
        currentPassword: `guess number ${i}`,
        newPassword: "a brand new passphrase",
      });
      expect(res.statusCode).toBe(400);
    }
    const locked = await s.post("/api/auth/password", {
      currentPassword: u.password,
      newPassword: "a brand new passphrase",
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("ACCOUNT_LOCKED");
    expect((await loginRequest(t.app, org.slug, u.login, u.password)).statusCode).toBe(200);
  });
});
