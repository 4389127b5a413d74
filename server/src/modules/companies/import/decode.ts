import ExcelJS from "exceljs";
import { AppError } from "../../../http/app-error.js";
import { CsvReader, CsvUnclosedQuoteError } from "../../../lib/csv.js";

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

/** Rows of a file with the spreadsheet row each came from (header = 1; blank rows are left out). */
export interface Table {
  rows: string[][];
  rowNumbers: number[];
}

const unreadable = (ja: string, en: string) =>
  new AppError("VALIDATION_FAILED", { ja, en }, [{ field: "file", message: { ja, en } }]);

/** The first worksheet as rows of strings (numbers as Excel shows them, dates as YYYY-MM-DD). */
export async function readXlsx(bytes: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable(
      "xlsxファイルとして読めません（壊れているか、別の形式のファイルです）。Excelで開き「Excel ブック (*.xlsx)」として保存し直すか、CSVで保存してください。",
      "The file cannot be read as xlsx (it is damaged or of another format). Open it in Excel and save it as an Excel workbook (*.xlsx), or as CSV.",
    );
  }
  const ws = wb.worksheets[0];
  const table: Table = { rows: [], rowNumbers: [] };
  if (!ws) return table;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(cellText(row.getCell(c).value));
    if (values.every((v) => v.trim() === "")) return;
    table.rows.push(values);
    table.rowNumbers.push(rowNumber);
  });
  return table;
}

/** CSV text as rows; an unclosed quote is refused with its row rather than read as one long value. */
function readCsvText(text: string): Table {
  const reader = new CsvReader();
  let records: string[][];
  try {
    records = [...reader.push(text), ...reader.end()];
  } catch (e) {
    if (!(e instanceof CsvUnclosedQuoteError)) throw e;
    throw unreadable(
      `${e.row}行目で始まる引用符（"）が閉じられていません。値の中の " は "" と書くか、引用符を閉じてください。`,
      `The quote (") opened in row ${e.row} is never closed. Write a " inside a value as "", or close the quote.`,
    );
  }
  const table: Table = { rows: [], rowNumbers: [] };
  records.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return;
    table.rows.push(cells);
    table.rowNumbers.push(i + 1);
  });
  return table;
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
): Promise<Table & { encoding: TextEncodingName | "xlsx" }> {
  if (/\.xlsx$/i.test(fileName)) return { ...(await readXlsx(bytes)), encoding: "xlsx" };
  if (/\.xls$/i.test(fileName) || isOleCompoundFile(bytes)) {
    throw unreadable(
      "Excel 97-2003 形式（.xls）は読めません。Excelで開き「Excel ブック (*.xlsx)」かCSVとして保存し直してください。",
      "Excel 97-2003 files (.xls) cannot be read. Open the file in Excel and save it as an Excel workbook (*.xlsx) or as CSV.",
    );
  }
  const decoded = decodeCsv(bytes, encoding);
  return { ...readCsvText(decoded.text), encoding: decoded.encoding };
}

/** The signature of an OLE compound file (.xls, .doc): binary, never a CSV. */
function isOleCompoundFile(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;
}
