import {
  fiscalYearOf,
  fiscalYearWareki,
  SUBSIDY_YEN_MAX,
  type SubsidyCalcStep,
  type SubsidyCliCalcOutput,
  todayInTokyo,
} from "@shien/contracts";
import type { Command } from "commander";
import type { Db } from "../db/client.js";
import { systemActor } from "../http/actor.js";
import { parseYen } from "../lib/import-values.js";
import { findOrganizationBySlug, listOrganizations } from "../modules/organizations/index.js";
import { supportPrograms } from "../modules/plans/index.js";
import { listPlans } from "../modules/plans/plans.service.js";
import { calcFromCli } from "../modules/subsidies/arithmetic/index.js";
import { subsidyTermsOfYear } from "../modules/subsidies/index.js";
import { CliError, withRuntime } from "./context.js";

/** The options as commander hands them over (every value a string). */
export interface SubsidyCalcOptions {
  org: string;
  program: string;
  course?: string | undefined;
  type?: string | undefined;
  cost: string;
  taxIncluded?: boolean | undefined;
  companyUsed?: string | undefined;
  fiscalYear?: string | undefined;
  json?: boolean | undefined;
}

/** The options checked and converted, before any database is opened. */
export interface SubsidyCalcRequest {
  org: string;
  programCode: string;
  fiscalYear: number;
  course?: string | undefined;
  type?: string | undefined;
  costYen: number;
  taxIncluded: boolean;
  companyUsedYen?: number | undefined;
}

export interface SubsidyCalcRun {
  org: { slug: string; name: string };
  fiscalYear: number;
  program: { code: string; name: string };
  output: SubsidyCliCalcOutput;
}

const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

/** A yen amount of an option: a non-negative integer, with or without thousands commas (3,000,000). */
export function parseYenOption(option: string, raw: string): number {
  const example = "例 3000000 または 3,000,000";
  const parsed = parseYen(raw, SUBSIDY_YEN_MAX);
  if ("yen" in parsed) return parsed.yen;
  switch (parsed.problem) {
    case "negative":
      throw new CliError(`${option} は0以上の金額（円）です。負の数は指定できません（${example}）。指定: ${raw}`);
    case "decimal":
      throw new CliError(`${option} は円単位の整数です。小数は指定できません（${example}）。指定: ${raw}`);
    case "format":
      throw new CliError(
        `${option} は円単位の整数で指定してください（${example}。カンマは3桁区切りのみ）。指定: ${raw}`,
      );
    case "too_large":
      throw new CliError(`${option} は ${yen(SUBSIDY_YEN_MAX)} 以下で指定してください。指定: ${raw}`);
  }
}

/** Checks the options; `--fiscal-year` defaults to the current 年度 in Japan. */
export function parseCalcOptions(o: SubsidyCalcOptions, today: string = todayInTokyo()): SubsidyCalcRequest {
  let fiscalYear = fiscalYearOf(today);
  if (o.fiscalYear !== undefined) {
    fiscalYear = Number(o.fiscalYear.normalize("NFKC").trim());
    if (!/^\d{4}$/.test(o.fiscalYear.normalize("NFKC").trim()) || fiscalYear < 2000 || fiscalYear > 2100)
      throw new CliError(
        `--fiscal-year は西暦の年度です（例 2026 = 令和8年度。省略時は今年度）。指定: ${o.fiscalYear}`,
      );
  }
  const programCode = o.program.normalize("NFKC").trim();
  if (programCode === "") throw new CliError("--program には計画の事業コードを指定してください（例 11、II-2-1-2）");
  const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  return {
    org: o.org.trim(),
    programCode,
    fiscalYear,
    course: blankToUndefined(o.course),
    type: blankToUndefined(o.type),
    costYen: parseYenOption("--cost", o.cost),
    taxIncluded: o.taxIncluded ?? false,
    companyUsedYen: o.companyUsed === undefined ? undefined : parseYenOption("--company-used", o.companyUsed),
  };
}

const codeKey = (code: string) => code.normalize("NFKC").trim().toUpperCase();

/**
 * Looks up the organization, its plan of the year and the program's configured terms (as the
 * managers left them in the database, synced from the seed terms first), and runs the arithmetic.
 */
export async function subsidyCalc(db: Db, req: SubsidyCalcRequest): Promise<SubsidyCalcRun> {
  const org = await findOrganizationBySlug(db, req.org);
  if (!org) {
    const slugs = (await listOrganizations(db)).map((x) => x.slug);
    throw new CliError(
      `--org「${req.org}」の組織はありません。組織コードを指定してください: ${slugs.join(", ") || "（組織がありません）"}（shien org list で確認できます）`,
    );
  }
  const actor = systemActor(org.id);
  const wareki = fiscalYearWareki(req.fiscalYear);
  const years = (await listPlans(db, actor)).map((p) => p.fiscalYear);
  if (!years.includes(req.fiscalYear)) {
    const have = years.length > 0 ? `計画のある年度: ${years.sort().join(", ")}` : "計画が1件もありません";
    throw new CliError(
      `${org.slug} の ${req.fiscalYear} 年度（${wareki}）の事業計画がありません（${have}）。--fiscal-year で計画のある年度を指定するか、shien plan import で計画を取り込んでください`,
    );
  }
  const configured = await subsidyTermsOfYear(db, org.id, req.fiscalYear);
  const choices =
    configured.length > 0
      ? `補助金の条件がある事業コード: ${configured.map((p) => `${p.code}（${p.name}）`).join("、")}`
      : `${wareki}の計画には補助金の条件が設定された事業がありません`;
  const found = configured.find((p) => codeKey(p.code) === codeKey(req.programCode));
  if (!found) {
    const planned = (await supportPrograms(db, org.id, req.fiscalYear)).find(
      (p) => codeKey(p.code) === codeKey(req.programCode),
    );
    throw new CliError(
      planned
        ? `--program「${planned.code}」（${planned.name}）には補助金の条件が設定されていません。${choices}`
        : `--program「${req.programCode}」は ${org.slug} の${wareki}の計画にない事業コードです。${choices}`,
    );
  }
  const output = calcFromCli(found.terms, {
    course: req.course,
    type: req.type,
    costYen: req.costYen,
    taxIncluded: req.taxIncluded,
    companyUsedYen: req.companyUsedYen,
  });
  return {
    org: { slug: org.slug, name: org.name },
    fiscalYear: req.fiscalYear,
    program: { code: found.code, name: found.name },
    output,
  };
}

function stepLine(s: SubsidyCalcStep): string {
  const label = s.fraction ? `${s.label.ja} ${s.fraction.numerator}/${s.fraction.denominator}` : s.label.ja;
  const parts = [s.yen === undefined ? undefined : yen(s.yen), s.note].filter((p) => p !== undefined);
  return `  ${label}: ${parts.join("  ")}`;
}

/** The working in Japanese, one step a line (label: amount  note), then the result. */
export function formatCalcRun(run: SubsidyCalcRun, req: Pick<SubsidyCalcRequest, "course" | "type">): string[] {
  const variant = [req.course, req.type].filter(Boolean).join("・");
  const lines = [
    `${run.org.name}（${run.org.slug}）${fiscalYearWareki(run.fiscalYear)} ${run.program.code} ${run.program.name}${variant ? `（${variant}）` : ""}`,
  ];
  const out = run.output;
  if ("refused" in out) {
    lines.push(`補助の対象外（0円）: ${out.refused}`);
    return lines;
  }
  lines.push(...out.steps.filter((s) => s.key !== "final").map(stepLine));
  lines.push(`補助金額: ${yen(out.amount)}`);
  return lines;
}

/** `shien subsidy calc`: the subsidy for one cost figure under a program's configured terms. */
export function registerSubsidyCommand(program: Command): void {
  const subsidy = program.command("subsidy").description("補助金・助成金 / subsidies");
  subsidy
    .command("calc")
    .description(
      "補助金額を計算する（計画年度の事業に設定された条件で。算定の過程を表示）/ compute a subsidy with the program's configured terms",
    )
    .requiredOption("--org <slug>", "組織コード")
    .requiredOption("--program <code>", "計画の事業コード（例 11、II-2-1-2）")
    .option("--course <name>", "コース（例 賃上げコース）")
    .option("--type <name>", "申請種別（例 特許）")
    .requiredOption("--cost <yen>", "補助対象経費（円。3,000,000 のようにカンマ区切りも可）")
    .option("--tax-included", "--cost が消費税10%込みの額（税抜にして計算する）")
    .option("--company-used <yen>", "この事業で同じ事業者に交付決定済みの補助金額（1事業者あたりの上限の残額に使う）")
    .option("--fiscal-year <year>", "年度（西暦、例 2026 = 令和8年度。省略時は今年度）")
    .option("--json", "JSON で出力 / print JSON")
    .action(async (o: SubsidyCalcOptions) => {
      const req = parseCalcOptions(o);
      await withRuntime(async ({ database }) => {
        const run = await subsidyCalc(database.db, req);
        if (o.json) console.log(JSON.stringify(run.output, null, 2));
        else for (const line of formatCalcRun(run, req)) console.log(line);
      });
    });
}
