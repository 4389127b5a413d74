import { FACT_TYPE_LABELS, type FactType, fiscalYearWareki, type KpiIndicator, warekiDate } from "@shien/contracts";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { csvLine } from "../../lib/csv.js";
import { factsBehindFigure } from "../activities/index.js";
import { monthEnd } from "./kpi.engine.js";
import { evaluateIndicator, factFilterOf, factRangeOf, findIndicator, yearContext } from "./kpi.service.js";

const CATEGORY = { priority: "重点", activity: "活動", reference: "参考" } as const;

/** Every fact behind an indicator's figure that the reader may see, as CSV (UTF-8 with BOM). */
export async function indicatorFactsCsv(
  db: Db,
  actor: Actor,
  indicatorId: string,
  q: { fiscalYear: number; asOf?: string | undefined; part?: "numerator" | "denominator" | undefined },
): Promise<{ fileName: string; body: Buffer }> {
  const { ctx, def, asOf } = await findIndicator(db, actor, indicatorId, q.fiscalYear, q.asOf);
  const filter = factFilterOf(ctx, def, q.part);
  const header = [
    "日付",
    "種類",
    "事業",
    "部署",
    "事業者",
    "相談者",
    "結果",
    "数量",
    "金額（円）",
    "記録者",
    "記録元",
    "記録ID",
  ];
  const lines = [csvLine(header)];
  let hidden = 0;
  if (filter) {
    const found = await factsBehindFigure(db, actor, q.fiscalYear, factRangeOf(ctx, def, asOf), filter, null, {
      entity: "kpi_indicator",
      entityId: indicatorId,
    });
    hidden = found.hidden;
    for (const f of found.items) {
      lines.push(
        csvLine([
          f.occurredOn,
          FACT_TYPE_LABELS[f.type as FactType].ja,
          `${f.programCode} ${f.programName}`,
          f.departmentName,
          f.companyName ?? "",
          f.personName ?? "",
          f.outcome ?? "",
          String(f.quantity),
          f.amountYen === null ? "" : String(f.amountYen),
          f.recordedBy,
          f.sourceModule,
          f.sourceId ?? "",
        ]),
      );
    }
  }
  if (hidden > 0) lines.push(csvLine([`機密のため記載しない記録: ${hidden}件`]));
  const body = Buffer.from(`\uFEFF${lines.join("")}`, "utf8");
  return { fileName: `${def.programCode}_${def.name}_${asOf}.csv`, body };
}

/**
 * 四半期報告: the plan's indicators in the plan's order with target, the actual of each quarter so
 * far, the year to the quarter's end, and 進捗率 — as the prefecture's table asks for it.
 */
export async function quarterlyReport(
  db: Db,
  actor: Actor,
  orgName: string,
  q: { fiscalYear: number; quarter: number },
): Promise<{ fileName: string; body: Buffer }> {
  const asOf = monthEnd(q.fiscalYear, q.quarter * 3 - 1);
  requireAccess(actor, "plan.read", { orgId: actor.orgId });
  const ctx = await yearContext(db, actor.orgId, q.fiscalYear, asOf);
  const items: KpiIndicator[] = [];
  for (const def of ctx.catalog.indicators) items.push(await evaluateIndicator(ctx, def));
  const wb = new ExcelJS.Workbook();
  wb.creator = "Shien";
  const ws = wb.addWorksheet(`第${q.quarter}四半期`, { views: [{ state: "frozen", ySplit: 4 }] });
  ws.addRow([`${fiscalYearWareki(q.fiscalYear)} 第${q.quarter}四半期 事業実績報告 — ${orgName}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([`${warekiDate(asOf)}現在（実績は記録された支援の事実から算定）`]);
  ws.addRow([]);
  const quarters = [1, 2, 3, 4].slice(0, q.quarter).map((n) => `第${n}四半期`);
  const head = ws.addRow([
    "事業番号",
    "事業名",
    "区分",
    "指標",
    "単位",
    "計画",
    ...quarters,
    "累計実績",
    "進捗率",
    "算定",
  ]);
  head.font = { bold: true };
  for (const i of items) {
    const perQuarter = [0, 1, 2, 3].slice(0, q.quarter).map((n) => {
      if (!i.cumulative) return i.monthly[n * 3 + 2] ?? null;
      const months = i.monthly.slice(n * 3, n * 3 + 3);
      return months.every((m) => m === null) ? null : months.reduce<number>((a, b) => a + (b ?? 0), 0);
    });
    ws.addRow([
      i.programCode,
      i.programName,
      CATEGORY[i.category],
      i.name,
      i.unit,
      i.target ?? i.targetText ?? "",
      ...perQuarter,
      i.actual,
      i.progress === null ? null : i.progress / 100,
      i.measure === "pending" ? `未計測（${i.feed}）` : i.measure === "manual" ? "手入力" : (i.measure ?? "算定式なし"),
    ]);
    // 内訳 (国内 / 外国) under their indicator, as the plan prints their targets: year-to-date only.
    for (const part of i.breakdown ?? []) {
      ws.addRow([
        i.programCode,
        i.programName,
        CATEGORY[i.category],
        `${i.name}（${part.label}）`,
        i.unit,
        part.target ?? "",
        ...quarters.map(() => null),
        part.actual,
        part.progress === null ? null : part.progress / 100,
        part.actual === null ? "内訳の算定式なし" : "内訳",
      ]);
    }
  }
  const progressColumn = 7 + quarters.length + 1;
  ws.getColumn(progressColumn).numFmt = "0.0%";
  ws.getColumn(2).width = 36;
  ws.getColumn(4).width = 30;
  return {
    fileName: `${fiscalYearWareki(q.fiscalYear)}_第${q.quarter}四半期_事業実績報告.xlsx`,
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
