import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { parseMapOption } from "../modules/companies/import/mapping.js";
import { exportCompanies, importCompanies, runDedupe } from "../modules/companies/index.js";
import { CliError, orgActor, withRuntime } from "./context.js";
import { encodingOption, importProgress, mapOption, printFileReport } from "./import-file.js";

export function registerCompanyCommands(program: Command): void {
  const companies = program.command("companies").description("事業者台帳 / business registry");
  companies
    .command("import")
    .description(
      "事業者を CSV (UTF-8 / BOM付き / CP932) または xlsx から取り込む（誤りが1行でもあれば何も取り込まない）",
    )
    .requiredOption("--org <slug>", "組織コード")
    .argument("<file>", "CSV または xlsx")
    .option("--encoding <encoding>", "utf-8 | cp932（省略時は自動判定）")
    .option("--map <pairs>", '見出しと列の対応 例: "会社名=name,TEL=phone"')
    .option("--dry-run", "検証だけ行い、保存しない")
    .action((file: string, o: { org: string; encoding?: string; map?: string; dryRun?: boolean }) =>
      withRuntime(async ({ database }) => {
        const encoding = encodingOption(o.encoding);
        const map = mapOption(parseMapOption, o.map);
        const actor = await orgActor(database, o.org);
        const progress = importProgress("取り込み {bar} {value}/{total} 行");
        const report = await importCompanies(database.db, actor, {
          bytes: readFileSync(file),
          fileName: path.basename(file),
          encoding,
          map,
          dryRun: o.dryRun ?? false,
          onProgress: progress.onProgress,
        });
        progress.stop();
        if (printFileReport(report)) return;
        console.log(
          report.dryRun
            ? `dry run: would create ${report.created}, would update ${report.updated}`
            : `created ${report.created}, updated ${report.updated}; linked by 名寄せ to registered businesses: ${report.linked}`,
        );
      }),
    );
  companies
    .command("export")
    .description("事業者台帳を出力する / export the registry")
    .requiredOption("--org <slug>", "組織コード")
    .option("--format <format>", "csv | xlsx", "csv")
    .requiredOption("--out <file>", "出力先")
    .action((o: { org: string; format: string; out: string }) =>
      withRuntime(async ({ database }) => {
        if (o.format !== "csv" && o.format !== "xlsx") throw new CliError("--format は csv か xlsx です");
        const actor = await orgActor(database, o.org);
        writeFileSync(o.out, await exportCompanies(database.db, actor, o.format));
        console.error(`wrote ${o.out}`);
      }),
    );
  program
    .command("dedupe")
    .description("名寄せを再計算する（確認待ちの組も更新）/ recompute the registry's entities")
    .requiredOption("--org <slug>", "組織コード")
    .action((o: { org: string }) =>
      withRuntime(async ({ database }) => {
        const actor = await orgActor(database, o.org);
        const started = Date.now();
        const bar = new SingleBar({
          format: "名寄せ {phase} {bar} {value}/{total}",
          stream: process.stderr,
          hideCursor: true,
        });
        let shown = false;
        const s = await runDedupe(database.db, actor, (phase, done, total) => {
          if (!shown && total > 0) {
            bar.start(total, done, { phase });
            shown = true;
          }
          if (shown) bar.update(done, { phase });
        });
        if (shown) {
          bar.update(s.records, { phase: "done" });
          bar.stop();
        }
        console.log(
          `${s.records} records → ${s.entities} businesses (名寄せ後), ${s.reviewPairs} pair(s) to review, ` +
            `${s.conflicts} conflict(s), ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }),
    );
}
