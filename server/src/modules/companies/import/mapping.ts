/** The canonical import columns (others are mapped onto these with --map or the mapping screen). */
export const CANONICAL_COLUMNS = [
  "corporate_number",
  "name",
  "name_kana",
  "postal_code",
  "address",
  "phone",
  "representative",
  "email",
  "website",
  "industry",
  "industry_code",
  "employees",
  "capital",
  "sole_proprietor",
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Headers Japanese offices commonly use for each column, matched after NFKC and without spaces. */
const ALIASES: Record<CanonicalColumn, string[]> = {
  corporate_number: ["法人番号", "corporatenumber"],
  name: ["事業者名", "会社名", "企業名", "名称", "商号", "法人名", "屋号", "name"],
  name_kana: ["フリガナ", "ふりがな", "カナ", "事業者名カナ", "会社名カナ", "kana", "namekana"],
  postal_code: ["郵便番号", "〒", "postalcode", "zip"],
  address: ["住所", "所在地", "本社所在地", "address"],
  phone: ["電話番号", "電話", "tel", "phone"],
  representative: ["代表者", "代表者名", "代表者氏名", "representative"],
  email: ["メール", "メールアドレス", "e-mail", "email"],
  website: ["url", "ホームページ", "ウェブサイト", "website"],
  industry: ["業種", "industry"],
  industry_code: ["業種コード", "産業分類コード", "産業分類", "industrycode", "jsic"],
  employees: ["従業員数", "従業員", "employees"],
  capital: ["資本金", "資本金(円)", "capital"],
  sole_proprietor: ["個人事業主", "個人", "soleproprietor"],
};

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[\s_]/g, "");

export interface ColumnMapping {
  /** Column index in the file for each mapped canonical column. */
  byField: Partial<Record<CanonicalColumn, number>>;
  /** Headers that map to nothing (ignored). */
  ignored: string[];
}

/** Parses `--map "会社名=name,TEL=phone"`. */
export function parseMapOption(option: string | undefined): Record<string, CanonicalColumn> {
  const map: Record<string, CanonicalColumn> = {};
  if (!option) return map;
  for (const pair of option.split(",")) {
    const [from, to] = pair.split("=").map((s) => s.trim());
    if (!from || !to || !(CANONICAL_COLUMNS as readonly string[]).includes(to)) {
      throw new Error(
        `--map の「${pair}」が読めません。「見出し=列名」の形で、列名は ${CANONICAL_COLUMNS.join(", ")} のいずれかです`,
      );
    }
    map[from] = to as CanonicalColumn;
  }
  return map;
}

/** Explicit mappings first, then canonical names and common Japanese headers. */
export function resolveMapping(headers: string[], explicit: Record<string, string> = {}): ColumnMapping {
  const byField: Partial<Record<CanonicalColumn, number>> = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const target =
      (explicit[header] as CanonicalColumn | undefined) ??
      CANONICAL_COLUMNS.find((c) => fold(c) === fold(header) || ALIASES[c].some((a) => fold(a) === fold(header)));
    if (target && byField[target] === undefined) byField[target] = index;
    else ignored.push(header);
  });
  return { byField, ignored };
}
