import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/context.js";
import type { Session } from "../../test/factories.js";
import { seededCenter } from "../../test/seed-centers.js";

// Regression (audit): only JSON bodies were checked for text PostgreSQL cannot store, so a NUL in a
// query string (?entity=a%00b, ?q=a%00b) and a lone surrogate in a body that lands in jsonb were 500s.

let t: TestContext;
let admin: Session;
let planId: string;

beforeAll(async () => {
  t = await createTestContext();
  ({ admin, planId } = await seededCenter(t, "mie"));
});
afterAll(() => t.close());

const rawJson = (s: Session, method: "POST" | "PATCH", url: string, body: string) =>
  t.app.inject({
    method,
    url,
    payload: body,
    headers: { cookie: `shien_session=${s.cookie}`, "x-csrf-token": s.csrf, "content-type": "application/json" },
  });

const auditCount = async () =>
  Number((await t.database.db.execute(sql`select count(*)::int as n from audit_log`)).rows[0]?.n);

describe("NUL in the query string and the path", () => {
  it("when the audit filter ?entity= contains NUL, then 400 names 対象 instead of a 500", async () => {
    const res = await admin.get("/api/audit?entity=a%00b");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(res.json().error.details[0].field).toBe("entity");
    expect(res.json().error.message).toMatch(/^対象に使用できない制御文字（NUL）が含まれています。削除して/);
    expect((await admin.get("/api/audit?entityId=a%00b")).json().error.details[0].field).toBe("entityId");
  });

  it("when the company search ?q= contains NUL, then 400 names the field instead of a 500", async () => {
    const res = await admin.get("/api/companies?q=a%00b");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("q");
    expect(res.json().error.message).toContain("NUL");
    expect((await admin.get("/api/companies?q=%E4%B8%89%E9%87%8D")).statusCode).toBe(200);
  });

  it("when a path parameter contains NUL, then 400 names it instead of a 500", async () => {
    const res = await admin.get(`/api/plans/${planId}/programs/1%00`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("code");
    const postal = await admin.get("/api/postal-codes/514%000");
    expect(postal.statusCode).toBe(400);
    expect(postal.json().error.details[0].field).toBe("postalCode");
  });

  it("when English is asked for, then the refusal is English", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/audit?entity=a%00b",
      headers: { cookie: `shien_session=${admin.cookie}`, "accept-language": "en" },
    });
    expect(res.json().error.message).toMatch(/contains a NUL control character/);
  });
});

describe("lone UTF-16 surrogates", () => {
  it("when a plan revision reason contains a lone surrogate, then 400 names 理由 and the plan is not revised", async () => {
    const before = await auditCount();
    const res = await rawJson(admin, "POST", `/api/plans/${planId}/revise`, '{"reason":"見直し\\ud800理由"}');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(res.json().error.details[0].field).toBe("reason");
    expect(res.json().error.message).toMatch(
      /不正なデータ（対になっていないサロゲート）.*削除して入力し直してください/,
    );
    expect(await auditCount()).toBe(before);
  });

  it("when a department name ends in half a surrogate pair, then 400 and nothing is stored (not a silent U+FFFD)", async () => {
    const res = await rawJson(admin, "POST", "/api/departments", '{"code":"half-pair","name":"総務\\ud83d"}');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("name");
    const rows = await t.database.db.execute(sql`select 1 from departments where code = 'half-pair'`);
    expect(rows.rows).toHaveLength(0);
  });

  it("when text holds whole surrogate pairs (𠮷, an emoji), then it is accepted and stored as typed", async () => {
    const res = await rawJson(admin, "POST", "/api/departments", '{"code":"pairs","name":"𠮷野家支援\\ud83d\\ude00"}');
    expect(res.statusCode).toBe(201);
    const rows = await t.database.db.execute(sql`select name from departments where code = 'pairs'`);
    expect(rows.rows[0]?.name).toBe("𠮷野家支援😀");
  });
});
