import { CSRF_HEADER, SESSION_COOKIE } from "@shien/contracts";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/context.js";
import { loginRequest, makeOrg, makeUser, type UserFixture } from "../../test/factories.js";
import { buildApp } from "../app.js";
import type { ZodApp } from "./types.js";

let t: TestContext;
/** The same application and database, built as it runs behind a reverse proxy (SHIEN_TRUST_PROXY=true). */
let proxied: ZodApp;
let user: UserFixture;

/** What nginx's `proxy_pass http://127.0.0.1:3000` sends with the usual X-Forwarded-* lines. */
const viaNginx = {
  host: "127.0.0.1:3000",
  "x-forwarded-host": "shien.example.jp",
  "x-forwarded-proto": "https",
  "x-forwarded-for": "203.0.113.7",
};

const csp = (res: LightMyRequestResponse) => String(res.headers["content-security-policy"] ?? "");
const signInVia = (app: ZodApp, headers: Record<string, string>) =>
  loginRequest(app, user.org.slug, user.login, user.password, headers);

beforeAll(async () => {
  t = await createTestContext();
  proxied = await buildApp({ config: { ...t.config, trustProxy: true }, db: t.database.db, logger: false });
  await proxied.ready();
  const org = await makeOrg(t.database.db, 1);
  user = await makeUser(t.database.db, org, { role: "admin" });
});
afterAll(async () => {
  await proxied.close();
  await t.close();
});

describe("security headers over plain HTTP and behind an HTTPS proxy", () => {
  it("when the app is opened over plain HTTP by LAN address, then the CSP does not upgrade requests to https and no HSTS is sent", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health", headers: { host: "192.168.1.10:3000" } });
    expect(res.statusCode).toBe(200);
    expect(csp(res)).toContain("default-src 'self'");
    expect(csp(res)).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp(res)).not.toContain("upgrade-insecure-requests");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("when a request is refused over plain HTTP, then the refusal carries the same CSP without the upgrade", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/departments", headers: { host: "192.168.1.10:3000" } });
    expect(res.statusCode).toBe(401);
    expect(csp(res)).toContain("default-src 'self'");
    expect(csp(res)).not.toContain("upgrade-insecure-requests");
  });

  it("when a trusted proxy says the browser used HTTPS, then the CSP upgrades insecure requests and HSTS is sent", async () => {
    const res = await proxied.inject({ method: "GET", url: "/api/health", headers: viaNginx });
    expect(res.statusCode).toBe(200);
    expect(csp(res)).toContain("upgrade-insecure-requests");
    expect(csp(res)).toContain("default-src 'self'");
    expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("when X-Forwarded-Proto https is sent without SHIEN_TRUST_PROXY, then it is ignored and the headers stay plain-HTTP ones", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health", headers: viaNginx });
    expect(csp(res)).not.toContain("upgrade-insecure-requests");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("same-origin check behind a reverse proxy", () => {
  it("when a browser signs in through nginx (Host is the upstream, X-Forwarded-Host the site), then it succeeds and can change data", async () => {
    const login = await signInVia(proxied, { ...viaNginx, origin: "https://shien.example.jp" });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.secure).toBe(true);
    const created = await proxied.inject({
      method: "POST",
      url: "/api/departments",
      headers: {
        ...viaNginx,
        origin: "https://shien.example.jp",
        cookie: `${SESSION_COOKIE}=${cookie?.value}`,
        [CSRF_HEADER]: login.json().csrfToken,
      },
      payload: { code: "via-proxy", name: "プロキシ経由課" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: "via-proxy" });
  });

  it.each([
    ["another site", "https://evil.example"],
    ["the site over plain http", "http://shien.example.jp"],
    ["the upstream address", "https://127.0.0.1:3000"],
  ])("when Origin names %s behind the proxy, then the request is refused as CSRF", async (_what, origin) => {
    const res = await signInVia(proxied, { ...viaNginx, origin });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_FAILED");
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });

  it("when a trusted proxy keeps Host and sends no X-Forwarded-Proto, then Origin is compared by host alone", async () => {
    const res = await signInVia(proxied, { host: "shien.example.jp", origin: "https://shien.example.jp" });
    expect(res.statusCode).toBe(200);
  });

  it("when SHIEN_TRUST_PROXY is off, then a forged X-Forwarded-Host naming the attacker's origin does not pass", async () => {
    const res = await signInVia(t.app, {
      host: "192.168.1.10:3000",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      origin: "https://evil.example",
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_FAILED");
  });

  it("when SHIEN_TRUST_PROXY is off, then Origin is compared with the Host header as before", async () => {
    const lan = await signInVia(t.app, { host: "192.168.1.10:3000", origin: "http://192.168.1.10:3000" });
    expect(lan.statusCode).toBe(200);
    const proxiedWithoutTrust = await signInVia(t.app, { ...viaNginx, origin: "https://shien.example.jp" });
    expect(proxiedWithoutTrust.statusCode).toBe(403);
  });
});
