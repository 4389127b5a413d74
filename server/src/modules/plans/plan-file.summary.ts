import type { PlanFile } from "@shien/contracts";
import { parsePrintedAmount } from "../../lib/printed-amount.js";
import { walkTree } from "./plan-file.checks.js";

/** A plain-text digest of a plan file: programs with their budget lines, and totals by funding source. */
export function summarizePlanFile(plan: PlanFile): string {
  const lines: string[] = [];
  let programs = 0;
  const bySource = new Map<string, { current: number; previous: number }>();
  let total = { current: 0, previous: 0 };
  walkTree(plan.tree, ["tree"], (p, path) => {
    const top = path.at(-1) === "program";
    if (top) programs++;
    const depth = path.filter((x) => x === "subPrograms").length;
    const amounts = p.amounts
      .filter((a) => a.countsTowardBudget)
      .map(
        (a) => `${a.label} ${a.amount}${a.previous ? ` (前年 ${a.previous})` : ""} [${a.fundingSources.join("・")}]`,
      );
    lines.push(`${"  ".repeat(depth)}${p.code} ${p.name}  ${amounts.join("; ")}  指標${p.indicators.length}`);
    if (!top) return;
    for (const a of p.amounts.filter((x) => x.countsTowardBudget && x.label === "事業費")) {
      const cur = parsePrintedAmount(a.amount).yen;
      const prev = a.previous ? parsePrintedAmount(a.previous).yen : 0;
      total = { current: total.current + cur, previous: total.previous + prev };
      const key = a.fundingSources.join("・") || "(なし)";
      const s = bySource.get(key) ?? { current: 0, previous: 0 };
      bySource.set(key, { current: s.current + cur, previous: s.previous + prev });
    }
  });
  const k = (yen: number) => `${(yen / 1000).toLocaleString("ja-JP")}千円`;
  lines.push(`programs (top level): ${programs}`);
  lines.push(`事業費 total: ${k(total.current)} (前年度 ${k(total.previous)})`);
  for (const [src, v] of bySource) lines.push(`  ${src}: ${k(v.current)} (前年度 ${k(v.previous)})`);
  return lines.join("\n");
}
