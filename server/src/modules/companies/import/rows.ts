import { type CompanyInput, companyInputSchema, resolveJsicMedium } from "@shien/contracts";
import { z } from "zod";
import { parsePrintedAmount } from "../../../lib/printed-amount.js";
import type { CanonicalColumn, ColumnMapping } from "./mapping.js";

/** One problem in an import file, as the person fixing the spreadsheet needs it. */
export interface RowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  column: string;
  value: string;
  reason: string;
}

const FIELD_OF: Record<CanonicalColumn, keyof CompanyInput> = {
  corporate_number: "corporateNumber",
  name: "name",
  name_kana: "nameKana",
  postal_code: "postalCode",
  address: "address",
  phone: "phone",
  representative: "representative",
  email: "email",
  website: "website",
  industry: "industry",
  industry_code: "industryCode",
  employees: "employees",
  capital: "capitalYen",
  sole_proprietor: "soleProprietor",
};
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([c, f]) => [f, c])) as Record<
  string,
  CanonicalColumn
>;

const YES = new Set(["1", "true", "yes", "y", "はい", "○", "〇", "◯", "個人", "個人事業主"]);
const NO = new Set(["", "0", "false", "no", "n", "いいえ", "×", "法人"]);
const ja = z.locales.ja().localeError;

/** Reads one data row into a company input, or says, per cell, what is wrong. */
export function readRow(
  cells: string[],
  rowNumber: number,
  headers: string[],
  mapping: ColumnMapping,
): { input?: CompanyInput; errors: RowError[] } {
  const errors: RowError[] = [];
  const raw: Record<string, unknown> = {};
  const cell = (c: CanonicalColumn) => {
    const i = mapping.byField[c];
    return i === undefined ? undefined : (cells[i] ?? "").trim();
  };
  const fail = (c: CanonicalColumn, value: string, reason: string) =>
    errors.push({ row: rowNumber, column: headers[mapping.byField[c] ?? -1] ?? c, value, reason });

  for (const column of Object.keys(FIELD_OF) as CanonicalColumn[]) {
    const value = cell(column);
    if (value === undefined) continue;
    const field = FIELD_OF[column];
    if (column === "employees") {
      if (value === "") raw[field] = null;
      else if (/^\d[\d,]*$/.test(value.normalize("NFKC")))
        raw[field] = Number(value.normalize("NFKC").replaceAll(",", ""));
      else fail(column, value, "従業員数は数字で入力してください");
    } else if (column === "capital") {
      if (value === "") raw[field] = null;
      else {
        const v = value.normalize("NFKC").replace(/\s/g, "");
        try {
          raw[field] = /^\d[\d,]*$/.test(v) ? Number(v.replaceAll(",", "")) : parsePrintedAmount(v).yen;
        } catch {
          fail(column, value, "資本金は円単位の数字か「1,000万円」の形で入力してください");
        }
      }
    } else if (column === "sole_proprietor") {
      const v = value.normalize("NFKC").toLowerCase();
      if (YES.has(v)) raw[field] = true;
      else if (NO.has(v)) raw[field] = false;
      else fail(column, value, "個人事業主は「はい」「いいえ」（または 1 / 0）で入力してください");
    } else if (column === "industry_code") {
      // "09", "E09", "09 食料品製造業" or the medium's name: the code is what is stored. An empty
      // cell leaves the code to the 業種 text (or to what the record already has).
      if (value !== "") {
        const medium = resolveJsicMedium(value);
        if (medium) raw[field] = medium.code;
        else fail(column, value, "業種コードは日本標準産業分類の中分類（「09」や「食料品製造業」）で入力してください");
      }
    } else {
      raw[field] = value === "" ? null : value;
    }
  }
  if (errors.length > 0) return { errors };
  const parsed = companyInputSchema.safeParse(raw, { error: ja });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "name");
      const column = COLUMN_OF[field] ?? "name";
      fail(column, String(raw[field] ?? ""), issue.message);
    }
    return { errors };
  }
  return { input: parsed.data, errors };
}
