import { readFileSync, writeFileSync } from "node:fs";
import type { ProgramDetail } from "@shien/contracts";
import type { Command } from "commander";
import type { Db } from "../db/client.js";
import type { Actor } from "../http/actor.js";
import { exportPlan, importPlanText } from "../modules/plans/index.js";
import { formatIssue, loadPlanFile, PlanFileError } from "../modules/plans/plan-file.loader.js";
import { summarizePlanFile } from "../modules/plans/plan-file.summary.js";
import { getBudgetStatement, getOverview, getProgramDetails, listPlans } from "../modules/plans/plans.service.js";
import { CliError, orgActor, withRuntime } from "./context.js";

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
  plan
    .command("import")
    .description("計画ファイルを取り込む（同じ組織・年度は上書き更新、重複しない）/ import a plan file")
    .argument("<file>", "計画ファイル / plan YAML file")
    .option("--revise <reason>", "採択済みの計画を上書きする場合の見直し理由 / reason for overwriting an adopted plan")
    .action((file: string, o: { revise?: string }) =>
      withRuntime(async ({ database }) => {
        try {
          const r = await importPlanText(database.db, readFileSync(file, "utf8"), file, {
            ...(o.revise ? { reviseReason: o.revise } : {}),
          });
          for (const w of r.warnings) console.log(`warning${formatIssue(w)}`);
          console.log(
            `${r.created ? "created" : "updated"} plan ${r.org} ${r.fiscalYear}: ${r.programs} programs, ` +
              `${r.indicators} indicators, ${r.warnings.length} warning(s)`,
          );
        } catch (err) {
          if (err instanceof PlanFileError) throw new CliError(err.message);
          throw err;
        }
      }),
    );
  plan
    .command("export")
    .description("計画を出力する / export a plan")
    .requiredOption("--org <slug>", "組織コード")
    .requiredOption("--fiscal-year <year>", "年度（西暦、例 2026 = 令和8年度）")
    .option("--format <format>", "yaml | json | xlsx", "yaml")
    .option("--out <file>", "出力先（省略時は標準出力。xlsx は必須）")
    .action((o: { org: string; fiscalYear: string; format: string; out?: string }) =>
      withRuntime(async ({ database }) => {
        if (!["yaml", "json", "xlsx"].includes(o.format)) throw new CliError("--format は yaml / json / xlsx です");
        if (o.format === "xlsx" && !o.out)
          throw new CliError("xlsx は --out でファイルを指定してください / xlsx needs --out");
        const { actor, planId } = await findPlan(database.db, o.org, o.fiscalYear);
        const file = await exportPlan(database.db, actor, planId, o.format as "yaml" | "json" | "xlsx");
        if (o.out) {
          writeFileSync(o.out, file.body);
          console.error(`wrote ${o.out}`);
        } else process.stdout.write(file.body);
      }),
    );
  plan
    .command("show")
    .description("計画の事業・金額・指標を表示する / show a plan")
    .requiredOption("--org <slug>", "組織コード")
    .requiredOption("--fiscal-year <year>", "年度（西暦）")
    .option("--json", "JSON で出力")
    .action((o: { org: string; fiscalYear: string; json?: boolean }) =>
      withRuntime(async ({ database }) => {
        const { actor, planId } = await findPlan(database.db, o.org, o.fiscalYear);
        const overview = await getOverview(database.db, actor, planId);
        const programs = (await getProgramDetails(database.db, actor, planId)).map(showProgram);
        const budgetStatement = overview.plan.hasBudgetStatement
          ? await getBudgetStatement(database.db, actor, planId)
          : null;
        const out = {
          org: o.org,
          fiscalYear: overview.plan.fiscalYear,
          title: overview.plan.title,
          programs,
          totals: overview.totals,
          budgetStatement,
        };
        if (o.json) console.log(JSON.stringify(out, null, 2));
        else
          for (const p of programs)
            console.log(`${p.code}\t${p.name}\t${p.amounts.map((a) => `${a.label} ${a.yen}`).join(", ")}`);
      }),
    );
}

interface ShownProgram {
  code: string;
  name: string;
  status: string | null;
  kinds: string[];
  departments: string[];
  amounts: { label: string; yen: number; previousYen: number | null; fundingSources: string[] }[];
  indicators: { category: string; name: string; unit: string; target: number | null }[];
  subPrograms: ShownProgram[];
}

function showProgram(p: ProgramDetail): ShownProgram {
  return {
    code: p.code,
    name: p.name,
    status: p.status,
    kinds: p.kinds,
    departments: p.departments.map((d) => d.name),
    amounts: p.amounts.map((a) => ({
      label: a.label,
      yen: a.yen,
      previousYen: a.previousYen,
      fundingSources: a.fundingSources,
    })),
    indicators: p.indicators.map((i) => ({ category: i.category, name: i.name, unit: i.unit, target: i.target })),
    subPrograms: p.subPrograms.map(showProgram),
  };
}

async function findPlan(db: Db, org: string, fiscalYear: string): Promise<{ actor: Actor; planId: string }> {
  const actor = await orgActor({ db } as Parameters<typeof orgActor>[0], org);
  const plan = (await listPlans(db, actor)).find((p) => p.fiscalYear === Number(fiscalYear));
  if (!plan) throw new CliError(`${org} の ${fiscalYear} 年度の計画はありません / no plan for ${org} ${fiscalYear}`);
  return { actor, planId: plan.id };
}
