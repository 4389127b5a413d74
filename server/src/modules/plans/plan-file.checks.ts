import {
  type AmountLine,
  formatSenYen,
  metricProblems,
  type PlanFile,
  type PlanNodeFile,
  type SubProgramFile,
} from "@shien/contracts";
import { parsePrintedAmount, parseThousandYen } from "../../lib/printed-amount.js";

export interface ArithmeticWarning {
  path: (string | number)[];
  message: string;
}

const man = (yen: number) => `${formatSenYen(yen)}千円`;

/**
 * The arithmetic a plan document implies, checked line by line: each 前年度比 against
 * this year − last year, and the budget statement's subtotals and formulas. Only exact figures are
 * compared (約 figures are rounded in the document by design).
 */
/**
 * What would make the file impossible to store faithfully: duplicate program codes, a 再掲 of a
 * code that does not exist, two indicators of a program with the same category and name, a
 * department listed twice. These are errors: the import is refused.
 */
export function checkPlanStructure(plan: PlanFile): ArithmeticWarning[] {
  const errors: ArithmeticWarning[] = [];
  const codes = new Map<string, string>();
  walkTree(plan.tree, ["tree"], (program, path) => {
    if (codes.has(program.code)) {
      errors.push({
        path: [...path, "code"],
        message: `事業コード ${program.code} が重複しています (${codes.get(program.code)})`,
      });
    }
    codes.set(program.code, program.name);
    const seen = new Set<string>();
    program.indicators.forEach((i, n) => {
      const key = `${i.category}/${i.name}`;
      if (seen.has(key)) {
        errors.push({
          path: [...path, "indicators", n, "name"],
          message: `指標「${i.name}」が同じ区分で重複しています`,
        });
      }
      seen.add(key);
    });
    const departments = (program as { departments?: string[] }).departments ?? [];
    departments.forEach((d, n) => {
      if (departments.indexOf(d) !== n) {
        errors.push({ path: [...path, "departments", n], message: `担当課「${d}」が重複しています` });
      }
    });
  });
  walkReferences(plan.tree, ["tree"], (code, path) => {
    if (!codes.has(code)) errors.push({ path, message: `再掲の参照先 ${code} がこの計画にありません` });
  });
  errors.push(...checkMetrics(plan, new Set(codes.keys())));
  errors.push(...checkPrintedAmounts(plan));
  return errors;
}

/**
 * Every printed amount read by the parser the importer uses. The schema's pattern only checks the
 * shape: "5千3億円" (units out of order) or "0.5円" (less than a yen) fit it yet cannot be stored, and
 * must stop `plan check` with their path rather than fail the import later.
 */
function checkPrintedAmounts(plan: PlanFile): ArithmeticWarning[] {
  const errors: ArithmeticWarning[] = [];
  const read = (printed: string | undefined, path: (string | number)[], parse = parsePrintedAmount) => {
    if (printed === undefined) return;
    try {
      parse(printed);
    } catch (err) {
      errors.push({
        path,
        message: `${(err as Error).message}。「69,803千円」「11億5,460万円」の形で、1円単位になるよう直してください`,
      });
    }
  };
  walkTree(plan.tree, ["tree"], (program, path) => {
    program.amounts.forEach((a, i) => {
      for (const field of ["amount", "previous", "difference"] as const) read(a[field], [...path, "amounts", i, field]);
    });
    const terms = program.terms;
    if (!terms) return;
    read(terms.subsidy?.cap, [...path, "terms", "subsidy", "cap"]);
    read(terms.subsidy?.floor, [...path, "terms", "subsidy", "floor"]);
    terms.lending?.forEach((l, i) => {
      read(l.limit, [...path, "terms", "lending", i, "limit"]);
      read(l.budgetFrame, [...path, "terms", "lending", i, "budgetFrame"]);
    });
    read(terms.loan?.limit, [...path, "terms", "loan", "limit"]);
  });
  plan.statedFigures.forEach((f, i) => {
    read(f.amount, ["statedFigures", i, "amount"]);
    read(f.difference, ["statedFigures", i, "difference"]);
  });
  plan.budgetStatement?.lines.forEach((l, i) => {
    for (const field of ["current", "previous", "difference"] as const) {
      read(l[field], ["budgetStatement", "lines", i, field], parseThousandYen);
    }
  });
  return errors;
}

/**
 * Metric definitions that could never compute: attributes its fact types do not have, a sum
 * without `of`, programs or departments the plan does not name.
 */
function checkMetrics(plan: PlanFile, codes: Set<string>): ArithmeticWarning[] {
  const errors: ArithmeticWarning[] = [];
  const departments = new Set<string>();
  walkTree(plan.tree, ["tree"], (program) => {
    for (const d of (program as { departments?: string[] }).departments ?? []) departments.add(d);
  });
  walkTree(plan.tree, ["tree"], (program, path) => {
    program.indicators.forEach((indicator, n) => {
      const metric = indicator.metric;
      if (!metric) return;
      const at = (sub: string) => [
        ...path,
        "indicators",
        n,
        ...sub.split(".").map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
      ];
      for (const problem of metricProblems(metric)) errors.push({ path: at(problem.path), message: problem.message });
      const breakdown =
        metric.measure === "ratio" || metric.measure === "manual" || metric.measure === "pending"
          ? {}
          : (metric.breakdown ?? {});
      const labels = new Set((indicator.breakdown ?? []).map((b) => b.label));
      for (const label of Object.keys(breakdown)) {
        if (!labels.has(label))
          errors.push({
            path: at(`metric.breakdown.${label}`),
            message: `内訳「${label}」はこの指標の breakdown にありません（${[...labels].join("・") || "内訳なし"}）`,
          });
      }
      const filters: (readonly [string, { programs?: string[] | undefined; departments?: string[] | undefined }])[] =
        metric.measure === "ratio"
          ? [
              ["metric.numerator", metric.numerator],
              ["metric.denominator", metric.denominator],
            ]
          : metric.measure === "manual" || metric.measure === "pending"
            ? []
            : [["metric", metric], ...Object.entries(breakdown).map(([l, f]) => [`metric.breakdown.${l}`, f] as const)];
      for (const [where, f] of filters) {
        (f.programs ?? []).forEach((code, i) => {
          if (!codes.has(code))
            errors.push({ path: at(`${where}.programs.${i}`), message: `事業コード ${code} がこの計画にありません` });
        });
        (f.departments ?? []).forEach((d, i) => {
          if (!departments.has(d))
            errors.push({
              path: at(`${where}.departments.${i}`),
              message: `部署「${d}」はこの計画のどの事業の担当課でもありません`,
            });
        });
      }
    });
  });
  return errors;
}

/**
 * The arithmetic a plan document implies, checked line by line: each 前年度比 against
 * this year − last year, the budget statement's subtotals and formulas, and figures the document
 * states across programs. Only exact figures are compared exactly (約 figures are rounded by design).
 */
export function checkPlanArithmetic(plan: PlanFile): ArithmeticWarning[] {
  const warnings: ArithmeticWarning[] = [];
  walkTree(plan.tree, ["tree"], (program, path) => {
    program.amounts.forEach((a, i) => {
      checkDifference(a, [...path, "amounts", i], warnings);
    });
  });
  if (plan.budgetStatement) checkBudget(plan.budgetStatement.lines, warnings);
  checkStatedFigures(plan, warnings);
  return warnings;
}

/** Rounded (約) figures agree when within 1% of the stated value; exact ones must match to the yen. */
function agrees(stated: { yen: number; approximate: boolean }, actual: { yen: number; approximate: boolean }) {
  if (!stated.approximate && !actual.approximate) return stated.yen === actual.yen;
  return Math.abs(stated.yen - actual.yen) <= Math.abs(stated.yen) / 100;
}

function checkStatedFigures(plan: PlanFile, out: ArithmeticWarning[]): void {
  const byCode = new Map<string, SubProgramFile>();
  walkTree(plan.tree, [], (p) => byCode.set(p.code, p));
  plan.statedFigures.forEach((f, i) => {
    const path = ["statedFigures", i];
    const lines: AmountLine[] = [];
    const collect = (p: SubProgramFile) => {
      lines.push(...p.amounts.filter((a) => a.countsTowardBudget));
      p.subPrograms.forEach(collect);
    };
    for (const code of f.codes) {
      const p = byCode.get(code);
      if (p) collect(p);
      else out.push({ path: [...path, "codes"], message: `事業コード ${code} がこの計画にありません` });
    }
    const counted = lines.filter((a) => !f.fundingSource || a.fundingSources.includes(f.fundingSource));
    const sum = (pick: (a: AmountLine) => string | undefined) => {
      let yen = 0;
      let approximate = false;
      for (const a of counted) {
        const v = pick(a);
        if (v === undefined) return undefined;
        const parsed = parsePrintedAmount(v);
        yen += parsed.yen;
        approximate ||= parsed.approximate;
      }
      return { yen, approximate };
    };
    for (const field of ["amount", "difference"] as const) {
      const printed = f[field];
      if (!printed) continue;
      const stated = parsePrintedAmount(printed);
      const actual = sum((a) => a[field]);
      if (!actual || !agrees(stated, actual)) {
        out.push({
          path: [...path, field],
          message: `${f.source}の${field === "amount" ? "金額" : "前年度比"} ${man(stated.yen)} ≠ 事業 ${f.codes.join(", ")} の合計 ${actual ? man(actual.yen) : "（記載なし）"}`,
        });
      }
    }
  });
}

function checkDifference(a: AmountLine, path: (string | number)[], out: ArithmeticWarning[]): void {
  if (!a.previous || !a.difference) return;
  const cur = parsePrintedAmount(a.amount);
  const prev = parsePrintedAmount(a.previous);
  const diff = parsePrintedAmount(a.difference);
  if (cur.approximate || prev.approximate || diff.approximate) return;
  if (cur.yen - prev.yen !== diff.yen) {
    out.push({
      path: [...path, "difference"],
      message: `前年度比 ${man(diff.yen)} ≠ ${man(cur.yen)} − ${man(prev.yen)} = ${man(cur.yen - prev.yen)}`,
    });
  }
}

type Line = NonNullable<PlanFile["budgetStatement"]>["lines"][number];

function checkBudget(lines: Line[], out: ArithmeticWarning[]): void {
  const values = (l: Line) => ({
    current: parseThousandYen(l.current).yen,
    previous: parseThousandYen(l.previous).yen,
    difference: parseThousandYen(l.difference).yen,
  });
  const byLabel = new Map(lines.map((l) => [l.label, values(l)]));
  lines.forEach((line, i) => {
    const v = values(line);
    const path = ["budgetStatement", "lines", i];
    if (v.current - v.previous !== v.difference) {
      out.push({
        path: [...path, "difference"],
        message: `${line.label}: 前年度比 ${v.difference} ≠ ${v.current} − ${v.previous}`,
      });
    }
    if (!line.formula) return;
    let expected: { current: number; previous: number } | undefined;
    if (line.formula === "sum") {
      const children = [];
      for (let j = i + 1; j < lines.length && (lines[j]?.indent ?? 0) > line.indent; j++) {
        if (lines[j]?.indent === line.indent + 1) children.push(values(lines[j] as Line));
      }
      expected = children.reduce((s, c) => ({ current: s.current + c.current, previous: s.previous + c.previous }), {
        current: 0,
        previous: 0,
      });
    } else {
      expected = evaluate(line.formula, byLabel);
      if (!expected) {
        out.push({ path: [...path, "formula"], message: `式「${line.formula}」の項目が予算書にありません` });
        return;
      }
    }
    for (const k of ["current", "previous"] as const) {
      if (expected[k] !== v[k]) {
        out.push({
          path: [...path, k],
          message: `${line.label} (${k === "current" ? "今年度" : "前年度"}) ${formatSenYen(v[k])} ≠ ${line.formula} = ${formatSenYen(expected[k])}（千円）`,
        });
      }
    }
  });
}

/** "A - B + C" over labels. */
function evaluate(formula: string, byLabel: Map<string, { current: number; previous: number }>) {
  const terms = formula.split(/\s+([+-])\s+/);
  let sign = 1;
  const acc = { current: 0, previous: 0 };
  for (const term of terms) {
    if (term === "+" || term === "-") {
      sign = term === "+" ? 1 : -1;
      continue;
    }
    const v = byLabel.get(term.trim());
    if (!v) return undefined;
    acc.current += sign * v.current;
    acc.previous += sign * v.previous;
  }
  return acc;
}

export function walkTree(
  nodes: PlanNodeFile[],
  path: (string | number)[],
  visit: (p: SubProgramFile & { code: string }, path: (string | number)[]) => void,
): void {
  nodes.forEach((node, i) => {
    if ("group" in node) walkTree(node.group.children, [...path, i, "group", "children"], visit);
    else if ("program" in node) visitProgram(node.program, [...path, i, "program"], visit);
  });
}

function visitProgram(
  p: SubProgramFile,
  path: (string | number)[],
  visit: (p: SubProgramFile, path: (string | number)[]) => void,
): void {
  visit(p, path);
  p.subPrograms.forEach((s, i) => {
    visitProgram(s, [...path, "subPrograms", i], visit);
  });
}

function walkReferences(
  nodes: PlanNodeFile[],
  path: (string | number)[],
  visit: (code: string, path: (string | number)[]) => void,
) {
  nodes.forEach((node, i) => {
    if ("group" in node) walkReferences(node.group.children, [...path, i, "group", "children"], visit);
    else if ("reference" in node) visit(node.reference.code, [...path, i, "reference", "code"]);
  });
}
