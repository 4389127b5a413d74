/**
 * Issue 4 "Tests" checklist, through the API against the real database: merge/unmerge round trips,
 * review decisions, CP932/BOM imports, malformed files, and the access matrix cells that
 * companies.test.ts, dedupe.test.ts, companies.import.test.ts and postal.routes.test.ts leave out.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

interface World {
  org: OrgFixture;
  staff: Session;
  viewer: Session;
  /** An admin of another organization. */
  outsider: Session;
}

async function world(): Promise<World> {
  const org = await makeOrg(t.database.db);
  const other = await makeOrg(t.database.db);
  return {
    org,
    staff: await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" })),
    viewer: await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer" })),
    outsider: await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" })),
  };
}

async function create(s: Session, body: Record<string, unknown>): Promise<string> {
  const res = await s.post("/api/companies", body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Everything 名寄せ state is made of, for one organization: every column of every row. */
async function registryState(orgId: string) {
  const db = t.database.db;
  const rows = async (q: ReturnType<typeof sql>) => (await db.execute(q)).rows;
  return {
    companies: await rows(sql`select * from companies where org_id = ${orgId} order by id`),
    contacts: await rows(sql`select * from company_contacts where org_id = ${orgId} order by id`),
    decisions: await rows(
      sql`select org_id, company_a, company_b, same, decided_by, merge_id, decided_at
          from meiyose_decisions where org_id = ${orgId} order by company_a, company_b`,
    ),
    reviewPairs: await rows(
      sql`select * from meiyose_review_pairs where org_id = ${orgId} order by company_a, company_b`,
    ),
  };
}

async function entityKeys(orgId: string): Promise<Record<string, string | null>> {
  const r = await t.database.db.execute(sql`select id, entity_key from companies where org_id = ${orgId}`);
  return Object.fromEntries(r.rows.map((x) => [String(x.id), (x.entity_key as string | null) ?? null]));
}

const countOf = async (orgId: string) =>
  Number(
    (await t.database.db.execute(sql`select count(*)::int as n from companies where org_id = ${orgId}`)).rows[0]?.n,
  );

describe("merge then unmerge round-trips exactly", () => {
  let w: World;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    w = await world();
    const addr = "福島県会津若松市栄町2-4";
    id.a = await create(w.staff, { name: "株式会社会津塗装", address: addr, phone: "0242-22-1111" });
    id.c = await create(w.staff, { name: "（株）会津塗装", address: "会津若松市栄町二丁目4番", phone: "0242221111" });
    id.b = await create(w.staff, { name: "株式会社会津途装", address: addr });
    id.d = await create(w.staff, { name: "株式会社磐梯商事", address: "福島県耶麻郡猪苗代町字新町4855" });
    for (const [company, name] of [
      ["b", "佐藤 一郎"],
      ["c", "鈴木 次郎"],
    ] as const) {
      const res = await w.staff.post(`/api/companies/${id[company]}/contacts`, { name, role: "経理担当" });
      expect(res.statusCode).toBe(201);
    }
    expect((await w.staff.post("/api/companies/dedupe")).statusCode).toBe(200);
  });

  it("when records of three clusters are merged and the merge undone, then every row of the registry is as before", async () => {
    const before = await registryState(w.org.id);
    const summaryBefore = (await w.staff.get("/api/companies/summary")).json();
    // the dedupe run joined a and c; b and d are entities of their own
    const k0 = await entityKeys(w.org.id);
    expect(k0[id.a as string]).toBe(k0[id.c as string]);
    expect(new Set([k0[id.a as string], k0[id.b as string], k0[id.d as string]]).size).toBe(3);

    const merged = await w.staff.post("/api/companies/merge", { companyIds: [id.b, id.d, id.c] });
    expect(merged.statusCode, merged.body).toBe(200);
    const during = await registryState(w.org.id);
    // every source record is kept, with all its fields; only the entity key moved
    expect(during.companies).toHaveLength(before.companies.length);
    const strip = (r: Record<string, unknown>) => ({ ...r, entity_key: undefined });
    expect(during.companies.map(strip)).toEqual(before.companies.map(strip));
    expect(new Set(during.companies.map((c) => c.entity_key))).toEqual(new Set([merged.json().entityKey]));
    expect(during.contacts).toEqual(before.contacts);
    const listed = await w.staff.get(`/api/companies?entityKey=${encodeURIComponent(merged.json().entityKey)}`);
    expect(listed.json().total).toBe(4);
    expect((await w.staff.get("/api/companies/summary")).json().entities).toBe(1);

    const undo = await w.staff.post(`/api/companies/merges/${merged.json().mergeId}/undo`);
    expect(undo.statusCode).toBe(200);
    expect(await registryState(w.org.id)).toEqual(before);
    expect((await w.staff.get("/api/companies/summary")).json()).toEqual(summaryBefore);
    const audit = await t.database.db.execute(
      sql`select action from audit_log where entity = 'meiyose_merge' and entity_id = ${merged.json().mergeId} order by seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "delete"]);
  });

  it("when two merges are undone last first, then each undo restores the state before its merge", async () => {
    const s0 = await registryState(w.org.id);
    const m1 = (await w.staff.post("/api/companies/merge", { companyIds: [id.a, id.b] })).json();
    const s1 = await registryState(w.org.id);
    const m2 = (await w.staff.post("/api/companies/merge", { companyIds: [id.b, id.d] })).json();
    const keys = await entityKeys(w.org.id);
    expect(new Set(Object.values(keys)).size).toBe(1);
    expect((await w.staff.post(`/api/companies/merges/${m2.mergeId}/undo`)).statusCode).toBe(200);
    expect(await registryState(w.org.id)).toEqual(s1);
    expect((await w.staff.post(`/api/companies/merges/${m1.mergeId}/undo`)).statusCode).toBe(200);
    expect(await registryState(w.org.id)).toEqual(s0);
  });

  it("when a merge is undone after a dedupe run, then the records fall back apart and a new run does not rejoin them", async () => {
    const k0 = await entityKeys(w.org.id);
    const m = (await w.staff.post("/api/companies/merge", { companyIds: [id.a, id.d] })).json();
    await w.staff.post("/api/companies/dedupe");
    const kept = await entityKeys(w.org.id);
    expect(kept[id.d as string]).toBe(kept[id.a as string]);
    expect((await w.staff.post(`/api/companies/merges/${m.mergeId}/undo`)).statusCode).toBe(200);
    await w.staff.post("/api/companies/dedupe");
    expect(await entityKeys(w.org.id)).toEqual(k0);
  });
});

describe("review decisions persist and win over the score next time", () => {
  let w: World;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    w = await world();
    // the engine joins these two (name + phone + address) …
    id.x = await create(w.staff, {
      name: "株式会社猪苗代精機",
      address: "福島県耶麻郡猪苗代町字新町4855",
      phone: "0242-62-0001",
    });
    id.y = await create(w.staff, { name: "（株）猪苗代精機", address: "猪苗代町新町4855", phone: "0242620001" });
    // … and is unsure of these (one character apart at one address)
    id.p = await create(w.staff, { name: "株式会社喜多方板金", address: "福島県喜多方市御清水東7172" });
    id.q = await create(w.staff, { name: "株式会社喜多方坂金", address: "福島県喜多方市御清水東7172" });
    await w.staff.post("/api/companies/dedupe");
  });

  const pairIn = (items: { a: { id: string }; b: { id: string } }[], a: string, b: string) =>
    items.some((p) => [p.a.id, p.b.id].sort().join() === [a, b].sort().join());

  it("when staff judge a pair the score joins as different, then it stays apart through runs, a job and an edit that makes the records alike", async () => {
    expect((await entityKeys(w.org.id))[id.x as string]).toBe((await entityKeys(w.org.id))[id.y as string]);
    const res = await w.staff.post("/api/companies/review/decision", { a: id.y, b: id.x, same: false });
    expect(res.json()).toEqual({ ok: true, mergeId: null });
    const stored = await t.database.db.execute(
      sql`select company_a, company_b, same from meiyose_decisions where org_id = ${w.org.id}`,
    );
    expect(stored.rows).toEqual([
      { company_a: [id.x, id.y].sort()[0], company_b: [id.x, id.y].sort()[1], same: false },
    ]);

    await w.staff.post("/api/companies/dedupe");
    await w.staff.post("/api/companies/dedupe");
    const job = (await w.staff.post("/api/companies/dedupe/jobs")).json();
    for (let i = 0; i < 600; i++) {
      if ((await w.staff.get(`/api/companies/dedupe/jobs/${job.id}`)).json().status !== "running") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // the score now says "same" in every field
    await w.staff.patch(`/api/companies/${id.y}`, {
      name: "株式会社猪苗代精機",
      address: "福島県耶麻郡猪苗代町字新町4855",
      phone: "0242-62-0001",
      nameKana: null,
    });
    await w.staff.post("/api/companies/dedupe");
    const keys = await entityKeys(w.org.id);
    expect(keys[id.x as string]).not.toBe(keys[id.y as string]);
    expect(pairIn((await w.staff.get("/api/companies/review")).json().items, id.x as string, id.y as string)).toBe(
      false,
    );
  });

  it("when staff judge an uncertain pair the same, then it leaves the queue and stays joined through later runs", async () => {
    const queue = (await w.staff.get("/api/companies/review")).json().items;
    expect(pairIn(queue, id.p as string, id.q as string)).toBe(true);
    const res = await w.staff.post("/api/companies/review/decision", { a: id.q, b: id.p, same: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().mergeId).toEqual(expect.any(String));
    for (let i = 0; i < 2; i++) {
      await w.staff.post("/api/companies/dedupe");
      const keys = await entityKeys(w.org.id);
      expect(keys[id.p as string]).toBe(keys[id.q as string]);
      expect(pairIn((await w.staff.get("/api/companies/review")).json().items, id.p as string, id.q as string)).toBe(
        false,
      );
    }
  });
});

describe("importing CP932 and BOM files", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  const upload = (s: Session, fileName: string, bytes: Buffer, extra: Record<string, unknown> = {}) =>
    s.post("/api/companies/import", { fileName, contentBase64: bytes.toString("base64"), dryRun: false, ...extra });

  it("when a UTF-8 file with a BOM and Japanese headers is imported, then the first column is found and every value is stored", async () => {
    const csv = [
      "法人番号,事業者名,フリガナ,郵便番号,所在地,電話番号",
      "5070001000715,カネコ種苗株式会社,カネコシュビョウ,371-8503,群馬県前橋市古市町一丁目50番地12,027-251-1611",
      ",有限会社ＢＯＭ商店,ボムショウテン,960-8053,福島県福島市三河南町1-20,024-000-1111",
    ].join("\r\n");
    const res = await upload(w.staff, "bom.csv", Buffer.from(`\uFEFF${csv}\r\n`, "utf8"));
    expect(res.json()).toMatchObject({ encoding: "utf-8", created: 2, errors: [] });
    expect(res.json().mapping).toMatchObject({ 法人番号: "corporate_number", 事業者名: "name" });
    const kaneko = (await w.staff.get("/api/companies?q=5070001000715")).json().items;
    expect(kaneko).toHaveLength(1);
    expect(kaneko[0]).toMatchObject({
      corporateNumber: "5070001000715",
      name: "カネコ種苗株式会社",
      nameKana: "カネコシュビョウ",
      postalCode: "371-8503",
      prefecture: "群馬県",
    });
    const bom = (await w.staff.get(`/api/companies?q=${encodeURIComponent("BOM商店")}`)).json().items[0];
    expect(bom).toMatchObject({ name: "有限会社ＢＯＭ商店", legalForm: "有限会社", corporateNumber: null });
  });

  it("when a CP932 file carries NEC/IBM extension characters (㈱, 髙, ①) and －/～, then names and addresses are stored as written, フリガナ and phone in their one form", async () => {
    const csv = [
      "name,name_kana,address,phone,representative",
      "㈱髙橋製作所,ﾀｶﾊｼｾｲｻｸｼｮ,福島県福島市三河南町1-20 ①号館,０２４－５２５－４０７５,髙橋 一郎",
      "有限会社ワン～ツー,ワンツー,福島県郡山市駅前2-10-15,,",
    ].join("\r\n");
    const bytes = iconv.encode(csv, "cp932");
    for (const extra of [{}, { encoding: "shift_jis" }]) {
      const dry = await upload(w.staff, "cp932.csv", bytes, { ...extra, dryRun: true });
      expect(dry.json()).toMatchObject({ encoding: "shift_jis", created: 2, errors: [] });
    }
    const res = await upload(w.staff, "cp932.csv", bytes);
    expect(res.json()).toMatchObject({ encoding: "shift_jis", created: 2, errors: [] });
    const found = (await w.staff.get(`/api/companies?q=${encodeURIComponent("髙橋製作所")}`)).json().items[0];
    expect(found).toMatchObject({
      name: "㈱髙橋製作所",
      // Half-width katakana and a full-width phone are normalised on save (companies.text.ts).
      nameKana: "タカハシセイサクショ",
      phone: "024-525-4075",
      legalForm: "株式会社",
      address: "福島県福島市三河南町1-20 ①号館",
      representative: "髙橋 一郎",
      prefecture: "福島県",
    });
    expect((await w.staff.get(`/api/companies?q=${encodeURIComponent("ワン")}`)).json().items[0].name).toBe(
      "有限会社ワン～ツー",
    );
  });

  it("when a CP932 file has one bad row among good ones, then nothing is stored and the row is reported with its Japanese value", async () => {
    const before = await countOf(w.org.id);
    const csv = [
      "name,address,employees",
      "良い行株式会社,福島県福島市三河南町1-20,5",
      "悪い行株式会社,福島県福島市三河南町1-21,たくさん",
      "次の良い行株式会社,福島県福島市三河南町1-22,7",
    ].join("\r\n");
    const res = await upload(w.staff, "bad.csv", iconv.encode(csv, "cp932"));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ encoding: "shift_jis", created: 0, updated: 0 });
    expect(res.json().errors).toEqual([{ row: 3, column: "employees", value: "たくさん", reason: expect.any(String) }]);
    expect(await countOf(w.org.id)).toBe(before);
    expect((await w.staff.get(`/api/companies?q=${encodeURIComponent("良い行")}`)).json().total).toBe(0);
  });

  it("when the last row of a file is bad, then the rows before it are not stored either, and no import is audited", async () => {
    const before = await countOf(w.org.id);
    const csv = ["corporate_number,name", ",一行目株式会社", ",二行目株式会社", "6070001000715,三行目株式会社"].join(
      "\n",
    );
    const res = await upload(w.staff, "last-bad.csv", Buffer.from(csv, "utf8"));
    expect(res.json().errors).toEqual([
      {
        row: 4,
        column: "corporate_number",
        value: "6070001000715",
        reason: expect.stringContaining("チェックデジット"),
      },
    ]);
    expect(await countOf(w.org.id)).toBe(before);
    const audit = await t.database.db.execute(
      sql`select count(*)::int as n from audit_log where entity = 'company_import' and entity_id = 'last-bad.csv'`,
    );
    expect(audit.rows[0]?.n).toBe(0);
  });

  it("when a quoted field is never closed, then 400 names the row where it opened and nothing is stored", async () => {
    const before = await countOf(w.org.id);
    const csv = 'name,address\n"山田製作所,福島県福島市三河南町1-20\n鈴木商店,三重県津市栄町1-891\n';
    const res = await upload(w.staff, "quote.csv", Buffer.from(csv, "utf8"));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("2行目で始まる引用符");
    expect(await countOf(w.org.id)).toBe(before);
  });

  it("when an .xlsx file is not a workbook, or the file is an old .xls, then 400 says how to save it and nothing is stored", async () => {
    const before = await countOf(w.org.id);
    const broken = await upload(w.staff, "broken.xlsx", Buffer.from("this is not a zip file"));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain("xlsxファイルとして読めません");
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)]);
    const xls = await upload(w.staff, "old.csv", ole);
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error.message).toContain("Excel 97-2003");
    expect(await countOf(w.org.id)).toBe(before);
  });

  it("when a file has blank lines, then an error names the row as the spreadsheet shows it", async () => {
    const csv = ["name,employees", "", "空行の後株式会社,5", "", "", "悪い社員数株式会社,たくさん"].join("\n");
    const res = await upload(w.staff, "blank-lines.csv", Buffer.from(csv, "utf8"));
    expect(res.json().errors).toEqual([{ row: 6, column: "employees", value: "たくさん", reason: expect.any(String) }]);
  });

  it("when a viewer imports a valid file, then 404 and nothing is stored", async () => {
    const before = await countOf(w.org.id);
    const res = await upload(w.viewer, "v.csv", Buffer.from("name\n閲覧者株式会社\n", "utf8"));
    expect(res.statusCode).toBe(404);
    expect(await countOf(w.org.id)).toBe(before);
  });

  it("when another organization imports a file with this organization's 法人番号, then it gets its own record and ours is untouched", async () => {
    const ours = (await w.staff.get("/api/companies?q=5070001000715")).json().items[0];
    const res = await upload(
      w.outsider,
      "o.csv",
      Buffer.from("corporate_number,name\n5070001000715,乗っ取り株式会社\n"),
    );
    expect(res.json()).toMatchObject({ created: 1, updated: 0, errors: [] });
    expect((await w.staff.get(`/api/companies/${ours.id}`)).json()).toEqual(ours);
    expect((await w.outsider.get("/api/companies?q=5070001000715")).json().items[0].id).not.toBe(ours.id);
  });
});

describe("access matrix: companies", () => {
  let w: World;
  let mine: string;
  beforeAll(async () => {
    w = await world();
    mine = await create(w.staff, {
      name: "株式会社権限テスト",
      phone: "024-999-0000",
      address: "福島県福島市三河南町1-20",
    });
  });

  it("when a viewer changes a company, then 404 and nothing changes", async () => {
    const before = (await w.staff.get(`/api/companies/${mine}`)).json();
    expect((await w.viewer.patch(`/api/companies/${mine}`, { name: "閲覧者の変更" })).statusCode).toBe(404);
    expect((await w.staff.get(`/api/companies/${mine}`)).json()).toEqual(before);
  });

  it("when a change is malformed, then 400 names the field and nothing changes", async () => {
    const before = (await w.staff.get(`/api/companies/${mine}`)).json();
    for (const [body, field] of [
      [{ name: "" }, "name"],
      [{ corporateNumber: "6070001000715" }, "corporateNumber"],
      [{ employees: -1 }, "employees"],
      [{ postalCode: "960-805" }, "postalCode"],
    ] as const) {
      const res = await w.staff.patch(`/api/companies/${mine}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    }
    expect((await w.staff.get(`/api/companies/${mine}`)).json()).toEqual(before);
  });

  it("when a missing id is read or changed, then 404; when the id is not an id, then 400", async () => {
    expect((await w.staff.get(`/api/companies/${randomUUID()}`)).statusCode).toBe(404);
    expect((await w.staff.patch(`/api/companies/${randomUUID()}`, { name: "x" })).statusCode).toBe(404);
    expect((await w.staff.get("/api/companies/not-an-id")).statusCode).toBe(400);
    expect((await w.staff.patch("/api/companies/not-an-id", { name: "x" })).statusCode).toBe(400);
  });

  it("when a search query is malformed, then 400", async () => {
    expect((await w.viewer.get("/api/companies?pageSize=0")).statusCode).toBe(400);
    expect((await w.viewer.get("/api/companies?page=x")).statusCode).toBe(400);
  });

  it("when another organization asks for the summary, the export or duplicates, then it sees none of ours", async () => {
    expect((await w.outsider.get("/api/companies/summary")).json()).toMatchObject({ companies: 0, entities: 0 });
    const exported = await w.outsider.get("/api/companies/export?format=csv");
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain("権限テスト");
    const dup = await w.outsider.post("/api/companies/duplicates", {
      name: "株式会社権限テスト",
      phone: "024-999-0000",
    });
    expect(dup.statusCode).toBe(200);
    expect(dup.json().items).toEqual([]);
  });

  it("when a viewer checks for duplicates or exports, then it may (reading); a malformed duplicate check is 400", async () => {
    const dup = await w.viewer.post("/api/companies/duplicates", { name: "株式会社 権限テスト", phone: "0249990000" });
    expect(dup.statusCode).toBe(200);
    expect(dup.json().items.map((m: { company: { id: string } }) => m.company.id)).toContain(mine);
    expect((await w.viewer.get("/api/companies/export?format=csv")).body).toContain("権限テスト");
    const bad = await w.staff.post("/api/companies/duplicates", { nameKana: "ナシ" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("name");
    expect((await w.staff.get("/api/companies/export?format=pdf")).statusCode).toBe(400);
  });
});

describe("access matrix: 名寄せ (dedupe, review, merge, undo)", () => {
  let w: World;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    w = await world();
    id.a = await create(w.staff, { name: "株式会社白河製麺", address: "福島県白河市道場小路96-5" });
    id.b = await create(w.staff, { name: "株式会社白河製綿", address: "福島県白河市道場小路96-5" });
    await w.staff.post("/api/companies/dedupe");
  });

  const decisions = async () =>
    (await t.database.db.execute(sql`select * from meiyose_decisions where org_id = ${w.org.id}`)).rows;

  it("when another organization runs dedupe or reads the queue, then ours is neither changed nor shown", async () => {
    const before = await registryState(w.org.id);
    expect((await w.outsider.post("/api/companies/dedupe")).statusCode).toBe(200);
    expect(await registryState(w.org.id)).toEqual(before);
    expect((await w.outsider.get("/api/companies/review")).json().items).toEqual([]);
    expect((await w.viewer.get("/api/companies/review")).statusCode).toBe(200);
  });

  it("when a viewer or another organization decides a pair, then 404 and no decision is stored", async () => {
    for (const s of [w.viewer, w.outsider]) {
      for (const same of [true, false]) {
        const res = await s.post("/api/companies/review/decision", { a: id.a, b: id.b, same });
        expect(res.statusCode).toBe(404);
      }
    }
    expect(await decisions()).toEqual([]);
    const keys = await entityKeys(w.org.id);
    expect(keys[id.a as string]).not.toBe(keys[id.b as string]);
  });

  it("when a decision is malformed or names a missing record, then 400 / 404 and nothing is stored", async () => {
    for (const body of [
      { a: id.a, b: id.b },
      { a: "x", b: id.b, same: false },
      { a: id.a, b: id.b, same: "yes" },
    ]) {
      expect((await w.staff.post("/api/companies/review/decision", body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const same of [true, false]) {
      const res = await w.staff.post("/api/companies/review/decision", { a: id.a, b: randomUUID(), same });
      expect(res.statusCode).toBe(404);
    }
    expect((await w.staff.post("/api/companies/review/decision", { a: id.a, b: id.a, same: false })).statusCode).toBe(
      404,
    );
    expect(await decisions()).toEqual([]);
  });

  it("when a merge request is malformed, then 400 and nothing changes", async () => {
    const before = await registryState(w.org.id);
    for (const body of [{}, { companyIds: "x" }, { companyIds: [id.a, "not-an-id"] }]) {
      expect((await w.staff.post("/api/companies/merge", body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await registryState(w.org.id)).toEqual(before);
  });

  it("when a viewer or another organization undoes a merge, then 404 and the merge stands; missing or malformed ids, 404 / 400", async () => {
    const merged = (await w.staff.post("/api/companies/merge", { companyIds: [id.a, id.b] })).json();
    const during = await registryState(w.org.id);
    for (const s of [w.viewer, w.outsider]) {
      expect((await s.post(`/api/companies/merges/${merged.mergeId}/undo`)).statusCode).toBe(404);
    }
    expect(await registryState(w.org.id)).toEqual(during);
    expect((await w.staff.post(`/api/companies/merges/${randomUUID()}/undo`)).statusCode).toBe(404);
    expect((await w.staff.post("/api/companies/merges/not-an-id/undo")).statusCode).toBe(400);
    expect(await registryState(w.org.id)).toEqual(during);
    expect((await w.staff.post(`/api/companies/merges/${merged.mergeId}/undo`)).statusCode).toBe(200);
  });

  it("when a manager merges and undoes, then it is allowed like staff", async () => {
    const manager = await signIn(t.app, await makeUser(t.database.db, w.org, { role: "manager" }));
    const merged = await manager.post("/api/companies/merge", { companyIds: [id.a, id.b] });
    expect(merged.statusCode).toBe(200);
    expect((await manager.post(`/api/companies/merges/${merged.json().mergeId}/undo`)).statusCode).toBe(200);
  });
});

describe("access matrix: contacts", () => {
  let w: World;
  let company: string;
  let other: string;
  let contact: string;
  beforeAll(async () => {
    w = await world();
    company = await create(w.staff, { name: "担当者権限株式会社" });
    other = await create(w.staff, { name: "別の担当者株式会社" });
    const res = await w.staff.post(`/api/companies/${company}/contacts`, { name: "佐藤 一郎", role: "経理担当" });
    expect(res.statusCode).toBe(201);
    contact = res.json().id;
  });

  const contactRows = async () =>
    (await t.database.db.execute(sql`select * from company_contacts where org_id = ${w.org.id} order by id`)).rows;

  it("when another organization lists, adds, changes or removes contacts, then 404 and nothing changes", async () => {
    const before = await contactRows();
    expect((await w.outsider.get(`/api/companies/${company}/contacts`)).statusCode).toBe(404);
    expect((await w.outsider.post(`/api/companies/${company}/contacts`, { name: "侵入者" })).statusCode).toBe(404);
    expect((await w.outsider.patch(`/api/companies/${company}/contacts/${contact}`, { role: "x" })).statusCode).toBe(
      404,
    );
    expect((await w.outsider.request("DELETE", `/api/companies/${company}/contacts/${contact}`)).statusCode).toBe(404);
    expect(await contactRows()).toEqual(before);
  });

  it("when a viewer changes or removes a contact, then 404 and nothing changes", async () => {
    const before = await contactRows();
    expect((await w.viewer.patch(`/api/companies/${company}/contacts/${contact}`, { role: "x" })).statusCode).toBe(404);
    expect((await w.viewer.request("DELETE", `/api/companies/${company}/contacts/${contact}`)).statusCode).toBe(404);
    expect(await contactRows()).toEqual(before);
  });

  it("when the company or the contact is missing, or the contact belongs to another company, then 404", async () => {
    const before = await contactRows();
    expect((await w.staff.get(`/api/companies/${randomUUID()}/contacts`)).statusCode).toBe(404);
    expect((await w.staff.post(`/api/companies/${randomUUID()}/contacts`, { name: "x" })).statusCode).toBe(404);
    expect((await w.staff.patch(`/api/companies/${company}/contacts/${randomUUID()}`, { role: "x" })).statusCode).toBe(
      404,
    );
    expect((await w.staff.patch(`/api/companies/${other}/contacts/${contact}`, { role: "x" })).statusCode).toBe(404);
    expect((await w.staff.request("DELETE", `/api/companies/${other}/contacts/${contact}`)).statusCode).toBe(404);
    expect(await contactRows()).toEqual(before);
  });

  it("when a contact body or id is malformed, then 400 and nothing changes", async () => {
    const before = await contactRows();
    expect(
      (await w.staff.post(`/api/companies/${company}/contacts`, { name: "x", email: "not-mail" })).statusCode,
    ).toBe(400);
    const blank = await w.staff.patch(`/api/companies/${company}/contacts/${contact}`, { name: "" });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe("name");
    expect((await w.staff.patch(`/api/companies/${company}/contacts/not-an-id`, { role: "x" })).statusCode).toBe(400);
    expect(await contactRows()).toEqual(before);
  });
});

describe("access matrix: postal codes", () => {
  it("when any role of any organization looks up a code, then the same public answer comes back", async () => {
    const w = await world();
    const manager = await signIn(t.app, await makeUser(t.database.db, w.org, { role: "manager" }));
    const answers = [];
    for (const s of [w.viewer, w.staff, manager, w.outsider]) {
      const res = await s.get("/api/postal-codes/9608053");
      expect(res.statusCode).toBe(200);
      answers.push(res.json());
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
  });
});

describe("undo restores the decisions a merge replaced", () => {
  let w: World;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    w = await world();
    id.x = await create(w.staff, {
      name: "株式会社相馬精工",
      address: "福島県相馬市中村字北町63-3",
      phone: "0244-36-0001",
    });
    id.y = await create(w.staff, { name: "（株）相馬精工", address: "相馬市中村北町63-3", phone: "0244360001" });
    id.z = await create(w.staff, { name: "株式会社南相馬運輸", address: "福島県南相馬市原町区本町2-27" });
    await w.staff.post("/api/companies/dedupe");
  });

  it("when a pair judged different is merged and the merge undone, then the 'different' decision is back and dedupe keeps them apart", async () => {
    await w.staff.post("/api/companies/review/decision", { a: id.x, b: id.y, same: false });
    await w.staff.post("/api/companies/dedupe");
    const before = await registryState(w.org.id);
    const m = (await w.staff.post("/api/companies/merge", { companyIds: [id.x, id.y] })).json();
    expect((await w.staff.post(`/api/companies/merges/${m.mergeId}/undo`)).statusCode).toBe(200);
    expect(await registryState(w.org.id)).toEqual(before);
    await w.staff.post("/api/companies/dedupe");
    const k = await entityKeys(w.org.id);
    expect(k[id.x as string]).not.toBe(k[id.y as string]);
  });

  it("when an earlier merge is undone while a later one built on it is open, then 409 names the later one and nothing changes", async () => {
    const m1 = (await w.staff.post("/api/companies/merge", { companyIds: [id.y, id.z] })).json();
    const m2 = (await w.staff.post("/api/companies/merge", { companyIds: [id.x, id.y] })).json();
    expect(m2.mergeId).toBeDefined();
    const before = await registryState(w.org.id);
    const res = await w.staff.post(`/api/companies/merges/${m1.mergeId}/undo`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("後の統合から先に元に戻してください");
    expect(await registryState(w.org.id)).toEqual(before);
    // last first works
    expect((await w.staff.post(`/api/companies/merges/${m2.mergeId}/undo`)).statusCode).toBe(200);
    expect((await w.staff.post(`/api/companies/merges/${m1.mergeId}/undo`)).statusCode).toBe(200);
  });

  it("when a later merge repeats the pair of an earlier one and is undone, then the earlier merge still holds after dedupe", async () => {
    const m1 = (await w.staff.post("/api/companies/merge", { companyIds: [id.x, id.z] })).json();
    const s1 = await registryState(w.org.id);
    const m2 = (await w.staff.post("/api/companies/merge", { companyIds: [id.x, id.z] })).json();
    expect((await w.staff.post(`/api/companies/merges/${m2.mergeId}/undo`)).statusCode).toBe(200);
    expect(await registryState(w.org.id)).toEqual(s1);
    await w.staff.post("/api/companies/dedupe");
    const k = await entityKeys(w.org.id);
    expect(k[id.x as string], `merge ${m1.mergeId} is still open`).toBe(k[id.z as string]);
  });
});

describe("GET /api/companies/:id/entity: the records of a business and the merges behind it", () => {
  let w: World;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    w = await world();
    id.a = await create(w.staff, { name: "株式会社白河精機", address: "福島県白河市新白河1-1" });
    id.b = await create(w.staff, { name: "白河精機（株）", address: "白河市新白河1-1", phone: "0248-22-0001" });
    id.c = await create(w.staff, { name: "株式会社白河精機販売", address: "福島県白河市新白河1-2" });
  });

  it("when a company was never merged, then it is its own only record and no merge is listed", async () => {
    const res = await w.staff.get(`/api/companies/${id.c}/entity`);
    expect(res.statusCode).toBe(200);
    expect(res.json().records.map((r: { id: string }) => r.id)).toEqual([id.c]);
    expect(res.json().merges).toEqual([]);
  });

  it("when two merges build on each other, then each record's page lists every record, and only the newer merge is undoable", async () => {
    const m1 = (await w.staff.post("/api/companies/merge", { companyIds: [id.a, id.b] })).json();
    const m2 = (await w.staff.post("/api/companies/merge", { companyIds: [id.b, id.c] })).json();
    for (const self of [id.a, id.c]) {
      const e = (await w.viewer.get(`/api/companies/${self}/entity`)).json();
      expect(e.records[0].id).toBe(self);
      expect(new Set(e.records.map((r: { id: string }) => r.id))).toEqual(new Set([id.a, id.b, id.c]));
      expect(e.merges.map((m: { id: string; undoable: boolean }) => [m.id, m.undoable])).toEqual([
        [m2.mergeId, true],
        [m1.mergeId, false],
      ]);
    }
    expect((await w.staff.post(`/api/companies/merges/${m2.mergeId}/undo`)).statusCode).toBe(200);
    const after = (await w.staff.get(`/api/companies/${id.a}/entity`)).json();
    expect(new Set(after.records.map((r: { id: string }) => r.id))).toEqual(new Set([id.a, id.b]));
    expect(after.merges.map((m: { id: string; undoable: boolean }) => [m.id, m.undoable])).toEqual([
      [m1.mergeId, true],
    ]);
  });

  it("when another organization, a missing id or a malformed id is asked, then 404 / 404 / 400", async () => {
    expect((await w.outsider.get(`/api/companies/${id.a}/entity`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/companies/${randomUUID()}/entity`)).statusCode).toBe(404);
    expect((await w.staff.get("/api/companies/not-a-uuid/entity")).statusCode).toBe(400);
  });
});
