import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;
let staff: Session;
let viewer: Session;
let outsider: Session;

const KANEKO = "5070001000715"; // カネコ種苗株式会社: a real, valid 法人番号

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" }));
  viewer = await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer" }));
  const other = await makeOrg(t.database.db);
  outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
});
afterAll(() => t.close());

describe("registering a business", () => {
  it("when staff register a company, then its legal form, prefecture and phone digits are derived and it is audited", async () => {
    const res = await staff.post("/api/companies", {
      corporateNumber: KANEKO,
      name: "カネコ種苗株式会社",
      nameKana: "カネコシュビョウ",
      postalCode: "3718503",
      address: "群馬県前橋市古市町一丁目50番地12",
      phone: "027-251-1611",
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ legalForm: "株式会社", prefecture: "群馬県", postalCode: "371-8503" });
    const audit = await t.database.db.execute(
      sql`select action from audit_log where entity = 'company' and entity_id = ${c.id}`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["create"]);
  });

  it("when the 法人番号's check digit is wrong, then 400 names the field and says what to check", async () => {
    const res = await staff.post("/api/companies", { corporateNumber: "6070001000715", name: "テスト株式会社" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "corporateNumber" });
    expect(res.json().error.details[0].message).toContain("チェックデジット");
  });

  it("when Excel turned the 法人番号 into 5.07E+12, then the message says so, in English too", async () => {
    const ja = await staff.post("/api/companies", { corporateNumber: "5.07E+12", name: "テスト株式会社" });
    expect(ja.json().error.details[0].message).toContain("Excel");
    const en = await staff.request("POST", "/api/companies", { corporateNumber: "5.07E+12", name: "x" });
    expect(en.statusCode).toBe(400);
  });

  it("when the same 法人番号 is registered twice, then 409 names the field and only one row exists", async () => {
    const res = await staff.post("/api/companies", { corporateNumber: KANEKO, name: "カネコ種苗" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe("corporateNumber");
    const n = await t.database.db.execute(
      sql`select count(*)::int as n from companies where corporate_number = ${KANEKO}`,
    );
    expect(n.rows[0]?.n).toBe(1);
  });

  it("when a sole proprietor is given a 法人番号, then 400", async () => {
    const res = await staff.post("/api/companies", { corporateNumber: KANEKO, name: "山田太郎", soleProprietor: true });
    expect(res.statusCode).toBe(400);
  });

  it("when a viewer registers, then 404; when the body lacks a name, then 400 naming it", async () => {
    expect((await viewer.post("/api/companies", { name: "閲覧者商店" })).statusCode).toBe(404);
    const bad = await staff.post("/api/companies", { nameKana: "ナシ" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("name");
  });
});

describe("finding a business", () => {
  beforeAll(async () => {
    for (const [name, kana, phone] of [
      ["株式会社ふくしま精密", "フクシマセイミツ", "024-111-2222"],
      ["有限会社会津塗り工房", "アイヅヌリコウボウ", "0242-33-4444"],
      ["ＡＢＣ商事株式会社", null, null],
    ] as const) {
      await staff.post("/api/companies", { name, nameKana: kana, phone });
    }
  });

  it.each([
    ["ふくしま", "株式会社ふくしま精密"],
    ["セイミツ", "株式会社ふくしま精密"],
    ["せいみつ", "株式会社ふくしま精密"],
    ["塗り工房", "有限会社会津塗り工房"],
    ["abc", "ＡＢＣ商事株式会社"],
    ["0242334444", "有限会社会津塗り工房"],
    ["0242-33-4444", "有限会社会津塗り工房"],
    [KANEKO, "カネコ種苗株式会社"],
  ])("when searching %s, then %s is found", async (q, name) => {
    const res = await viewer.get(`/api/companies?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { name: string }) => c.name)).toContain(name);
  });

  it("when a search has no match, then the list is empty; another organization never sees these", async () => {
    expect((await viewer.get(`/api/companies?q=${encodeURIComponent("存在しない")}`)).json().total).toBe(0);
    expect((await outsider.get(`/api/companies?q=${encodeURIComponent("ふくしま")}`)).json().total).toBe(0);
  });

  it("when a company of another organization or a missing id is opened, then both answer 404 alike", async () => {
    const mine = (await viewer.get("/api/companies?q=ABC")).json().items[0];
    const foreign = await outsider.get(`/api/companies/${mine.id}`);
    const missing = await outsider.get(`/api/companies/${randomUUID()}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await outsider.patch(`/api/companies/${mine.id}`, { name: "乗っ取り" })).statusCode).toBe(404);
    expect((await viewer.get(`/api/companies/${mine.id}`)).json().name).toBe("ＡＢＣ商事株式会社");
  });

  it("when staff rename a company, then the search text follows and the change is audited", async () => {
    const c = (await viewer.get(`/api/companies?q=${encodeURIComponent("会津")}`)).json().items[0];
    const res = await staff.patch(`/api/companies/${c.id}`, { name: "有限会社会津漆器工房" });
    expect(res.statusCode).toBe(200);
    expect(res.json().legalForm).toBe("有限会社");
    expect((await viewer.get(`/api/companies?q=${encodeURIComponent("漆器")}`)).json().total).toBe(1);
    const audit = await t.database.db.execute(
      sql`select changes from audit_log where entity = 'company' and entity_id = ${c.id} and action = 'update'`,
    );
    expect(audit.rows[0]?.changes).toEqual([
      { field: "name", from: "有限会社会津塗り工房", to: "有限会社会津漆器工房" },
    ]);
  });
});
