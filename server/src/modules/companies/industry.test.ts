import { JSIC_MAJORS, JSIC_MEDIUMS, resolveJsicMedium } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";

describe("日本標準産業分類", () => {
  it("when the table is read, then 20 majors own 99 mediums in contiguous ranges", () => {
    expect(JSIC_MAJORS).toHaveLength(20);
    expect(JSIC_MEDIUMS).toHaveLength(99);
    expect(JSIC_MEDIUMS.filter((m) => m.major === "E").map((m) => m.code)).toEqual(
      Array.from({ length: 24 }, (_, i) => String(i + 9).padStart(2, "0")),
    );
    expect(JSIC_MEDIUMS.find((m) => m.code === "76")).toMatchObject({ name: "飲食店", major: "M" });
    expect(JSIC_MEDIUMS.find((m) => m.code === "99")?.major).toBe("T");
  });

  it.each([
    ["09", "09"],
    ["E09", "09"],
    ["Ｅ０９", "09"],
    ["09 食料品製造業", "09"],
    ["食料品製造業", "09"],
    ["プラスチック製品製造業(別掲を除く)", "18"],
    ["貸金業, クレジットカード業等非預金信用機関", "64"],
  ])("when an industry is written %s, then it reads as medium %s", (text, code) => {
    expect(resolveJsicMedium(text)?.code).toBe(code);
  });

  it.each(["製造業", "E", "菓子製造", "A09", "00", "100", ""])(
    "when an industry is written %s, then no medium is read (too coarse, free text or inconsistent)",
    (text) => {
      expect(resolveJsicMedium(text)).toBeUndefined();
    },
  );
});

describe("industry on business records", () => {
  let t: TestContext;
  let org: OrgFixture;
  let staff: Session;
  beforeAll(async () => {
    t = await createTestContext();
    org = await makeOrg(t.database.db);
    staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" }));
  });
  afterAll(() => t.close());

  it("when a business is saved with an industry that names a medium, then the code and major follow; free text keeps the code", async () => {
    const created = await staff.post("/api/companies", { name: "株式会社菓子工房", industry: "食料品製造業" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ industry: "食料品製造業", industryCode: "09", industryMajor: "E" });
    const edited = await staff.patch(`/api/companies/${created.json().id}`, { industry: "和菓子製造" });
    expect(edited.json()).toMatchObject({ industry: "和菓子製造", industryCode: "09" });
    const chosen = await staff.patch(`/api/companies/${created.json().id}`, { industryCode: "58" });
    expect(chosen.json()).toMatchObject({ industryCode: "58", industryMajor: "I" });
  });

  it("when the code is not a medium of the classification, then the field is refused and nothing is saved", async () => {
    const res = await staff.post("/api/companies", { name: "分類不明商事", industryCode: "00" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: "industryCode" });
    expect(res.json().error.details[0].message).toContain("日本標準産業分類");
    const n = await t.database.db.execute(sql`select count(*)::int as n from companies where name = '分類不明商事'`);
    expect(n.rows[0]?.n).toBe(0);
  });

  it("when a file carries 業種コード, then the codes are stored; a bad code is a row error; the export carries them back", async () => {
    const csv = (rows: string[]) =>
      Buffer.from(`\uFEFF${["name,phone,業種,業種コード", ...rows].join("\r\n")}\r\n`, "utf8").toString("base64");
    const bad = await staff.post("/api/companies/import", {
      fileName: "bad.csv",
      dryRun: false,
      contentBase64: csv(["株式会社ワン,024-111-1111,,E09", "株式会社ツー,024-222-2222,,Z99"]),
    });
    expect(bad.json().created).toBe(0);
    expect(bad.json().errors).toEqual([expect.objectContaining({ row: 3, column: "業種コード", value: "Z99" })]);
    const good = await staff.post("/api/companies/import", {
      fileName: "good.csv",
      dryRun: false,
      contentBase64: csv(["株式会社ワン,024-111-1111,菓子製造,E09", "株式会社ツー,024-222-2222,飲食店,"]),
    });
    expect(good.statusCode).toBe(200);
    const rows = await t.database.db.execute(
      sql`select name, industry_code from companies where org_id = ${org.id} and name in ('株式会社ワン','株式会社ツー') order by name`,
    );
    expect(rows.rows).toEqual([
      { name: "株式会社ツー", industry_code: "76" },
      { name: "株式会社ワン", industry_code: "09" },
    ]);
    const exported = await staff.get("/api/companies/export?format=csv");
    expect(exported.body.split("\r\n")[0]).toContain("業種コード");
  });
});
