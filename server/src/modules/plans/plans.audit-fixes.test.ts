import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PlanOverview, ProgramDetail } from "@shien/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { type Session, signIn } from "../../../test/factories.js";
import { seedOnFirstStart } from "../../setup/first-start.js";
import { seedPlansDir } from "../../setup/seed-plans.js";
import { importPlanText, PlanFileError } from "./index.js";

/**
 * Findings of the plan audit: totals by funding source per budget line, sub-programs and 内訳
 * targets in the xlsx, indicators with recorded figures kept on re-import, and amounts the parser
 * cannot read refused by `plan check` with their path and line.
 */

let t: TestContext;
let fukushima: Session;
let mie: Session;
let fukushimaId: string;
let mieId: string;
const seed = (name: string) => {
  const file = path.join(seedPlansDir, name);
  return { file, text: readFileSync(file, "utf8") };
};
const seeds = { fukushima: seed("fukushima-2026.yaml"), mie: seed("mie-2026.yaml") };

beforeAll(async () => {
  t = await createTestContext();
  await seedOnFirstStart(t.database.db, "seed-admin-password");
  for (const s of Object.values(seeds)) await importPlanText(t.database.db, s.text, s.file);
  const admin = (slug: string) => ({ org: { slug }, login: "admin", password: "seed-admin-password" });
  fukushima = await signIn(t.app, admin("fukushima"));
  mie = await signIn(t.app, admin("mie"));
  fukushimaId = (await fukushima.get("/api/plans")).json().items[0].id;
  mieId = (await mie.get("/api/plans")).json().items[0].id;
});
afterAll(() => t.close());

describe("totals by funding source", () => {
  it("when Fukushima's plan is opened, then each budget line counts under its own source: 県 1,211,196 / 国 923,876千円 of 3,062,846千円", async () => {
    const o = (await fukushima.get(`/api/plans/${fukushimaId}`)).json() as PlanOverview;
    const row = (key: string) => o.totals.bySource.find((r) => r.key === key);
    expect(o.totals.all.currentYen).toBe(3_062_846_000);
    // I-1-3 生産性向上支援事業 is 国 54,000 + 県 420,069千円: it counts under both, never as 国・県.
    expect(row("prefecture")).toMatchObject({ label: "県", currentYen: 1_211_196_000, programCount: 11 });
    expect(row("national")).toMatchObject({ label: "国", currentYen: 923_876_000, programCount: 8 });
    expect(row("national+prefecture")).toBeUndefined();
    // A line of its own with two sources stays combined; a line with none is 財源記載なし.
    expect(row("prefecture+own")).toMatchObject({ label: "県・自主財源", currentYen: 36_422_000 });
    expect(row("none")).toMatchObject({ currentYen: 858_353_000 });
    expect(o.totals.bySource.reduce((s, r) => s + r.currentYen, 0)).toBe(3_062_846_000);
    expect(o.totals.bySource.map((r) => r.key)).toEqual(["national", "prefecture", "other", "prefecture+own", "none"]);
  });

  it("when a single line of Mie's names 県 and 市, then it stays one 県・市 row and 県 alone is still 690,118千円", async () => {
    const o = (await mie.get(`/api/plans/${mieId}`)).json() as PlanOverview;
    const row = (key: string) => o.totals.bySource.find((r) => r.key === key);
    expect(row("prefecture")?.currentYen).toBe(690_118_000);
    expect(row("prefecture+municipal")).toMatchObject({ label: "県・市", currentYen: 27_177_000, programCount: 1 });
    expect(o.totals.bySource.reduce((s, r) => s + r.currentYen, 0)).toBe(o.totals.all.currentYen);
  });
});

describe("totals rows whose programs state no amount", () => {
  it("when Fukushima's V 公の施設 programs state no budget, then their 体系別 and 担当課別 rows carry no budget lines (記載なし, not 0)", async () => {
    const o = (await fukushima.get(`/api/plans/${fukushimaId}`)).json() as PlanOverview;
    const section = (n: string) => o.totals.bySection.find((r) => r.label.startsWith(`${n} `));
    const department = (name: string) => o.totals.byDepartment.find((r) => r.label === name);
    expect(section("V")).toMatchObject({ currentYen: 0, budgetLineCount: 0, programCount: 3 });
    expect(department("施設管理課")).toMatchObject({ currentYen: 0, budgetLineCount: 0, programCount: 3 });
    // Rows with stated amounts count their lines; the whole plan's lines are the sections' lines.
    expect(section("I")?.budgetLineCount).toBeGreaterThan(0);
    expect(o.totals.all.budgetLineCount).toBe(o.totals.bySection.reduce((s, r) => s + r.budgetLineCount, 0));
    expect(o.totals.bySource.every((r) => r.budgetLineCount > 0)).toBe(true);
  });
});

describe("the xlsx export", () => {
  async function workbook(): Promise<ExcelJS.Workbook> {
    const res = await fukushima.get(`/api/plans/${fukushimaId}/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }
  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const out: ExcelJS.Row[] = [];
    ws.eachRow((r) => {
      out.push(r);
    });
    return out;
  };

  it("when Fukushima's plan is exported, then each sub-program has an indented row with its own 事業費, 財源 and 出し手", async () => {
    const list = (await workbook()).getWorksheet("事業一覧") as ExcelJS.Worksheet;
    const named = (name: string) => rowsOf(list).find((r) => r.getCell(3).value === name) as ExcelJS.Row;
    const figures = (name: string) => {
      const r = named(name);
      return {
        numbering: r.getCell(2).value,
        source: r.getCell(6).value,
        payer: r.getCell(7).value,
        budget: r.getCell(8).value,
      };
    };
    expect(figures("生産性向上支援センター事業")).toEqual({
      numbering: "①",
      source: "国",
      payer: "東北経済産業局受託金",
      budget: 54_000,
    });
    expect(figures("中小企業等生産性向上推進事業")).toMatchObject({
      source: "県",
      payer: "福島県補助金",
      budget: 420_069,
    });
    expect(figures("事業承継・引継ぎ支援センター事業")).toMatchObject({ source: "国", budget: 151_613 });
    expect(named("中小企業等生産性向上推進事業").getCell(3).alignment?.indent).toBe(2);
    // A sub-program of a sub-program is indented further; it prints no amount of its own.
    expect(named("生産性向上計画実施補助金").getCell(3).alignment?.indent).toBe(4);
    expect(named("生産性向上計画実施補助金").getCell(8).value).toBeNull();
    // The program row keeps its sum; the sheet's 財源別 totals follow the lines.
    expect(named("生産性向上支援事業").getCell(8).value).toBe(474_069);
    const sourceTotal = (label: string) =>
      rowsOf(list)
        .filter((r) => r.getCell(3).value === label)
        .map((r) => r.getCell(8).value);
    expect(sourceTotal("県")).toEqual([1_211_196]);
    expect(sourceTotal("国")).toEqual([923_876]);
  });

  it("when an indicator's targets are given only by 内訳, then the 指標 sheet has a row per 内訳 with its number", async () => {
    const ind = (await workbook()).getWorksheet("指標") as ExcelJS.Worksheet;
    const target = (name: string) =>
      rowsOf(ind)
        .find((r) => r.getCell(4).value === name)
        ?.getCell(6).value;
    expect(target("助成金採択件数")).toBe("内訳のとおり");
    expect(target("助成金採択件数（国内）")).toBe(42);
    expect(target("助成金採択件数（外国）")).toBe(6);
    expect(target("助成金応募件数（国内）")).toBe(44);
    const applications = rowsOf(ind).filter((r) => /出願件数（(国内|外国)）$/.test(String(r.getCell(4).value)));
    expect(applications.map((r) => r.getCell(6).value)).toEqual([40, 6]);
  });

  it("when targets are whole counts or percentages, then no number format leaves a trailing point", async () => {
    const ind = (await workbook()).getWorksheet("指標") as ExcelJS.Worksheet;
    const numeric = rowsOf(ind)
      .slice(2)
      .flatMap((r) => [6, 7, 8].map((c) => ({ unit: String(r.getCell(5).value), cell: r.getCell(c) })))
      .filter((x) => typeof x.cell.value === "number");
    expect(numeric.length).toBeGreaterThan(30);
    for (const { unit, cell } of numeric) {
      expect(cell.numFmt).toMatch(/^#,##0(\.0+)?$/);
      if (unit === "%") expect(cell.numFmt).toMatch(/\.0+$/);
      else if (Number.isInteger(cell.value)) expect(cell.numFmt).toBe("#,##0");
    }
    const occupancy = rowsOf(ind).find((r) => r.getCell(4).value === "福島市産業交流プラザの施設稼働率");
    expect(occupancy?.getCell(6)).toMatchObject({ value: 65, numFmt: "#,##0.0" });
  });
});

describe("re-importing a plan whose indicator has recorded figures", () => {
  const plansText = () => seeds.mie.text;
  async function meetingIndicator() {
    const p = (await mie.get(`/api/plans/${mieId}/programs/3`)).json() as ProgramDetail;
    return p.indicators.find((i) => i.name === "連絡会議開催") as ProgramDetail["indicators"][number];
  }
  const count = async (table: string) =>
    Number((await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))).rows[0]?.n);

  it("when the indicator is renamed in the file, then the import is refused naming it and the figures stay", async () => {
    const indicator = await meetingIndicator();
    const entered = await mie.post(`/api/kpi/indicators/${indicator.id}/manual`, {
      month: "2026-05",
      value: 1,
      evidence: "第1回 連絡会議 議事録",
    });
    expect(entered.statusCode).toBe(200);
    const renamed = plansText().replace("name: 連絡会議開催", "name: 連絡会議の開催回数");
    expect(renamed).not.toBe(plansText());
    const revisions = await count("plan_revisions");

    const error = await importPlanText(t.database.db, renamed, "mie.yaml", { reviseReason: "指標名の変更" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlanFileError);
    const issue = (error as PlanFileError).errors[0];
    expect(issue?.path).toMatch(/^tree\[\d+\]\.group\.children\[\d+\]\.program\.indicators$/);
    expect(issue?.message).toContain("指標「連絡会議開催」");
    expect(issue?.message).toContain("実績が 1 件");
    expect(issue?.message).toContain("元に戻して");

    expect((await meetingIndicator()).id).toBe(indicator.id);
    expect(await count("plan_revisions")).toBe(revisions);
    const figures = (await mie.get(`/api/kpi/indicators/${indicator.id}/manual?fiscalYear=2026`)).json();
    expect(figures.items).toMatchObject([{ month: "2026-05", value: 1 }]);
  });

  it("when an indicator without figures is renamed in the file, then the import goes through", async () => {
    const renamed = plansText().replace("name: セミナー開催", "name: セミナーの開催");
    expect(renamed).not.toBe(plansText());
    await importPlanText(t.database.db, renamed, "mie.yaml", { reviseReason: "指標名の変更" });
    const p = (await mie.get(`/api/plans/${mieId}/programs/3`)).json() as ProgramDetail;
    expect(p.indicators.map((i) => i.name)).toContain("セミナーの開催");
    await importPlanText(t.database.db, plansText(), "mie.yaml", { reviseReason: "元に戻す" });
  });
});

describe("amounts the pattern accepts but the parser cannot read", () => {
  // The first amount line of Mie's plan: よろず支援拠点事業 事業費 124,990千円 (前年度 74,990千円).
  const amountPath = "tree[0].group.children[0].program.amounts[0]";
  const withAmount = (from: string, to: string) => {
    const text = seeds.mie.text.replace("fiscalYear: 2026", "fiscalYear: 2030").replace(from, to);
    expect(text).not.toBe(seeds.mie.text);
    return { text, line: text.split("\n").findIndex((l) => l.includes(to)) + 1 };
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), "shien-plan-check-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  function check(text: string) {
    const file = path.join(dir, "plan.yaml");
    writeFileSync(file, text);
    const root = path.resolve(seedPlansDir, "../../..");
    const r = spawnSync(process.execPath, ["bin/shien.js", "plan", "check", file], { cwd: root, encoding: "utf8" });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  }
  async function importError(text: string) {
    const plans = await t.database.db.execute(sql`select count(*)::int as n from plans`);
    const error = await importPlanText(t.database.db, text, "bad.yaml").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanFileError);
    expect((await t.database.db.execute(sql`select count(*)::int as n from plans`)).rows).toEqual(plans.rows);
    return (error as PlanFileError).errors[0];
  }

  for (const [printed, field, reason] of [
    ["5千3億円", "amount", /億・万・千の順/],
    ["0.5円", "amount", /1円未満/],
    ["74,990.5円", "previous", /1円未満/],
  ] as const) {
    it(`when ${field} is "${printed}", then check fails and import refuses it, both with its YAML path and line`, async () => {
      const { text, line } =
        field === "amount" ? withAmount("124,990千円", printed) : withAmount("74,990千円", printed);
      const checked = check(text);
      expect(checked.status).not.toBe(0);
      expect(checked.out).toContain(`line ${line}: ${amountPath}.${field}: `);
      expect(checked.out).toMatch(reason);
      expect(checked.out).not.toContain("OK");
      const issue = await importError(text);
      expect(issue).toMatchObject({ path: `${amountPath}.${field}`, line });
      expect(issue?.message).toMatch(reason);
    }, 60_000);
  }
});
