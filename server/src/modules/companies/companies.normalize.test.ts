import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";

/**
 * Phone numbers and フリガナ are stored in one form however they were typed: a phone in half-width
 * digits with its hyphens where the user put them, フリガナ in full-width katakana.
 */

let t: TestContext;
let org: OrgFixture;
let staff: Session;

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" }));
});
afterAll(() => t.close());

async function stored(id: string) {
  const r = await t.database.db.execute<{
    phone: string | null;
    name_kana: string | null;
    phone_digits: string | null;
  }>(sql`select phone, name_kana, phone_digits from companies where id = ${id} and org_id = ${org.id}`);
  return r.rows[0];
}

describe("phone and フリガナ are normalised on save", () => {
  it("when a business is registered with a full-width phone and hiragana フリガナ, then half-width digits and katakana are stored", async () => {
    const res = await staff.post("/api/companies", {
      name: "株式会社会津漆器",
      nameKana: "かぶしきがいしゃ　あいづしっき",
      phone: "０２４２−２２−１２３４",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ phone: "0242-22-1234", nameKana: "カブシキガイシャ　アイヅシッキ" });
    expect(await stored(res.json().id)).toEqual({
      phone: "0242-22-1234",
      name_kana: "カブシキガイシャ　アイヅシッキ",
      phone_digits: "0242221234",
    });
  });

  it("when it is changed to half-width katakana and a phone typed with ー and （）, then the stored form is still one", async () => {
    const c = (await staff.post("/api/companies", { name: "有限会社いわき水産", phone: "0246-00-0000" })).json();
    const res = await staff.patch(`/api/companies/${c.id}`, {
      nameKana: "ﾕｳｹﾞﾝｶﾞｲｼｬ ｲﾜｷｽｲｻﾝ",
      phone: "（０２４６）２２ー３３４４　内線１２",
    });
    expect(res.statusCode).toBe(200);
    expect(await stored(c.id)).toEqual({
      phone: "(0246)22-3344 内線12",
      name_kana: "ユウゲンガイシャ イワキスイサン",
      phone_digits: "024622334412",
    });
    // A field left out of the change stays as it was.
    await staff.patch(`/api/companies/${c.id}`, { representative: "磐城 太郎" });
    expect((await stored(c.id))?.name_kana).toBe("ユウゲンガイシャ イワキスイサン");
  });

  it("when businesses are imported with full-width phones and hiragana フリガナ, then they are stored normalised", async () => {
    const csv = ["name,name_kana,phone", "株式会社しらかわ製麺,しらかわせいめん,０２４８－２２－５６７８"].join("\r\n");
    const res = await staff.post("/api/companies/import", {
      fileName: "companies.csv",
      contentBase64: Buffer.from(`\uFEFF${csv}\r\n`, "utf8").toString("base64"),
      dryRun: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, errors: [] });
    const found = (await staff.get(`/api/companies?q=${encodeURIComponent("しらかわ製麺")}`)).json().items[0];
    expect(found).toMatchObject({ phone: "0248-22-5678", nameKana: "シラカワセイメン" });
    expect(await stored(found.id)).toMatchObject({ phone: "0248-22-5678", name_kana: "シラカワセイメン" });
  });
});
