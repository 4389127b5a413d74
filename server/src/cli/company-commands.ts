import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { parseMapOption } from "../modules/companies/import/mapping.js";
import { exportCompanies, importCompanies, runDedupe } from "../modules/companies/index.js";
import { CliError, orgActor, withRuntime } from "./context.js";

const ENCODINGS: Record<string, "utf-8" | "shift_jis"> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  cp932: "shift_jis",
  sjis: "shift_jis",
  shift_jis: "shift_jis",
  "shift-jis": "shift_jis",
};

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
        const encoding = o.encoding ? ENCODINGS[o.encoding.toLowerCase()] : undefined;
        if (o.encoding && !encoding) throw new CliError(`--encoding は utf-8 か cp932 です（指定: ${o.encoding}）`);
        let map: Record<string, string>;
        try {
          map = parseMapOption(o.map);
        } catch (err) {
          throw new CliError((err as Error).message);
        }
        const actor = await orgActor(database, o.org);
        const bar = new SingleBar({
          format: "取り込み {bar} {value}/{total} 行",
          stream: process.stderr,
          hideCursor: true,
        });
        let started = false;
        const report = await importCompanies(database.db, actor, {
          bytes: readFileSync(file),
          fileName: path.basename(file),
          encoding,
          map,
          dryRun: o.dryRun ?? false,
          onProgress: (done, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        if (started) bar.stop();
        console.log(`${report.fileName} (${report.encoding}): ${report.rows} rows`);
        console.log(
          `  mapping: ${Object.entries(report.mapping)
            .map(([h, c]) => `${h}→${c}`)
            .join(", ")}`,
        );
        if (report.ignoredColumns.length > 0) console.log(`  ignored: ${report.ignoredColumns.join(", ")}`);
        if (report.errors.length > 0) {
          for (const e of report.errors) console.log(`  ${e.row}行目 [${e.column}] "${e.value}": ${e.reason}`);
          console.log(`${report.errors.length} error(s); nothing was imported / 誤りがあるため取り込んでいません`);
          process.exitCode = 1;
          return;
        }
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
