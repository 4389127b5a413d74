import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;
const RATE = 3;

beforeAll(async () => {
  t = await createTestContext({ login: { maxFailures: 100, lockMs: 15 * 60_000, ratePerMinute: RATE } });
  org = await makeOrg(t.database.db);
});
afterAll(() => t.close());

describe("password change rate limit", () => {
  it("when one address sends more password changes per minute than allowed, then it gets 429 RATE_LIMITED", async () => {
    // The lockout is set high here so that only the per-address rate limit can refuse.
    const s = await signIn(t.app, await makeUser(t.database.db, org));
    const codes: number[] = [];
    for (let i = 0; i <= RATE; i++) {
      const res = await s.post("/api/auth/password", {
        currentPassword: `guess ${i}`,
        newPassword: "whatever passphrase",
      });
      codes.push(res.statusCode);
      if (i === RATE) expect(res.json().error.code).toBe("RATE_LIMITED");
    }
    expect(codes).toEqual([...Array.from({ length: RATE }, () => 400), 429]);
  });
});
