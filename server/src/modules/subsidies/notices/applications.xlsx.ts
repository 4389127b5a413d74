import {
  fiscalYearWareki,
  SUBSIDY_STATUS_LABELS,
  type SubsidyApplication,
  type SubsidyStatus,
  todayInTokyo,
} from "@shien/contracts";
import ExcelJS from "exceljs";
import type { Db } from "../../../db/client.js";
import { requireAccess } from "../../../http/access.js";
import type { Actor } from "../../../http/actor.js";
import { notFound } from "../../../http/app-error.js";
import { confidentialScope, logConfidentialRead } from "../../activities/index.js";
import { findOrganizationById } from "../../organizations/index.js";
import * as repo from "../applications.repository.js";
import * as programs from "../programs.repository.js";
import { visibleProgram } from "../subsidies.programs.js";
import { APPLICATION, toDtos } from "../subsidies.service.js";
import { warekiDate } from "./format.js";

export interface ApplicationsXlsxQuery {
  fiscalYear?: number | undefined;
  subsidyProgramId?: string | undefined;
  roundId?: string | undefined;
  status?: SubsidyStatus | undefined;
}

/** More than any program's applications in a year; the list is one file, never paged. */
const MAX_ROWS = 100_000;

const ROUND = { ja: "公募回", en: "The round" };

type Dto = SubsidyApplication & { no: number };
type Cell = string | number | Date | null;

/** "2026-05-20" as an Excel date (exceljs writes a Date's UTC day). */
const excelDate = (iso: string | null) => (iso === null ? null : new Date(`${iso}T00:00:00Z`));

const COLUMNS: { header: string; width: number; kind?: "yen" | "date"; value: (a: Dto) => Cell }[] = [
  { header: "No.", width: 6, value: (a) => a.no },
  { header: "事業者名", width: 30, value: (a) => a.company.name },
  { header: "事業名", width: 40, value: (a) => a.title },
  { header: "補助金", width: 32, value: (a) => `${a.program.code} ${a.program.name}` },
  { header: "公募回", width: 12, value: (a) => a.round?.name ?? "" },
  { header: "コース・区分", width: 20, value: (a) => [a.course, a.type].filter(Boolean).join("・") },
  { header: "状況", width: 14, value: (a) => SUBSIDY_STATUS_LABELS[a.status].ja },
  { header: "受付日", width: 12, kind: "date", value: (a) => excelDate(a.receivedOn) },
  { header: "算定額（円）", width: 14, kind: "yen", value: (a) => a.computedYen },
  { header: "交付決定額（円）", width: 16, kind: "yen", value: (a) => a.decidedYen },
  { header: "確定額（円）", width: 14, kind: "yen", value: (a) => a.confirmedYen },
  { header: "支払額（円）", width: 14, kind: "yen", value: (a) => a.paidYen },
  { header: "交付決定日", width: 12, kind: "date", value: (a) => excelDate(a.decidedOn) },
  { header: "交付決定番号", width: 26, value: (a) => a.decisionNo ?? "" },
  { header: "額の確定番号", width: 26, value: (a) => a.confirmationNo ?? "" },
  { header: "不採択通知番号", width: 26, value: (a) => a.rejectionNo ?? "" },
];

/**
 * 補助金申請の一覧 (xlsx) of a program, a round, a year or a status: one row per application the
 * reader may see, amounts as numbers (#,##0), a 和暦 title row and a bold, frozen header.
 */
export async function applicationsXlsx(
  db: Db,
  actor: Actor,
  q: ApplicationsXlsxQuery,
): Promise<{ fileName: string; body: Buffer }> {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, APPLICATION);
  const sp = q.subsidyProgramId ? await visibleProgram(db, actor, q.subsidyProgramId) : undefined;
  const round = q.roundId ? await programs.findRound(db, actor.orgId, q.roundId) : undefined;
  if (q.roundId && (!round || (sp && round.subsidyProgramId !== sp.row.id))) throw notFound(ROUND);
  const { rows } = await repo.list(db, actor.orgId, {
    fiscalYear: q.fiscalYear,
    subsidyProgramId: q.subsidyProgramId,
    roundId: q.roundId,
    status: q.status,
    visibleConfidential: confidentialScope(actor),
    limit: MAX_ROWS,
    offset: 0,
  });
  // Oldest first, as a 受付簿 reads.
  rows.reverse();
  const read = rows.filter((r) => r.confidential).map((r) => r.id);
  if (read.length > 0) await logConfidentialRead(db, actor, "subsidy_application_list", actor.orgId, read);
  const [items, org] = await Promise.all([toDtos(db, actor.orgId, rows), findOrganizationById(db, actor.orgId)]);

  const fiscalYear = sp?.row.fiscalYear ?? q.fiscalYear;
  const scope = [
    fiscalYear === undefined ? "" : fiscalYearWareki(fiscalYear),
    sp ? `${sp.program.code} ${sp.program.name}` : "",
    round?.name ?? "",
    q.status ? `（${SUBSIDY_STATUS_LABELS[q.status].ja}）` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const today = todayInTokyo();

  const wb = new ExcelJS.Workbook();
  wb.creator = "Shien";
  const ws = wb.addWorksheet("申請一覧", { views: [{ state: "frozen", ySplit: 3, xSplit: 2 }] });
  const title = ws.addRow([`${scope ? `${scope} ` : ""}補助金申請一覧${org ? ` — ${org.name}` : ""}`]);
  title.font = { bold: true, size: 13 };
  ws.addRow([`${warekiDate(today)}現在　${items.length}件`]);
  const head = ws.addRow(COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
    cell.border = { bottom: { style: "thin" } };
  });
  const dtos: Dto[] = items.map((a, i) => ({ ...a, no: i + 1 }));
  for (const a of dtos) ws.addRow(COLUMNS.map((c) => c.value(a)));
  if (items.length > 0) {
    const first = 4;
    const last = 3 + items.length;
    const total = ws.addRow(["", "合計"]);
    total.font = { bold: true };
    COLUMNS.forEach((c, i) => {
      if (c.kind !== "yen") return;
      const column = ws.getColumn(i + 1).letter;
      const sum = dtos.reduce((s, a) => s + Number(c.value(a) ?? 0), 0);
      total.getCell(i + 1).value = { formula: `SUM(${column}${first}:${column}${last})`, result: sum };
    });
  }
  COLUMNS.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    if (c.kind === "yen") column.numFmt = "#,##0";
    if (c.kind === "date") column.numFmt = "yyyy/mm/dd";
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: COLUMNS.length } };

  const name = ["補助金申請一覧", scope.replace(/[（）]/g, ""), today].filter(Boolean).join("_");
  return {
    fileName: `${name.replace(/[\\/:*?"<>|\s]+/g, "_")}.xlsx`,
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
