import ExcelJS from "exceljs";
import { parseCsv } from "../../../lib/csv.js";

export type TextEncodingName = "utf-8" | "shift_jis";

/**
 * Decodes a CSV file: a UTF-8 BOM means UTF-8; otherwise strict UTF-8 is tried and, if the bytes
 * are not UTF-8, CP932 (Shift_JIS, as Excel on Japanese Windows saves CSV). An explicit encoding wins.
 */
export function decodeCsv(bytes: Buffer, encoding?: TextEncodingName): { text: string; encoding: TextEncodingName } {
  if (encoding) return { text: new TextDecoder(encoding).decode(bytes), encoding };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("shift_jis").decode(bytes), encoding: "shift_jis" };
  }
}

/** The first worksheet as rows of strings (numbers as Excel shows them, dates as YYYY-MM-DD). */
export async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(cellText(row.getCell(c).value));
    rows.push(values);
  });
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    return "";
  }
  // Large integers (a 法人番号 typed as a number) print in full; Excel-mangled "5.07E+12" strings stay as they are.
  if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return String(v);
}

/** Rows of a CSV or xlsx file, by its name. */
export async function readTable(
  bytes: Buffer,
  fileName: string,
  encoding?: TextEncodingName,
): Promise<{ rows: string[][]; encoding: TextEncodingName | "xlsx" }> {
  if (/\.xlsx$/i.test(fileName)) return { rows: await readXlsx(bytes), encoding: "xlsx" };
  const decoded = decodeCsv(bytes, encoding);
  return { rows: parseCsv(decoded.text).filter((r) => r.some((c) => c.trim() !== "")), encoding: decoded.encoding };
}
