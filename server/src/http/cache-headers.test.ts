import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../test/factories.js";

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  const org = await makeOrg(t.database.db, 1);
  admin = await signIn(t.app, await makeUser(t.database.db, org, { role: "admin" }));
});
afterAll(() => t.close());

describe("what a shared office PC's browser may keep", () => {
  it("when the API answers (a record, an export, a refusal), then the browser is told not to store it", async () => {
    const answers = {
      me: await admin.get("/api/auth/me"),
      audit: await admin.get("/api/audit?page=1"),
      export: await admin.get("/api/companies/export?format=csv"),
      missing: await admin.get("/api/companies/00000000-0000-0000-0000-000000000000"),
      signedOut: await t.app.inject({ method: "GET", url: "/api/auth/me" }),
    };
    expect(Object.values(answers).map((r) => r.statusCode)).toEqual([200, 200, 200, 404, 401]);
    for (const [what, res] of Object.entries(answers)) expect(res.headers["cache-control"], what).toBe("no-store");
  });

  it("when the web app's page is asked for, then no-store is not forced on it", async () => {
    const res = await t.app.inject({ method: "GET", url: "/" });
    expect(res.headers["cache-control"]).not.toBe("no-store");
  });
});
