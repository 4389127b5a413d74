import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";

let t: TestContext;
let org: OrgFixture;
let staff: Session;

const HEADER =
  "corporate_number,name,name_kana,postal_code,address,phone,representative,employees,capital,sole_proprietor";
const ROWS = [
  "5070001000715,カネコ種苗株式会社,カネコシュビョウ,371-8503,群馬県前橋市古市町一丁目50番地12,027-251-1611,金子 昌彦,300,1億円,0",
  ',山田製作所,ヤマダセイサクショ,960-8053,福島県福島市三河南町1-20,024-525-4075,山田 太郎,12,"3,000,000",',
  ",鈴木 花子（創業予定）,スズキハナコ,,三重県津市栄町1-891,,鈴木 花子,,,はい",
];

async function companyCount(): Promise<number> {
  const r = await t.database.db.execute(sql`select count(*)::int as n from companies where org_id = ${org.id}`);
  return Number(r.rows[0]?.n);
}

function upload(fileName: string, bytes: Buffer, extra: Record<string, unknown> = {}) {
  return staff.post("/api/companies/import", { fileName, contentBase64: bytes.toString("base64"), ...extra });
}

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" }));
});
afterAll(() => t.close());

describe("importing businesses", () => {
  it("when a UTF-8 file with a BOM is checked in a dry run, then it reports what would happen and stores nothing", async () => {
    const bytes = Buffer.from(`\uFEFF${[HEADER, ...ROWS].join("\r\n")}\r\n`, "utf8");
    const res = await upload("companies.csv", bytes, { dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ encoding: "utf-8", rows: 3, created: 3, updated: 0, dryRun: true, errors: [] });
    expect(await companyCount()).toBe(0);
  });

  it("when a CP932 (Shift_JIS) file is imported, then every row is stored with Japanese intact", async () => {
    const bytes = iconv.encode([HEADER, ...ROWS].join("\r\n"), "cp932");
    const res = await upload("companies.csv", bytes, { dryRun: false });
    expect(res.json()).toMatchObject({ encoding: "shift_jis", created: 3, updated: 0, errors: [] });
    const found = (await staff.get(`/api/companies?q=${encodeURIComponent("カネコ")}`)).json().items[0];
    expect(found).toMatchObject({
      name: "カネコ種苗株式会社",
      employees: 300,
      capitalYen: 100_000_000,
      legalForm: "株式会社",
    });
    const sole = (await staff.get(`/api/companies?q=${encodeURIComponent("鈴木")}`)).json().items[0];
    expect(sole.soleProprietor).toBe(true);
  });

  it("when the same 法人番号 comes again, then that business is updated, not duplicated", async () => {
    const bytes = Buffer.from([HEADER, ROWS[0]?.replace("300", "320")].join("\n"), "utf8");
    const res = await upload("again.csv", bytes, { dryRun: false });
    expect(res.json()).toMatchObject({ created: 0, updated: 1 });
    expect(await companyCount()).toBe(3);
    const found = (await staff.get("/api/companies?q=5070001000715")).json().items[0];
    expect(found.employees).toBe(320);
  });

  it("when rows are wrong, then each error names row, column, value and reason, and nothing is stored", async () => {
    const bad = [
      HEADER,
      "6070001000715,誤り株式会社,,,,,,,,",
      ",名前なしの行の次,,,,,,たくさん,,",
      "5.07E+12,エクセル株式会社,,,,,,,,",
      ",,,,,,,,,",
      ",,空の名前,,,,,,,",
    ].join("\n");
    const before = await companyCount();
    const res = await upload("bad.csv", Buffer.from(bad, "utf8"), { dryRun: false });
    const errors = res.json().errors as { row: number; column: string; value: string; reason: string }[];
    expect(errors.find((e) => e.row === 2)).toMatchObject({ column: "corporate_number", value: "6070001000715" });
    expect(errors.find((e) => e.row === 3)).toMatchObject({ column: "employees", value: "たくさん" });
    expect(errors.find((e) => e.row === 4)?.reason).toContain("Excel");
    expect(errors.find((e) => e.column === "name")).toBeDefined();
    expect(await companyCount()).toBe(before);
  });

  it("when headers are Japanese or mapped explicitly, then the columns are found", async () => {
    const csv = ["会社名,ＴＥＬ,所在地,担当メモ", "会津漆器株式会社,0242-00-0000,福島県会津若松市,初回相談"].join("\n");
    const auto = (await upload("ja.csv", Buffer.from(csv, "utf8"), { dryRun: true })).json();
    expect(auto.mapping).toMatchObject({ 会社名: "name", 所在地: "address" });
    expect(auto.ignoredColumns).toContain("担当メモ");
    const mapped = (
      await upload("ja.csv", Buffer.from(csv, "utf8"), { dryRun: true, map: { 担当メモ: "industry" } })
    ).json();
    expect(mapped.mapping).toMatchObject({ 担当メモ: "industry" });
  });

  it("when no column can be the name, then the header row is reported", async () => {
    const res = await upload("x.csv", Buffer.from("a,b\n1,2", "utf8"), { dryRun: true });
    expect(res.json().errors[0]).toMatchObject({ row: 1, column: "(見出し)" });
  });

  it("when an xlsx file is imported, then its rows are read, and a 法人番号 stored as a number keeps all 13 digits", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("sheet");
    ws.addRow(["法人番号", "事業者名"]);
    ws.addRow([7010001008844, "ソニーグループ株式会社"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload("list.xlsx", bytes, { dryRun: false });
    expect(res.json()).toMatchObject({ encoding: "xlsx", created: 1, errors: [] });
    expect((await staff.get("/api/companies?q=7010001008844")).json().items[0].name).toBe("ソニーグループ株式会社");
  });

  it("when the registry is exported as CSV, then importing it again changes nothing", async () => {
    const exported = await staff.get("/api/companies/export?format=csv");
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const before = await companyCount();
    const res = await upload("export.csv", exported.rawPayload, { dryRun: true });
    expect(res.json().errors).toEqual([]);
    expect(await companyCount()).toBe(before);
  });

  it("when a viewer imports, then 404; when the body is not base64, then 400", async () => {
    const viewer = await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer" }));
    const res = await viewer.post("/api/companies/import", { fileName: "a.csv", contentBase64: "YQ==", dryRun: true });
    expect(res.statusCode).toBe(404);
    const bad = await staff.post("/api/companies/import", { fileName: "a.csv", contentBase64: "***", dryRun: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("contentBase64");
  });
});

describe("importing a business that is already registered", () => {
  it("when a row without 法人番号 describes a registered business, then it is linked to it, not dropped", async () => {
    const csv = ["name,address,phone", "（株）ふくしま精密,福島県福島市三河南町1-20,024-111-2222"].join("\n");
    await staff.post("/api/companies", {
      name: "株式会社ふくしま精密",
      address: "福島県福島市三河南町1-20",
      phone: "024-111-2222",
    });
    const before = await companyCount();
    const res = await upload("link.csv", Buffer.from(csv, "utf8"), { dryRun: false });
    expect(res.json()).toMatchObject({ created: 1, linked: 1, errors: [] });
    expect(await companyCount()).toBe(before + 1);
    const keys = await t.database.db.execute(
      sql`select count(distinct entity_key)::int as n from companies where org_id = ${org.id} and name like '%ふくしま精密%'`,
    );
    expect(keys.rows[0]?.n).toBe(1);
  });
});

describe("postal codes in an import", () => {
  it("when a row's 郵便番号 lies in another prefecture than its 所在地, then it is a warning and the row is imported", async () => {
    const csv = [
      "name,postal_code,address",
      "津の郵便違い商店,960-8053,三重県津市栄町1-891",
      "福島の正しい商店,960-8053,福島県福島市三河南町1-20",
      "個別番号の商店,371-8503,群馬県前橋市古市町一丁目50番地12",
    ].join("\n");
    const before = await companyCount();
    const res = await upload("postal.csv", Buffer.from(csv, "utf8"), { dryRun: false });
    expect(res.json()).toMatchObject({ created: 3, errors: [] });
    expect(res.json().warnings).toEqual([
      { row: 2, column: "postal_code", value: "960-8053", reason: expect.stringContaining("三重県") },
    ]);
    expect(await companyCount()).toBe(before + 3);
  });
});

describe("import mapping checks", () => {
  it("when a header is mapped to an unknown column or two headers to one, then the header row is reported", async () => {
    const csv = Buffer.from("会社名,TEL,電話\nテスト株式会社,024-000-0000,024-000-0001", "utf8");
    const unknown = (await upload("m.csv", csv, { dryRun: true, map: { TEL: "ignore" } })).json();
    expect(unknown.errors[0]).toMatchObject({ row: 1, value: "ignore" });
    const doubled = (await upload("m.csv", csv, { dryRun: true, map: { TEL: "phone", 電話: "phone" } })).json();
    expect(doubled.errors[0]?.reason).toContain("phone");
    const skipped = (await upload("m.csv", csv, { dryRun: true, map: { TEL: "" } })).json();
    expect(skipped.errors).toEqual([]);
  });
});
