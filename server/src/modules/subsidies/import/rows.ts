import {
  type CompanyInput,
  corporateNumberProblem,
  SUBSIDY_YEN_MAX,
  type SubsidyExpenseLine,
  type SubsidyTaxRate,
  type SubsidyTaxTreatment,
  type sizeClassSchema,
} from "@shien/contracts";
import type { z } from "zod";
import type { Text } from "../../../http/app-error.js";
import { isoDate, parseYen } from "../../../lib/import-values.js";
import { type ColumnMapping, readRow } from "../../companies/index.js";
import { APPLICATION_COLUMNS, COLUMN_LABEL, type Column, type ImportMapping } from "./columns.js";

/** One problem of the file, as the person fixing the spreadsheet needs it, in both languages. */
export interface ImportError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  column: string;
  value: string;
  reason: string;
  reasonEn: string;
}

/** The business an application names: as the registry reads it, or only by 法人番号. */
export type FileCompany = { input: CompanyInput } | { corporateNumber: string };

/** One application of the file (its rows grouped by application_ref), read but not yet checked against the organization. */
export interface FileApplication {
  ref: string;
  /** Rows of its expense lines, in file order. */
  rows: number[];
  /** Its application-level cells as written, and the row each came from (its first non-blank cell). */
  values: Partial<Record<Column, string>>;
  sourceRow: Partial<Record<Column, number>>;
  company: FileCompany;
  programCode: string;
  fiscalYear: number | null;
  round: string | null;
  course: string | null;
  type: string | null;
  title: string;
  receivedOn: string;
  preStartApprovedOn: string | null;
  taxTreatment: SubsidyTaxTreatment;
  taxIncluded: boolean;
  lines: SubsidyExpenseLine[];
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s/g, "");

function lookup<T extends string>(entries: [T, string[]][]): (v: string) => T | undefined {
  const m = new Map<string, T>();
  for (const [value, words] of entries) for (const w of [value, ...words]) m.set(fold(w), value);
  return (v) => m.get(fold(v));
}
/** 消費税の扱い as the application schema has it (SUBSIDY_TAX_TREATMENTS); blank = 課税事業者. */
const TAX_TREATMENT = lookup<SubsidyTaxTreatment>([
  ["standard", ["課税", "課税事業者", "原則課税", "一般課税", "本則課税"]],
  ["exempt", ["免税", "免税事業者"]],
  ["simplified", ["簡易", "簡易課税", "簡易課税事業者"]],
]);
const TAX_RATE = lookup<SubsidyTaxRate>([
  ["standard", ["10", "10%", "標準", "標準税率"]],
  ["reduced", ["8", "8%", "軽減", "軽減税率"]],
  ["none", ["0", "0%", "非課税", "不課税", "対象外"]],
]);
const YES_NO = lookup<"yes" | "no">([
  ["yes", ["1", "true", "y", "はい", "○", "〇", "◯", "税込", "税込み", "内税"]],
  ["no", ["0", "false", "n", "いいえ", "×", "税抜", "税抜き", "外税"]],
]);
type SizeClass = z.infer<typeof sizeClassSchema>;
const SIZE_CLASS = lookup<SizeClass>([
  ["sme", ["中小企業", "中小"]],
  ["small", ["小規模", "小規模企業", "小規模企業者", "小規模事業者", "小規模企業等"]],
  ["other", ["大企業", "中小企業以外", "みなし大企業"]],
]);

/** 2026, 2026年度, 令和8年度, R8 → 2026. */
function fiscalYearOfCell(value: string): number | null {
  const v = value.normalize("NFKC").replace(/\s/g, "").replace(/年度$/, "");
  if (/^\d{4}$/.test(v)) return Number(v);
  const era = /^(令和|平成|[RrHh])(元|\d{1,2})$/.exec(v);
  if (!era) return null;
  const base = /^(令和|r)$/i.test(era[1] as string) ? 2018 : 1988;
  return base + (era[2] === "元" ? 1 : Number(era[2]));
}

const YEN_PROBLEM: Record<string, Text> = {
  negative: {
    ja: "金額は0以上の円単位の整数で入力してください（負の数は入力できません）",
    en: "Amounts are whole yen, 0 or more",
  },
  decimal: {
    ja: "金額は円単位の整数で入力してください。小数は入力できません（例 1500000 または 1,500,000）",
    en: "Amounts are whole yen; decimals are refused (e.g. 1500000 or 1,500,000)",
  },
  format: {
    ja: "金額は円単位の整数で入力してください（例 1500000 または 1,500,000。カンマは3桁区切りのみ）",
    en: "Enter the amount as whole yen (e.g. 1500000 or 1,500,000; commas only between groups of three digits)",
  },
  too_large: { ja: "金額が大きすぎます（1兆円まで）", en: "The amount is too large (at most 1 trillion yen)" },
};

/** English for the registry's own (Japanese) reasons about a business's cells. */
function companyReasonEn(column: Column, value: string): string {
  switch (column) {
    case "corporate_number":
      return corporateNumberProblem(value.normalize("NFKC"))?.en ?? "Check the corporate number (13 digits)";
    case "postal_code":
      return "Write the postal code as 960-8053";
    case "phone":
      return "A phone number needs at least 6 digits (up to 40 characters)";
    case "address":
      return "The address is too long (up to 300 characters)";
    default:
      return "Enter the business name (up to 200 characters)";
  }
}

/**
 * Reads the data rows into applications: rows sharing an application_ref are one application, its
 * application-level cells taken from the first row that fills them (later rows leave them blank or
 * repeat them), one expense line per row. Every problem is reported with its row and column; an
 * application with any problem is left out.
 */
export function readApplications(
  data: string[][],
  /** the spreadsheet row of each data row */
  rowNumbers: number[],
  headers: string[],
  mapping: ImportMapping,
): { applications: FileApplication[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const header = (c: Column) => headers[mapping.byField[c] ?? -1] ?? c;
  const cellOf = (cells: string[], c: Column) => {
    const i = mapping.byField[c];
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const fail = (row: number, c: Column | string, value: string, reason: Text) =>
    errors.push({
      row,
      column: (COLUMN_LABEL as Record<string, unknown>)[c] ? header(c as Column) : c,
      value,
      reason: reason.ja,
      reasonEn: reason.en,
    });

  const groups = new Map<string, { ref: string; rows: { row: number; cells: string[] }[] }>();
  data.forEach((cells, i) => {
    const row = rowNumbers[i] ?? i + 2;
    const ref = cellOf(cells, "application_ref").normalize("NFKC").trim();
    if (!ref) {
      fail(row, "application_ref", "", {
        ja: "申請番号を入力してください。同じ申請の経費の行には同じ申請番号を入れます",
        en: "Enter the application reference; the expense lines of one application share it",
      });
      return;
    }
    const group = groups.get(fold(ref)) ?? { ref, rows: [] };
    group.rows.push({ row, cells });
    groups.set(fold(ref), group);
  });

  const applications: FileApplication[] = [];
  for (const { ref, rows } of groups.values()) {
    const before = errors.length;
    const first = (rows[0] as { row: number }).row;
    const values: Partial<Record<Column, string>> = {};
    const sourceRow: Partial<Record<Column, number>> = {};
    for (const { row, cells } of rows) {
      for (const c of APPLICATION_COLUMNS) {
        const v = cellOf(cells, c);
        if (v === "") continue;
        const was = values[c];
        if (was === undefined) {
          values[c] = v;
          sourceRow[c] = row;
        } else if (fold(v) !== fold(was)) {
          fail(row, c, v, {
            ja: `申請番号「${ref}」の${sourceRow[c]}行目の${COLUMN_LABEL[c].ja}「${was}」と違います。1つの申請の${COLUMN_LABEL[c].ja}は同じ値にするか、2行目以降を空欄にしてください`,
            en: `Differs from the ${COLUMN_LABEL[c].en} "${was}" on row ${sourceRow[c]} of application "${ref}"; repeat the same value or leave it blank`,
          });
        }
      }
    }
    const at = (c: Column) => sourceRow[c] ?? first;
    const val = (c: Column) => values[c] ?? "";
    const text = (c: Column) => values[c] ?? null;

    const company = readCompany(values, sourceRow, first, headers, mapping, fail);

    // The export and the plan write "コード 事業名"; the code is the first word.
    const programCode = val("program_code").normalize("NFKC").split(/\s+/)[0] ?? "";
    if (!programCode)
      fail(at("program_code"), "program_code", "", {
        ja: "補助金の事業コード（計画の事業コード。例 11）を入力してください",
        en: "Enter the subsidy program's code (the plan's program code, e.g. 11)",
      });
    let fiscalYear: number | null = null;
    if (val("fiscal_year")) {
      fiscalYear = fiscalYearOfCell(val("fiscal_year"));
      if (fiscalYear === null || fiscalYear < 2000 || fiscalYear > 2100)
        fail(at("fiscal_year"), "fiscal_year", val("fiscal_year"), {
          ja: "年度は 2026 または 令和8年度 の形で入力してください（空欄なら受付日から判断します）",
          en: "Write the fiscal year as 2026 or 令和8年度 (blank: taken from the date received)",
        });
    }
    const title = val("title");
    if (!title)
      fail(at("title"), "title", "", {
        ja: "事業名（補助事業の名称）を入力してください",
        en: "Enter the title of the application",
      });
    const receivedOn = isoDate(val("received_on"));
    if (!receivedOn)
      fail(at("received_on"), "received_on", val("received_on"), {
        ja: "受付日は 2026-05-20（2026/5/20、令和8年5月20日）の形で入力してください",
        en: "Write the date received as 2026-05-20 (or 2026/5/20)",
      });
    const preStartApprovedOn = val("pre_start_approved_on") ? isoDate(val("pre_start_approved_on")) : null;
    if (val("pre_start_approved_on") && !preStartApprovedOn)
      fail(at("pre_start_approved_on"), "pre_start_approved_on", val("pre_start_approved_on"), {
        ja: "事前着手承認日は 2026-05-20 の形で入力してください",
        en: "Write the pre-start approval date as 2026-05-20",
      });
    const taxTreatment = val("tax_treatment") ? TAX_TREATMENT(val("tax_treatment")) : "standard";
    if (!taxTreatment)
      fail(at("tax_treatment"), "tax_treatment", val("tax_treatment"), {
        ja: "消費税の扱いは「課税事業者」「免税事業者」「簡易課税」のいずれかで入力してください（空欄は課税事業者）",
        en: "Tax treatment is standard, exempt (免税事業者) or simplified (簡易課税); blank means standard",
      });
    const taxIncluded = val("tax_included") ? YES_NO(val("tax_included")) : "no";
    if (!taxIncluded)
      fail(at("tax_included"), "tax_included", val("tax_included"), {
        ja: "税込は「はい」「いいえ」（または 税込 / 税抜、1 / 0）で入力してください",
        en: "Tax included is yes or no (税込 / 税抜, 1 / 0)",
      });

    const lines: SubsidyExpenseLine[] = [];
    for (const { row, cells } of rows) {
      const amount = cellOf(cells, "amount_yen");
      const parsed = amount ? parseYen(amount, SUBSIDY_YEN_MAX) : null;
      if (!parsed)
        fail(row, "amount_yen", "", {
          ja: "経費の金額（円）を入力してください",
          en: "Enter the expense amount in yen",
        });
      else if ("problem" in parsed) fail(row, "amount_yen", amount, YEN_PROBLEM[parsed.problem] as Text);
      const rateCell = cellOf(cells, "tax_rate");
      const taxRate = rateCell ? TAX_RATE(rateCell) : undefined;
      if (rateCell && !taxRate)
        fail(row, "tax_rate", rateCell, {
          ja: "税率は 10% / 8%（軽減税率）/ 非課税 のいずれかで入力してください",
          en: "The tax rate is 10%, 8% (reduced) or none (非課税)",
        });
      const category = cellOf(cells, "category");
      const note = cellOf(cells, "note");
      lines.push({
        ...(category ? { category } : {}),
        ...(note ? { description: note } : {}),
        amountYen: parsed && "yen" in parsed ? parsed.yen : 0,
        ...(taxRate ? { taxRate } : {}),
      });
    }
    if (errors.length > before || !company) continue;
    applications.push({
      ref,
      rows: rows.map((r) => r.row),
      values,
      sourceRow,
      company,
      programCode,
      fiscalYear,
      round: text("round"),
      course: text("course"),
      type: text("type"),
      title,
      receivedOn: receivedOn as string,
      preStartApprovedOn,
      taxTreatment: taxTreatment as SubsidyTaxTreatment,
      taxIncluded: taxIncluded === "yes",
      lines,
    });
  }
  return { applications, errors };
}

/** The business: the registry's own reading of the cells (name, 法人番号, 〒, 住所, 電話) plus 規模区分. */
function readCompany(
  values: Partial<Record<Column, string>>,
  sourceRow: Partial<Record<Column, number>>,
  first: number,
  headers: string[],
  mapping: ImportMapping,
  fail: (row: number, c: Column | string, value: string, reason: Text) => void,
): FileCompany | null {
  const name = values.company_name ?? "";
  const cn = (values.corporate_number ?? "").normalize("NFKC").trim();
  if (!name && !cn) {
    fail(first, "company_name", "", {
      ja: "事業者名か法人番号を入力してください",
      en: "Enter the business name or its corporate number",
    });
    return null;
  }
  if (!name) {
    const problem = corporateNumberProblem(cn);
    if (problem) {
      fail(sourceRow.corporate_number ?? first, "corporate_number", cn, problem);
      return null;
    }
    return { corporateNumber: cn };
  }
  const byCompanyColumn: [Column, keyof ColumnMapping["byField"]][] = [
    ["company_name", "name"],
    ["corporate_number", "corporate_number"],
    ["postal_code", "postal_code"],
    ["address", "address"],
    ["phone", "phone"],
  ];
  const cells = headers.map(() => "");
  const companyMapping: ColumnMapping = { byField: {}, ignored: [] };
  for (const [c, field] of byCompanyColumn) {
    const i = mapping.byField[c];
    if (i === undefined) continue;
    cells[i] = values[c] ?? "";
    companyMapping.byField[field] = i;
  }
  const read = readRow(cells, first, headers, companyMapping);
  for (const e of read.errors) {
    const c = byCompanyColumn.find(([col]) => headers[mapping.byField[col] ?? -1] === e.column)?.[0] ?? "company_name";
    fail(sourceRow[c] ?? first, e.column, e.value, { ja: e.reason, en: companyReasonEn(c, e.value) });
  }
  const sizeCell = values.size_class ?? "";
  const sizeClass = sizeCell ? SIZE_CLASS(sizeCell) : undefined;
  if (sizeCell && !sizeClass) {
    fail(sourceRow.size_class ?? first, "size_class", sizeCell, {
      ja: "規模区分は「中小企業」「小規模企業」「大企業」のいずれかで入力してください（事業者を新規登録するときに使います）",
      en: "The size class is 中小企業 (SME), 小規模企業 (small) or 大企業 (other); it is used when the business is registered",
    });
    return null;
  }
  if (!read.input) return null;
  return { input: { ...read.input, ...(sizeClass ? { sizeClass } : {}) } };
}
