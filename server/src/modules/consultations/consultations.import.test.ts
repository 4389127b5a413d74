import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/index.js";
import { countOf, type Kit, makeKit } from "./consultations.test-kit.js";
import { type ConsultationImportOptions, importConsultations } from "./index.js";

let k: Kit;
const KANEKO = "5070001000715";
const HEADER =
  "date,program_code,company_name,corporate_number,postal_code,address,phone,channel,status,topics,staff,notes,person_name";
let staff: { login: string; name: string };

/** Rows: matched by 法人番号, matched by 名寄せ, a new business twice, a person, a row of last fiscal year. */
const rows = () => [
  `2026-05-01,Y,カネコ種苗（株）,${KANEKO},,,,窓口,継続,資金繰り;売上拡大,${staff.login},種苗の販路,`,
  `2026-05-02,Y,㈱ふくしま精密,,,,024-111-2222,訪問,課題解決,生産性向上,${staff.name},工程改善,`,
  `2026/5/3,Y,株式会社新規テック,,960-8053,福島県福島市三河南町1-20,,電話,継続,デジタル化,${staff.login},IT導入,`,
  `2026-05-04,Y,株式会社新規テック,,,,,オンライン,支援完了,デジタル化,${staff.login},導入完了,`,
  `2026-05-05,Y,,,,,,window,ongoing,創業,${staff.login},創業計画,鈴木 花子`,
  `2026-03-15,Y,カネコ種苗株式会社,${KANEKO},,,,phone,closed,,${staff.login},年度末の確認,`,
];
/** The first two rows with notes of their own, for a test that needs good rows beside its bad ones (an identical row already recorded is refused as imported twice). */
const goodRows = (tag: string) =>
  rows()
    .slice(0, 2)
    .map((r) => r.replace(/,([^,]*),$/, `,$1（${tag}）,`));
const csv = (lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join("\r\n")}\r\n`, "utf8");
const run = (bytes: Buffer, over: Partial<ConsultationImportOptions> = {}) =>
  importConsultations(k.t.database.db, systemActor(k.s.org.id, "test"), {
    bytes,
    fileName: "consultations.csv",
    dryRun: false,
    createCompanies: false,
    ...over,
  });
const companies = () =>
  k
    .rows<{ n: number }>(sql`select count(*)::int as n from companies where org_id = ${k.s.org.id}`)
    .then((r) => Number(r[0]?.n));
const nothingStored = async (before: { records: number; facts: number; companies: number }) => {
  expect(await countOf(k, "consultations")).toBe(before.records);
  expect(await countOf(k, "activities")).toBe(before.facts);
  expect(await companies()).toBe(before.companies);
};
const snapshot = async () => ({
  records: await countOf(k, "consultations"),
  facts: await countOf(k, "activities"),
  companies: await companies(),
});

beforeAll(async () => {
  k = await makeKit();
  const sys = systemActor(k.s.org.id, "test");
  await createCompany(k.t.database.db, sys, { name: "カネコ種苗株式会社", corporateNumber: KANEKO });
  const user = (
    await k.rows<{ login: string; display_name: string }>(
      sql`select login, display_name from users where id = ${k.s.users.yorozuStaff.id}`,
    )
  )[0];
  staff = { login: user?.login as string, name: user?.display_name as string };
});
afterAll(() => k.t.close());

describe("importing past consultations", () => {
  it("when some rows match no registered business, then the file is refused with those rows named and nothing is stored", async () => {
    const before = await snapshot();
    const report = await run(csv(rows()));
    expect(report.imported).toBe(0);
    expect(report.unmatched).toEqual([
      { row: 4, name: "株式会社新規テック" },
      { row: 5, name: "株式会社新規テック" },
    ]);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [4, "company_name"],
      [5, "company_name"],
    ]);
    expect(report.errors[0]?.reason).toContain("登録済みの事業者に該当しません");
    await nothingStored(before);
  });

  it("when a dry run is asked with createCompanies, then it reports the outcome and stores nothing", async () => {
    const before = await snapshot();
    const report = await run(csv(rows()), { dryRun: true, createCompanies: true });
    expect(report).toMatchObject({ errors: [], imported: 6, companies: { matched: 3, created: 1, persons: 1 } });
    await nothingStored(before);
  });

  it("when createCompanies is given, then every row is stored with its facts, the new business once, each row in its fiscal year", async () => {
    const before = await snapshot();
    const report = await run(csv(rows()), { createCompanies: true });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ imported: 6, companies: { matched: 3, created: 1, persons: 1 } });
    expect(await countOf(k, "consultations")).toBe(before.records + 6);
    expect(await companies()).toBe(before.companies + 1);
    const stored = await k.rows<{
      name: string | null;
      person_name: string | null;
      program_id: string;
      status: string;
      channel: string;
    }>(
      sql`select c.person_name, c.program_id, c.status, c.channel,
                 (select name from companies x where x.id = c.company_id) as name
            from consultations c where c.org_id = ${k.s.org.id} order by c.occurred_on`,
    );
    expect(stored.map((r) => r.name)).toEqual([
      "カネコ種苗株式会社",
      "カネコ種苗株式会社",
      "株式会社ふくしま精密",
      "株式会社新規テック",
      "株式会社新規テック",
      null,
    ]);
    expect(stored[0]?.program_id).toBe(k.s.program2025.Y);
    expect(stored[1]?.program_id).toBe(k.s.program.Y);
    expect(stored[5]?.person_name).toBe("鈴木 花子");
    expect(stored[2]).toMatchObject({ status: "resolved", channel: "visit" });
    const facts = await k.rows<{ type: string; n: number }>(
      sql`select type, count(*)::int as n from activities
           where org_id = ${k.s.org.id} and source_module = 'consultations' and voided_at is null group by type order by type`,
    );
    expect(facts).toEqual([
      { type: "consultation", n: 5 },
      { type: "issue_resolved", n: 1 },
      { type: "support_completed", n: 1 },
      { type: "visit", n: 1 },
    ]);
    const audit = await k.rows(
      sql`select action from audit_log where org_id = ${k.s.org.id} and entity = 'consultation_import'`,
    );
    expect(audit).toEqual([{ action: "create" }]);
  });

  it("when a row's business is ambiguous, then the file is refused even with createCompanies", async () => {
    const before = await snapshot();
    const report = await run(
      csv([...goodRows("曖昧"), `2026-06-01,Y,有限会社会津漆器工房,,,,,窓口,継続,,${staff.login},漆器,`]),
      { createCompanies: true },
    );
    expect(report.imported).toBe(0);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 4, column: "company_name", value: "有限会社会津漆器工房" });
    expect(report.errors[0]?.reason).toContain("名称だけでは");
    await nothingStored(before);
  });

  it("when rows are wrong in different ways, then each is reported with row, column, value and a Japanese reason, and nothing is stored", async () => {
    const before = await snapshot();
    const report = await run(
      csv([
        ...goodRows("誤り"),
        `2026-06-01,Y,株式会社エラー検証,,,,,窓口,継続,占い,${staff.login},,`,
        `2026-06-02,ZZ,株式会社エラー検証,,,,,窓口,継続,,${staff.login},,`,
        `2026-13-01,Y,株式会社エラー検証,,,,,窓口,継続,,${staff.login},,`,
        `2026-06-03,Y,株式会社エラー検証,,,,,FAX,継続,,${staff.login},,`,
        "2026-06-03,Y,株式会社エラー検証,,,,,電話,継続,,だれか,,",
        `2026-06-04,Y,株式会社エラー検証,,,,,出張相談会,継続,,${staff.login},,`,
      ]),
      { createCompanies: true },
    );
    // Rows are read and matched first, then written: the rules' errors come after the reading errors.
    expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [5, "program_code", "ZZ"],
      [6, "date", "2026-13-01"],
      [7, "channel", "FAX"],
      [8, "staff", "だれか"],
      [4, "topics", "占い"],
      [9, "location", ""],
    ]);
    expect(report.errors.find((e) => e.column === "topics")?.reason).toContain("占い");
    expect(report.errors.find((e) => e.column === "program_code")?.reason).toContain("令和8年度");
    await nothingStored(before);
  });

  it("when a CP932 file uses Japanese headers, then they are mapped and the file imports", async () => {
    const before = await snapshot();
    const text = [
      "相談日,事業,事業者,法人番号,対応方法,状況,分野,担当者,相談内容",
      `2026-07-01,Y よろず支援拠点事業,カネコ種苗株式会社,${KANEKO},電話,継続,BCP,${staff.name},BCP策定`,
    ].join("\r\n");
    const report = await run(iconv.encode(text, "cp932"));
    expect(report).toMatchObject({ encoding: "shift_jis", errors: [], imported: 1 });
    expect(report.mapping).toMatchObject({ 相談日: "date", 事業: "program_code", 担当者: "staff" });
    expect(await countOf(k, "consultations")).toBe(before.records + 1);
  });

  it("when a required column is missing, then the header row is reported and nothing is read", async () => {
    const report = await run(Buffer.from("date,company_name,notes\n2026-05-01,x,y\n"));
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 1, column: "(見出し)" });
    expect(report.errors[0]?.reason).toContain("program_code");
  });
});
