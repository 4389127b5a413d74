import { SESSION_COOKIE } from "@shien/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { loginRequest, makeOrg, makeUser, type OrgFixture, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  t = await createTestContext({
    trustProxy: true,
    login: { maxFailures: 5, lockMs: 15 * 60_000, ratePerMinute: 3 },
  });
  org = await makeOrg(t.database.db);
});
afterAll(() => t.close());

describe("sign-in transport", () => {
  it("when the request arrived over HTTPS through a trusted proxy, then the session cookie is Secure", async () => {
    const u = await makeUser(t.database.db, org);
    const res = await loginRequest(t.app, org.slug, u.login, u.password, {
      "x-forwarded-proto": "https",
      "x-forwarded-for": "203.0.113.10",
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
  });

  it("when one address sends more sign-ins per minute than allowed, then it gets 429 RATE_LIMITED; another address does not", async () => {
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await loginRequest(t.app, org.slug, "x", "wrong", from("198.51.100.7"))).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    const limited = await loginRequest(t.app, org.slug, "x", "wrong", from("198.51.100.7"));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("RATE_LIMITED");
    expect((await loginRequest(t.app, org.slug, "x", "wrong", from("198.51.100.8"))).statusCode).toBe(401);
  });

  it("when the database is gone (a 5xx), then the body carries a fixed message and no internals", async () => {
    const broken = await createTestContext();
    await broken.database.close();
    try {
      const res = await broken.app.inject({ method: "GET", url: "/api/health" });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe("INTERNAL");
      expect(res.json().error.message).toContain("管理者に連絡");
      expect(res.body).not.toMatch(/pool|pg|stack|at /i);
    } finally {
      await broken.close().catch(() => {});
    }
  });

  it("when any response is served, then the security headers are set", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("when the OpenAPI document is fetched, then it lists the API without signing in", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/users/{id}",
        "/api/plans/{id}",
        "/api/plans/{id}/programs/{code}",
      ]),
    );
  });

  it("when an API path does not exist, then a signed-in caller gets 404 NOT_FOUND in Japanese", async () => {
    const s = await signIn(t.app, await makeUser(t.database.db, org));
    const res = await s.get("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: "NOT_FOUND" });
    expect(res.json().error.message).toContain("ありません");
  });
});

describe("text PostgreSQL cannot store", () => {
  it("when a field contains a NUL character, then 400 names the field instead of a 500", async () => {
    const admin = await signIn(t.app, await makeUser(t.database.db, org, { role: "admin" }));
    const res = await admin.post("/api/departments", { code: "nul-test", name: "a\u0000b" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "name" });
    expect((await admin.get("/api/departments")).json().items.map((d: { code: string }) => d.code)).not.toContain(
      "nul-test",
    );
  });
});
