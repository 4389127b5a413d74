import { readFileSync } from "node:fs";
import path from "node:path";
import type { SubsidyImportReport } from "@shien/contracts";
import type { Command } from "commander";
import { importApplications, parseSubsidyImportMap } from "../modules/subsidies/index.js";
import { orgActor, withRuntime } from "./context.js";
import { encodingOption, importProgress, mapOption } from "./import-file.js";

interface Options {
  org: string;
  encoding?: string;
  map?: string;
  dryRun?: boolean;
  createCompanies?: boolean;
}

const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

/**
 * The report in Japanese: the file as read, then every error (nothing imported), or one line per
 * application and the totals. Exit status 1 when the file had errors.
 */
export function formatImportReport(report: SubsidyImportReport): string[] {
  const lines = [
    `${report.fileName}（${report.encoding === "xlsx" ? "xlsx" : report.encoding === "shift_jis" ? "CP932" : "UTF-8"}）: ${report.rows}行`,
    `  列の対応: ${Object.entries(report.mapping)
      .map(([h, c]) => `${h}→${c}`)
      .join(", ")}`,
  ];
  if (report.ignoredColumns.length > 0) lines.push(`  取り込まない列: ${report.ignoredColumns.join(", ")}`);
  if (report.errors.length > 0) {
    for (const e of report.errors) lines.push(`  ${e.row}行目 [${e.column}] 「${e.value}」: ${e.reason}`);
    lines.push(
      `誤りが ${report.errors.length} 件あるため、何も取り込んでいません。ファイルを直してもう一度実行してください`,
    );
    return lines;
  }
  for (const a of report.applications) {
    const variant = [a.round, a.course, a.type].filter(Boolean).join("・");
    lines.push(
      `  ${a.ref}（${a.rows.join(",")}行目）${a.company.name}${a.company.match === "created" ? "（新規登録）" : ""} ` +
        `${a.program.code}${variant ? ` ${variant}` : ""} 経費${a.lines}件 ${yen(a.costYen)} → 申請額 ${yen(a.computedYen)}`,
    );
  }
  const total = report.applications.reduce((sum, a) => sum + a.computedYen, 0);
  const c = report.companies;
  lines.push(
    report.dryRun
      ? `検証のみ（保存していません）: 申請 ${report.created} 件を取り込めます（申請額の合計 ${yen(total)}）。事業者は台帳と照合 ${c.matched} 件、新規登録 ${c.created} 件になります`
      : `申請 ${report.created} 件を取り込みました（申請額の合計 ${yen(total)}）。事業者は台帳と照合 ${c.matched} 件、新規登録 ${c.created} 件`,
  );
  return lines;
}

/** `shien subsidy import`: 補助金申請 from CSV or xlsx, one row per expense line, all applications or none. */
export function registerSubsidyImportCommand(program: Command): void {
  const subsidy =
    program.commands.find((c) => c.name() === "subsidy") ??
    program.command("subsidy").description("補助金・助成金 / subsidies");
  subsidy
    .command("import")
    .description(
      "補助金申請を CSV (UTF-8 / BOM付き / CP932) または xlsx から取り込む（1行が経費1件、同じ申請番号の行が1件の申請。誤りが1件でもあれば何も取り込まない）/ import subsidy applications",
    )
    .requiredOption("--org <slug>", "組織コード")
    .argument(
      "<file>",
      "CSV または xlsx（列: application_ref, corporate_number, company_name, program_code, round, course, type, title, received_on, tax_treatment, category, amount_yen, note …）",
    )
    .option("--encoding <encoding>", "utf-8 | cp932（省略時は自動判定）")
    .option("--map <pairs>", '見出しと列の対応 例: "申請No=application_ref,金額(税抜)=amount_yen"')
    .option("--dry-run", "検証だけ行い、保存しない")
    .option("--create-companies", "台帳にない事業者を新規登録して取り込む（該当が曖昧な行は誤りのまま）")
    .action((file: string, o: Options) =>
      withRuntime(async ({ database }) => {
        const encoding = encodingOption(o.encoding);
        const mapping = mapOption(parseSubsidyImportMap, o.map);
        const actor = await orgActor(database, o.org);
        const progress = importProgress("取り込み {bar} {value}/{total} 件の申請");
        const report = await importApplications(database.db, actor, {
          bytes: readFileSync(file),
          fileName: path.basename(file),
          encoding,
          mapping,
          dryRun: o.dryRun ?? false,
          createCompanies: o.createCompanies ?? false,
          onProgress: progress.onProgress,
        });
        progress.stop();
        for (const line of formatImportReport(report)) console.log(line);
        if (report.errors.length > 0) process.exitCode = 1;
      }),
    );
}
