import { fiscalYearWareki, type KpiIndicator } from "@shien/contracts";
import type { Command } from "commander";
import { getDashboard } from "../modules/kpi/index.js";
import { CliError, orgActor, withRuntime } from "./context.js";

const CATEGORY = { priority: "重点", activity: "活動", reference: "参考" } as const;

/** `shien kpi`: every indicator's target, actual and 進捗率 for an organization-year. */
export function registerKpiCommand(program: Command): void {
  program
    .command("kpi")
    .description("指標の実績と進捗率 / indicators with target, actual and progress")
    .requiredOption("--org <slug>", "組織コード")
    .requiredOption("--fiscal-year <year>", "年度（西暦、例 2026 = 令和8年度）")
    .option("--as-of <date>", "基準日 YYYY-MM-DD（省略時は今日）")
    .option("--json", "JSON で出力 / print JSON")
    .action((o: { org: string; fiscalYear: string; asOf?: string; json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const fiscalYear = Number(o.fiscalYear);
        if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100)
          throw new CliError(`--fiscal-year は西暦の年度です（例 2026）。指定: ${o.fiscalYear}`);
        if (o.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf))
          throw new CliError(`--as-of は YYYY-MM-DD の日付です。指定: ${o.asOf}`);
        const actor = await orgActor(database, o.org);
        const d = await getDashboard(database.db, actor, { fiscalYear, ...(o.asOf ? { asOf: o.asOf } : {}) });
        if (o.json) {
          console.log(JSON.stringify(d.items.map(line), null, 2));
          return;
        }
        console.log(`${o.org} ${fiscalYearWareki(fiscalYear)}（${d.asOf} 現在）`);
        for (const i of d.items) {
          const actual = i.actual === null ? (i.measure === "pending" ? `未計測(${i.feed})` : "—") : String(i.actual);
          const progress = i.progress === null ? "" : `  ${i.progress}%`;
          console.log(
            `  [${CATEGORY[i.category]}] ${i.programCode} ${i.name}: ${actual} / ${i.target ?? i.targetText ?? "—"} ${i.unit}${progress}`,
          );
        }
      }),
    );
}

/** The shape the issue asks `--json` to print. */
function line(i: KpiIndicator) {
  return {
    programCode: i.programCode,
    indicator: i.name,
    category: i.category,
    unit: i.unit,
    target: i.target,
    actual: i.actual,
    progress: i.progress,
  };
}
