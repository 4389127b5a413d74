import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";

let t: TestContext;
let staff: Session;
let viewer: Session;

beforeAll(async () => {
  t = await createTestContext();
  const org = await makeOrg(t.database.db);
  staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" }));
  viewer = await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer" }));
});
afterAll(() => t.close());

const path = (code: string) => `/api/postal-codes/${encodeURIComponent(code)}`;

describe("GET /api/postal-codes/:postalCode", () => {
  it("when a signed-in member asks for 960-8053, then the prefecture, city and town come back", async () => {
    const res = await viewer.get(path("960-8053"));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      postalCode: "960-8053",
      prefecture: "福島県",
      city: "福島市",
      towns: [{ prefectureCode: "07", prefecture: "福島県", cityCode: "07201", city: "福島市", town: "三河南町" }],
    });
  });

  it("when the code is typed with full-width digits and a full-width hyphen, then it is read the same", async () => {
    const res = await staff.get(path("〒９６０－８０５３"));
    expect(res.statusCode).toBe(200);
    expect(res.json().postalCode).toBe("960-8053");
  });

  it("when one code covers several towns, then all of them are candidates", async () => {
    const res = await staff.get(path("5100863"));
    expect(res.statusCode).toBe(200);
    expect(res.json().towns.length).toBeGreaterThan(1);
    expect(res.json().city).toBe("四日市市");
  });

  it("when the code is not 7 digits, then 400 names the postalCode field", async () => {
    for (const bad of ["960-805", "96O-8053", "x"]) {
      const res = await staff.get(path(bad));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: "postalCode" });
      expect(res.json().error.details[0].message).toContain("7桁");
    }
  });

  it("when Japan Post has no such code, then 404 says so and names the field", async () => {
    const res = await staff.get(path("999-9999"));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain("999-9999");
    expect(res.json().error.details[0]).toMatchObject({ field: "postalCode" });
  });

  it("when nobody is signed in, then 401", async () => {
    const res = await t.app.inject({ method: "GET", url: path("960-8053") });
    expect(res.statusCode).toBe(401);
  });
});
