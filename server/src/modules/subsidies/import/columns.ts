import { SUBSIDY_IMPORT_COLUMNS, type SubsidyImportColumn } from "@shien/contracts";
import { columnMapper, type Mapping } from "../../companies/index.js";

/**
 * The columns of a subsidy application import (contracts: SUBSIDY_IMPORT_COLUMNS), the headers
 * Japanese offices use for them, and which of them describe the application rather than one
 * expense line.
 */
export type Column = SubsidyImportColumn;
export const COLUMNS = SUBSIDY_IMPORT_COLUMNS;

const ALIASES: Record<Column, string[]> = {
  application_ref: ["申請番号", "受付番号", "整理番号", "申請ID", "申請キー", "ref"],
  corporate_number: ["法人番号"],
  company_name: ["事業者名", "事業者", "申請者", "申請者名", "会社名", "企業名", "名称", "商号"],
  postal_code: ["郵便番号", "〒"],
  address: ["住所", "所在地"],
  phone: ["電話番号", "電話", "tel"],
  size_class: ["規模", "規模区分", "企業規模"],
  program_code: ["事業コード", "事業", "補助事業コード", "program"],
  fiscal_year: ["年度"],
  round: ["公募回", "募集回", "回", "期"],
  course: ["コース", "申請枠", "枠"],
  type: ["申請種別", "種別", "出願の種類"],
  title: ["事業名", "補助事業名", "件名", "テーマ"],
  received_on: ["受付日", "申請日", "受理日"],
  pre_start_approved_on: ["事前着手承認日", "事前着手日"],
  tax_treatment: ["消費税の扱い", "課税区分", "納税区分", "課税事業者区分"],
  tax_included: ["税込", "税込み", "税込区分", "金額は税込"],
  category: ["経費区分", "費目", "経費の区分"],
  amount_yen: ["金額", "金額(円)", "経費額", "見積額", "補助対象経費"],
  tax_rate: ["税率", "消費税率"],
  note: ["摘要", "内容", "明細", "品名", "備考", "description"],
};

const mapper = columnMapper(COLUMNS, ALIASES);
export type ImportMapping = Mapping<Column>;
/** Parses `--map "申請No=application_ref,金額(税抜)=amount_yen"`. */
export const parseMapOption = mapper.parseMapOption;
export const resolveMapping = mapper.resolveMapping;

/** Columns every file needs (the business is named by company_name or corporate_number). */
export const REQUIRED: readonly Column[] = ["application_ref", "program_code", "title", "received_on", "amount_yen"];

/** Columns that describe the application: on its first row, and blank or the same on its other rows. */
export const APPLICATION_COLUMNS: readonly Column[] = SUBSIDY_IMPORT_COLUMNS.slice(
  1,
  SUBSIDY_IMPORT_COLUMNS.indexOf("category"),
);

/** What each column is, for messages that name a missing one. */
export const COLUMN_LABEL: Record<Column, { ja: string; en: string }> = {
  application_ref: { ja: "申請番号", en: "application reference" },
  corporate_number: { ja: "法人番号", en: "corporate number" },
  company_name: { ja: "事業者名", en: "business name" },
  postal_code: { ja: "郵便番号", en: "postal code" },
  address: { ja: "所在地", en: "address" },
  phone: { ja: "電話番号", en: "phone" },
  size_class: { ja: "規模区分", en: "size class" },
  program_code: { ja: "事業コード", en: "program code" },
  fiscal_year: { ja: "年度", en: "fiscal year" },
  round: { ja: "公募回", en: "round" },
  course: { ja: "コース", en: "course" },
  type: { ja: "申請種別", en: "application type" },
  title: { ja: "事業名", en: "title" },
  received_on: { ja: "受付日", en: "received on" },
  pre_start_approved_on: { ja: "事前着手承認日", en: "pre-start approval date" },
  tax_treatment: { ja: "消費税の扱い", en: "tax treatment" },
  tax_included: { ja: "税込", en: "tax included" },
  category: { ja: "経費区分", en: "expense category" },
  amount_yen: { ja: "金額", en: "amount" },
  tax_rate: { ja: "税率", en: "tax rate" },
  note: { ja: "摘要", en: "description" },
};
