import type { BudgetStatementDto, PlanOverview, PlanTreeNode, ProgramDetail } from "@shien/contracts";
import { fiscalYearLabel } from "@shien/contracts";
import ExcelJS from "exceljs";
import { sourceKey } from "./plans.overview.js";

/** 千円 with ▲ for negatives, as the plans print them. */
const SEN_YEN = '#,##0;"▲"#,##0;0';
const STATUS = { new: "新規", continuing: "継続", expanded: "拡充" } as const;
const CATEGORY = { priority: "重点", activity: "活動", reference: "参考" } as const;

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
  list.addRow(["（単位：千円）"]);
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
      }
    }
  };
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
      ind.addRow([
        p.code,
        p.name,
        CATEGORY[i.category],
        i.name,
        i.unit,
        i.target ?? i.targetText ?? "-",
        i.previous?.target ?? null,
        i.previous?.actual ?? null,
        i.previous?.asOf ?? "",
      ]);
    }
    p.subPrograms.forEach(writeIndicators);
  };
  programs.forEach(writeIndicators);
  for (const col of [6, 7, 8]) ind.getColumn(col).numFmt = "#,##0.##";
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

function setWidths(ws: ExcelJS.Worksheet, widths: number[]) {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}
