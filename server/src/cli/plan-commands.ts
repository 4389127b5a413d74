import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { formatIssue, loadPlanFile, PlanFileError } from "../modules/plans/plan-file.loader.js";
import { summarizePlanFile } from "../modules/plans/plan-file.summary.js";

export function registerPlanCommands(program: Command): void {
  const plan = program.command("plan").description("事業計画 / annual plans");
  plan
    .command("check")
    .description("計画ファイル (YAML) を検証し、算術の不整合を警告する（データベースは使わない）/ validate a plan file")
    .argument("<file>", "計画ファイル / plan YAML file")
    .option("--summary", "事業・金額・指標の集計も表示 / also print totals")
    .action((file: string, opts: { summary?: boolean }) => {
      try {
        const { plan: parsed, warnings } = loadPlanFile(readFileSync(file, "utf8"), file);
        for (const w of warnings) console.log(`warning${formatIssue(w)}`);
        console.log(`${file}: OK (${warnings.length} warning(s))`);
        if (opts.summary) console.log(summarizePlanFile(parsed));
      } catch (err) {
        if (err instanceof PlanFileError) {
          console.error(err.message);
          process.exitCode = 1;
          return;
        }
        throw err;
      }
    });
}
