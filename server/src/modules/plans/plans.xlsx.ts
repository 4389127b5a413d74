import type { BudgetStatementDto, PlanOverview, PlanTreeNode, ProgramDetail } from "@shien/contracts";
import { fiscalYearLabel } from "@shien/contracts";
import ExcelJS from "exceljs";
import { budgetFigures, sourceKey } from "./plans.overview.js";

/** 千円 with ▲ for negatives, as the plans print them. */
const SEN_YEN = '#,##0;"▲"#,##0;0';
const STATUS = { new: "新規", continuing: "継続", expanded: "拡充" } as const;
const CATEGORY = { priority: "重点", activity: "活動", reference: "参考" } as const;
const PERCENT = /^[%％]$/;

const sen = (yen: number | null) => (yen === null ? null : yen / 1000);

interface WorkbookInput {
  orgName: string;
  overview: PlanOverview;
  programs: ProgramDetail[];
  budget: BudgetStatementDto | undefined;
}

/**
 * The plan as the center's own spreadsheets show it: 事業一覧 (事業費, 財源, 前年度比 in 千円),
 * 指標, and where the plan has one, 予算書. Headers are Japanese; figures are numbers in 千円.
 */
export async function buildWorkbook({ orgName, overview, programs, budget }: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Shien";
  const title = `${fiscalYearLabel(overview.plan.fiscalYear)} ${overview.plan.title} — ${orgName}`;

  const list = wb.addWorksheet("事業一覧", { views: [{ state: "frozen", ySplit: 3 }] });
  list.addRow([title]).font = { bold: true, size: 13 };
  list.addRow(["（単位：千円）字下げした行は上の事業の内訳（小事業）で、合計には重ねて計上していません"]);
  const header = list.addRow([
    "事業体系",
    "番号",
    "事業名",
    "継続・新規",
    "担当課",
    "財源",
    "財源の内訳",
    "事業費",
    "前年度",
    "前年度比",
  ]);
  header.font = { bold: true };
  const writeNodes = (nodes: PlanTreeNode[], path: string[]) => {
    for (const n of nodes) {
      if (n.kind === "group") {
        const row = list.addRow([[...path, `${n.numbering} ${n.title ?? ""}`].join(" / ")]);
        row.font = { bold: true };
        writeNodes(n.children, [...path, n.numbering]);
      } else if (n.program) {
        const p = n.program;
        const label = n.kind === "reference" ? `${p.name}（再掲）` : p.name;
        const counted = n.kind === "program";
        const row = list.addRow([
          path.join("-"),
          n.numbering,
          label,
          p.status ? STATUS[p.status] : "",
          p.departments.map((d) => d.name).join("・"),
          sourceKey(p.fundingSources).label,
          p.payers.join("、"),
          counted ? sen(p.budgetYen) : null,
          counted ? sen(p.previousYen) : null,
          counted ? sen(p.differenceYen) : null,
        ]);
        if (p.differenceApproximate) row.getCell(10).note = "約（計画書の概数）";
        const detail = details.get(p.id);
        if (counted && detail) writeSubPrograms(detail.subPrograms, path, 1);
      }
    }
  };
  // Sub-programs carry their own budget lines (福島 I-1-3: 国 54,000 / 県 420,069千円): without these
  // rows the sheet shows only the program's sum and its sources run together.
  const writeSubPrograms = (subs: ProgramDetail[], path: string[], depth: number) => {
    for (const sub of subs) {
      const f = budgetFigures(linesWithin(sub));
      const stated = f.budgetLineCount > 0;
      const row = list.addRow([
        path.join("-"),
        sub.numbering,
        sub.name,
        "",
        "",
        stated ? sourceKey(f.fundingSources).label : "",
        f.payers.join("、"),
        stated ? sen(f.budgetYen) : null,
        stated ? sen(f.previousYen) : null,
        stated ? sen(f.differenceYen) : null,
      ]);
      row.getCell(3).alignment = { indent: depth * 2 };
      if (f.differenceApproximate) row.getCell(10).note = "約（計画書の概数）";
      writeSubPrograms(sub.subPrograms, path, depth + 1);
    }
  };
  const details = new Map(programs.map((p) => [p.id, p]));
  writeNodes(overview.tree, []);
  const t = overview.totals.all;
  list.addRow([
    "合計",
    "",
    `${t.programCount}事業`,
    "",
    "",
    "",
    "",
    sen(t.currentYen),
    sen(t.previousYen),
    sen(t.differenceYen),
  ]).font = {
    bold: true,
  };
  list.addRow([]);
  list.addRow(["財源別"]).font = { bold: true };
  for (const r of overview.totals.bySource) {
    list.addRow([
      "",
      "",
      r.label,
      "",
      "",
      "",
      `${r.programCount}事業`,
      sen(r.currentYen),
      sen(r.previousYen),
      sen(r.differenceYen),
    ]);
  }
  for (const col of [8, 9, 10]) list.getColumn(col).numFmt = SEN_YEN;
  setWidths(list, [16, 8, 44, 10, 26, 14, 30, 14, 14, 14]);

  const ind = wb.addWorksheet("指標", { views: [{ state: "frozen", ySplit: 2 }] });
  ind.addRow([title]).font = { bold: true, size: 13 };
  ind.addRow(["番号", "事業名", "区分", "指標", "単位", "計画（目標）", "前年度目標", "前年度実績", "実績時点"]).font =
    { bold: true };
  const writeIndicators = (p: ProgramDetail) => {
    for (const i of p.indicators) {
      const breakdown = i.breakdown ?? [];
      const row = ind.addRow([
        p.code,
        p.name,
        CATEGORY[i.category],
        i.name,
        i.unit,
        i.target ?? i.targetText ?? (breakdown.length > 0 ? "内訳のとおり" : "-"),
        i.previous?.target ?? null,
        i.previous?.actual ?? null,
        i.previous?.asOf ?? "",
      ]);
      const decimals = PERCENT.test(i.unit) ? 1 : 0;
      formatNumbers(row, [6, 7, 8], decimals);
      // One row per 内訳 (国内 40 / 外国 6): the targets stay numbers an auditor can filter and sum.
      for (const b of breakdown) {
        const sub = ind.addRow([
          p.code,
          p.name,
          CATEGORY[i.category],
          `${i.name}（${b.label}）`,
          i.unit,
          b.target ?? "-",
        ]);
        sub.getCell(4).alignment = { indent: 2 };
        formatNumbers(sub, [6], decimals);
      }
    }
    p.subPrograms.forEach(writeIndicators);
  };
  programs.forEach(writeIndicators);
  setWidths(ind, [12, 40, 8, 44, 10, 14, 12, 12, 12]);

  if (budget) {
    const bs = wb.addWorksheet("予算書");
    bs.addRow([`${budget.title} — ${orgName}`]).font = { bold: true, size: 13 };
    bs.addRow(["（千円）"]);
    bs.addRow([
      "科目",
      `R${overview.plan.fiscalYear - 2018}`,
      `R${overview.plan.fiscalYear - 2019}`,
      "前年度比",
      "",
    ]).font = { bold: true };
    for (const l of budget.lines) {
      const row = bs.addRow([l.label, sen(l.currentYen), sen(l.previousYen), sen(l.differenceYen), l.marker ?? ""]);
      row.getCell(1).alignment = { indent: l.indent * 2 };
      if (l.indent === 0) row.font = { bold: true };
    }
    for (const col of [2, 3, 4]) bs.getColumn(col).numFmt = SEN_YEN;
    setWidths(bs, [30, 14, 14, 14, 6]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A program's budget lines and its sub-programs', as its own 事業費 counts them. */
function linesWithin(p: ProgramDetail): ProgramDetail["amounts"] {
  return [...p.amounts, ...p.subPrograms.flatMap(linesWithin)];
}

/**
 * Counts are whole (65件); percentages are printed with one decimal (65.0%, 77.6%). A format such
 * as "#,##0.##" leaves Excel showing "65." for a whole number, so each cell gets its own decimals:
 * at least `minDecimals`, more when the figure has them.
 */
function formatNumbers(row: ExcelJS.Row, columns: number[], minDecimals: number) {
  for (const col of columns) {
    const cell = row.getCell(col);
    if (typeof cell.value !== "number") continue;
    const decimals = Math.max(minDecimals, String(cell.value).split(".")[1]?.length ?? 0);
    cell.numFmt = decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
  }
}

function setWidths(ws: ExcelJS.Worksheet, widths: number[]) {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}
