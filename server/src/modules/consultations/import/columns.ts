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

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[\s_]/g, "");

export interface Mapping {
  byField: Partial<Record<Column, number>>;
  ignored: string[];
}

/** Parses `--map "相談日=date,TEL=phone"`; an unknown target is an error naming the columns there are. */
export function parseMapOption(option: string | undefined): Record<string, Column> {
  const map: Record<string, Column> = {};
  if (!option) return map;
  for (const pair of option.split(",")) {
    const [from, to] = pair.split("=").map((s) => s.trim());
    if (!from || !to || !(COLUMNS as readonly string[]).includes(to)) {
      throw new Error(
        `--map の「${pair}」が読めません。「見出し=列名」の形で、列名は ${COLUMNS.join(", ")} のいずれかです`,
      );
    }
    map[from] = to as Column;
  }
  return map;
}

/** Explicit mappings first, then canonical names and common Japanese headers. */
export function resolveMapping(headers: string[], explicit: Record<string, string> = {}): Mapping {
  const byField: Partial<Record<Column, number>> = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const target =
      (explicit[header] as Column | undefined) ??
      COLUMNS.find((c) => fold(c) === fold(header) || ALIASES[c].some((a) => fold(a) === fold(header)));
    if (target && byField[target] === undefined) byField[target] = index;
    else ignored.push(header);
  });
  return { byField, ignored };
}
