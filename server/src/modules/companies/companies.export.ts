import type { Company } from "@shien/contracts";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { csvLine } from "../../lib/csv.js";
import * as repo from "./companies.repository.js";
import { toDto } from "./companies.service.js";

const COLUMNS: [keyof Company, string][] = [
  ["corporateNumber", "法人番号"],
  ["name", "事業者名"],
  ["nameKana", "フリガナ"],
  ["legalForm", "法人格"],
  ["representative", "代表者"],
  ["postalCode", "郵便番号"],
  ["address", "所在地"],
  ["phone", "電話番号"],
  ["email", "メール"],
  ["website", "ウェブサイト"],
  ["industry", "業種"],
  ["industryCode", "業種コード"],
  ["employees", "従業員数"],
  ["capitalYen", "資本金"],
  ["soleProprietor", "個人事業主"],
];

const cellOf = (c: Company, k: keyof Company) => {
  const v = c[k];
  if (typeof v === "boolean") return v ? "はい" : "いいえ";
  return v === null || v === undefined ? "" : String(v);
};

/**
 * The registry as a file the import reads back: CSV in UTF-8 with a BOM (Excel opens it as
 * Japanese), or xlsx with 法人番号 stored as text so that Excel cannot turn it into 5.07E+12.
 */
export async function exportCompanies(db: Db, actor: Actor, format: "csv" | "xlsx"): Promise<Buffer> {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, { ja: "事業者", en: "Businesses" });
  const companies = (await repo.allOf(db, actor.orgId)).map(toDto);
  if (format === "csv") {
    const lines = [
      csvLine(COLUMNS.map(([, h]) => h)),
      ...companies.map((c) => csvLine(COLUMNS.map(([k]) => cellOf(c, k)))),
    ];
    return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("事業者", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(COLUMNS.map(([, h]) => h)).font = { bold: true };
  for (const c of companies) {
    ws.addRow(COLUMNS.map(([k]) => (k === "employees" || k === "capitalYen" ? c[k] : cellOf(c, k))));
  }
  ws.getColumn(1).numFmt = "@";
  ws.getColumn(COLUMNS.findIndex(([k]) => k === "capitalYen") + 1).numFmt = "#,##0";
  COLUMNS.forEach(([, h], i) => {
    ws.getColumn(i + 1).width = Math.max(10, h.length * 2 + 4);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
