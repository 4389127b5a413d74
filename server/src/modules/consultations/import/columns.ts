import { type Mapping as CompanyImportMapping, columnMapper } from "../../companies/index.js";

/**
 * Columns of a consultation import. The first twelve are the canonical ones; the last five
 * carry what a consultation needs in some cases (開催場所 for 出張相談会, a person without a business)
 * so that past records can come in whole.
 */
export const COLUMNS = [
  "date",
  "program_code",
  "company_name",
  "corporate_number",
  "postal_code",
  "address",
  "phone",
  "channel",
  "status",
  "topics",
  "staff",
  "notes",
  "person_name",
  "location",
  "duration_minutes",
  "next_action",
  "follow_up_on",
] as const;
export type Column = (typeof COLUMNS)[number];

/** Headers Japanese offices use, and the ones our own CSV export writes, so an export reads back in. */
const ALIASES: Record<Column, string[]> = {
  date: ["日付", "相談日", "対応日", "訪問日", "実施日"],
  program_code: ["事業", "事業コード", "事業番号"],
  company_name: ["事業者", "事業者名", "会社名", "企業名", "名称", "商号"],
  corporate_number: ["法人番号"],
  postal_code: ["郵便番号", "〒"],
  address: ["住所", "所在地"],
  phone: ["電話番号", "電話", "tel"],
  channel: ["対応方法", "相談方法", "方法"],
  status: ["状況", "状態", "ステータス"],
  topics: ["分野", "相談分野", "テーマ"],
  staff: ["担当", "担当者", "コーディネーター", "対応者"],
  notes: ["内容", "相談内容", "概要"],
  person_name: ["相談者", "相談者名"],
  location: ["場所", "開催場所", "会場"],
  duration_minutes: ["所要時間", "相談時間", "時間(分)"],
  next_action: ["次回対応", "次回の対応"],
  follow_up_on: ["フォロー予定日", "次回予定日"],
};

const consultationColumns = columnMapper(COLUMNS, ALIASES);
export type Mapping = CompanyImportMapping<Column>;
/** Parses `--map "相談日=date,TEL=phone"`; an unknown target is an error naming the columns there are. */
export const parseMapOption = consultationColumns.parseMapOption;
/** Explicit mappings first, then canonical names and common Japanese headers. */
export const resolveMapping = consultationColumns.resolveMapping;
