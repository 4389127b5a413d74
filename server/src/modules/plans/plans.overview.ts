import type { FundingSource, PlanTreeNode, ProgramSummary, TotalsRow } from "@shien/contracts";
import type { AmountRow, NodeRow, ProgramRow } from "./plans.repository.js";

const SOURCE_LABEL: Record<FundingSource, string> = {
  national: "国",
  prefecture: "県",
  municipal: "市",
  own: "自主財源",
  other: "その他",
};
const SOURCE_ORDER: FundingSource[] = ["national", "prefecture", "municipal", "own", "other"];

export function sourceKey(sources: readonly FundingSource[]): { key: string; label: string } {
  const sorted = SOURCE_ORDER.filter((s) => sources.includes(s));
  if (sorted.length === 0) return { key: "none", label: "財源記載なし" };
  return { key: sorted.join("+"), label: sorted.map((s) => SOURCE_LABEL[s]).join("・") };
}

/** A budget line as both the stored rows and the API's DTOs carry it. */
export interface BudgetLine {
  yen: number;
  previousYen: number | null;
  differenceYen: number | null;
  differenceApproximate: boolean;
  fundingSources: readonly string[];
  payer: string | null;
  countsTowardBudget: boolean;
}

/**
 * Budget figures of a set of lines (lines such as 貸付予算枠 or 累計額 are marked as not counting).
 * Previous year and difference are known only when every counted line has them; a printed 約
 * difference is carried as approximate.
 */
export function budgetFigures(all: readonly BudgetLine[]) {
  const lines = all.filter((a) => a.countsTowardBudget);
  const budgetYen = lines.reduce((s, a) => s + a.yen, 0);
  const allPrevious = lines.length > 0 && lines.every((a) => a.previousYen !== null);
  const previousYen = allPrevious ? lines.reduce((s, a) => s + (a.previousYen as number), 0) : null;
  let differenceYen: number | null = previousYen === null ? null : budgetYen - previousYen;
  let differenceApproximate = false;
  if (differenceYen === null && lines.length > 0 && lines.every((a) => a.differenceYen !== null)) {
    differenceYen = lines.reduce((s, a) => s + (a.differenceYen as number), 0);
    differenceApproximate = lines.some((a) => a.differenceApproximate);
  }
  const sources = new Set<string>();
  const payers = new Set<string>();
  for (const a of lines) {
    for (const s of a.fundingSources) sources.add(s);
    if (a.payer) payers.add(a.payer);
  }
  return {
    budgetYen,
    previousYen,
    differenceYen,
    differenceApproximate,
    budgetLineCount: lines.length,
    fundingSources: SOURCE_ORDER.filter((s) => sources.has(s)),
    payers: [...payers],
  };
}

/** The budget lines of a program and its sub-programs. */
function linesOf<L extends BudgetLine & { programId: string }>(
  programId: string,
  descendants: readonly { id: string }[],
  amounts: readonly L[],
): L[] {
  const ids = new Set([programId, ...descendants.map((d) => d.id)]);
  return amounts.filter((a) => ids.has(a.programId));
}

/** A program's budget figures: the sum of its own and its sub-programs' budget lines. */
export function summarizeProgram(
  program: ProgramRow,
  descendants: ProgramRow[],
  amounts: AmountRow[],
  departments: { id: string; name: string }[],
  indicatorCount: number,
): ProgramSummary {
  return {
    id: program.id,
    code: program.code,
    numbering: program.numbering,
    name: program.name,
    status: program.status as ProgramSummary["status"],
    kinds: program.kinds as ProgramSummary["kinds"],
    departments,
    confidential: program.confidential,
    ...budgetFigures(linesOf(program.id, descendants, amounts)),
    indicatorCount,
  };
}

export function buildTree(nodes: NodeRow[], summaries: Map<string, ProgramSummary>): PlanTreeNode[] {
  const byParent = new Map<string | null, NodeRow[]>();
  for (const n of nodes) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
  const build = (parentId: string | null): PlanTreeNode[] =>
    (byParent.get(parentId) ?? []).map((n) => ({
      id: n.id,
      kind: n.kind as PlanTreeNode["kind"],
      numbering: n.numbering,
      title: n.title,
      program: n.programId ? (summaries.get(n.programId) ?? null) : null,
      children: build(n.id),
    }));
  return build(null);
}

interface Accumulator {
  label: string;
  current: number;
  previous: number | null;
  difference: number | null;
  approximate: boolean;
  count: number;
  lines: number;
}

type Figures = Pick<
  ProgramSummary,
  "budgetYen" | "previousYen" | "differenceYen" | "differenceApproximate" | "budgetLineCount"
>;

function add(map: Map<string, Accumulator>, key: string, label: string, p: Figures) {
  const acc = map.get(key) ?? {
    label,
    current: 0,
    previous: 0,
    difference: 0,
    approximate: false,
    count: 0,
    lines: 0,
  };
  acc.current += p.budgetYen;
  acc.lines += p.budgetLineCount;
  acc.previous = acc.previous === null || p.previousYen === null ? null : acc.previous + p.previousYen;
  acc.difference = acc.difference === null || p.differenceYen === null ? null : acc.difference + p.differenceYen;
  acc.approximate ||= p.differenceApproximate;
  acc.count++;
  map.set(key, acc);
}

const rows = (map: Map<string, Accumulator>): TotalsRow[] =>
  [...map.entries()].map(([key, a]) => ({
    key,
    label: a.label,
    currentYen: a.current,
    previousYen: a.previous,
    differenceYen: a.difference,
    differenceApproximate: a.difference !== null && a.approximate,
    programCount: a.count,
    budgetLineCount: a.lines,
  }));

/**
 * A program's budget by funding source, line by line: a program whose sub-programs are paid by
 * 国 and 県 (福島 I-1-3: 国 54,000 + 県 420,069千円) puts each line under its own source, as the plan's
 * own figures do (「中小企業生産性向上推進事業（県 420,069千円）」). A combined key such as 県・市 is left
 * only for a single line that names several sources, since the document does not split it.
 */
function bySourceOf(lines: readonly BudgetLine[]): Map<string, { label: string; figures: Figures }> {
  const groups = new Map<string, { label: string; lines: BudgetLine[] }>();
  for (const line of lines) {
    if (!line.countsTowardBudget) continue;
    const s = sourceKey(line.fundingSources as FundingSource[]);
    const group = groups.get(s.key) ?? { label: s.label, lines: [] };
    group.lines.push(line);
    groups.set(s.key, group);
  }
  return new Map([...groups].map(([key, g]) => [key, { label: g.label, figures: budgetFigures(g.lines) }]));
}

/** 国, 県, 市 … in the usual order, combinations after the single sources, 財源記載なし last. */
function sourceRank(key: string): number[] {
  if (key === "none") return [Number.MAX_SAFE_INTEGER];
  const parts = key.split("+");
  return [parts.length, ...parts.map((p) => SOURCE_ORDER.indexOf(p as FundingSource))];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Totals over the distinct programs of the tree (a 再掲 re-listing is not counted again): in all,
 * by funding source (summed per budget line; a program paid from two sources is counted under
 * each), by department combination, and by top-level section.
 */
export function computeTotals(
  tree: PlanTreeNode[],
  amounts: readonly (BudgetLine & { programId: string })[],
  descendantsOf: (programId: string) => readonly { id: string }[],
) {
  const all = new Map<string, Accumulator>();
  const bySource = new Map<string, Accumulator>();
  const byDepartment = new Map<string, Accumulator>();
  const bySection = new Map<string, Accumulator>();
  const visit = (nodes: PlanTreeNode[], section: PlanTreeNode | null) => {
    for (const n of nodes) {
      if (n.kind === "group") visit(n.children, section ?? n);
      if (n.kind !== "program" || !n.program) continue;
      const p = n.program;
      add(all, "all", "合計", p);
      for (const [key, share] of bySourceOf(linesOf(p.id, descendantsOf(p.id), amounts))) {
        add(bySource, key, share.label, share.figures);
      }
      const deptKey = p.departments.map((d) => d.id).join("+") || "none";
      add(byDepartment, deptKey, p.departments.map((d) => d.name).join("・") || "担当課なし", p);
      const sec = section ?? n;
      // Keyed by the section's numbering, which survives re-imports (node ids do not).
      add(bySection, `section:${sec.numbering}`, `${sec.numbering} ${sec.title ?? ""}`.trim(), p);
    }
  };
  visit(tree, null);
  const allRow = rows(all)[0] ?? {
    key: "all",
    label: "合計",
    currentYen: 0,
    previousYen: null,
    differenceYen: null,
    differenceApproximate: false,
    programCount: 0,
    budgetLineCount: 0,
  };
  const sourceRows = rows(bySource).sort((a, b) => compareRanks(sourceRank(a.key), sourceRank(b.key)));
  return { all: allRow, bySource: sourceRows, byDepartment: rows(byDepartment), bySection: rows(bySection) };
}
