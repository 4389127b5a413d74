import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { importConsultations, parseConsultationMap } from "../modules/consultations/index.js";
import { orgActor, withRuntime } from "./context.js";
import { encodingOption, importProgress, mapOption, printFileReport } from "./import-file.js";

interface Options {
  org: string;
  encoding?: string;
  map?: string;
  dryRun?: boolean;
  createCompanies?: boolean;
}

/** `shien import consultations`: past 相談・訪問記録 from CSV or xlsx, all rows or none. */
export function registerConsultationImportCommand(program: Command): void {
  const imports =
    program.commands.find((c) => c.name() === "import") ??
    program.command("import").description("過去の記録の取り込み / import past records");
  imports
    .command("consultations")
    .description(
      "相談・訪問記録を CSV (UTF-8 / BOM付き / CP932) または xlsx から取り込む（誤りが1行でもあれば何も取り込まない）",
    )
    .requiredOption("--org <slug>", "組織コード")
    .argument("<file>", "CSV または xlsx（列: date, program_code, company_name, corporate_number, … notes）")
    .option("--encoding <encoding>", "utf-8 | cp932（省略時は自動判定）")
    .option("--map <pairs>", '見出しと列の対応 例: "相談日=date,会社名=company_name"')
    .option("--dry-run", "検証だけ行い、保存しない")
    .option("--create-companies", "台帳にない事業者を新規登録して取り込む（該当が曖昧な行は誤りのまま）")
    .action((file: string, o: Options) =>
      withRuntime(async ({ database }) => {
        const encoding = encodingOption(o.encoding);
        const map = mapOption(parseConsultationMap, o.map);
        const actor = await orgActor(database, o.org);
        const progress = importProgress("取り込み {bar} {percentage}%（読み取り・照合 → 書き込み）");
        const report = await importConsultations(database.db, actor, {
          bytes: readFileSync(file),
          fileName: path.basename(file),
          encoding,
          map,
          dryRun: o.dryRun ?? false,
          createCompanies: o.createCompanies ?? false,
          onProgress: progress.onProgress,
        });
        progress.stop();
        if (printFileReport(report)) return;
        const c = report.companies;
        console.log(
          `${report.dryRun ? "dry run: would import" : "imported"} ${report.imported} consultation(s); ` +
            `businesses matched ${c.matched} row(s), ${report.dryRun ? "would create" : "created"} ${c.created}, ` +
            `persons without a business ${c.persons}`,
        );
        for (const u of report.unmatched) console.log(`  ${u.row}行目: 台帳になかった事業者「${u.name}」（新規登録）`);
      }),
    );
}
