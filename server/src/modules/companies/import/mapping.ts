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

/** Which file column feeds each import column, and the headers that feed none. */
export interface Mapping<C extends string> {
  /** Column index in the file for each mapped import column. */
  byField: Partial<Record<C, number>>;
  /** Headers that map to nothing (ignored). */
  ignored: string[];
}
export type ColumnMapping = Mapping<CanonicalColumn>;

/**
 * The header mapping of one import (businesses, consultations, subsidy applications): `--map`
 * parsing and header resolution over its own columns and the headers offices use for them.
 */
export function columnMapper<C extends string>(columns: readonly C[], aliases: Record<C, readonly string[]>) {
  return {
    /** Parses `--map "会社名=name,TEL=phone"`; an unknown column is an error naming the ones there are. */
    parseMapOption(option: string | undefined): Record<string, C> {
      const map: Record<string, C> = {};
      if (!option) return map;
      for (const pair of option.split(",")) {
        const [from, to] = pair.split("=").map((s) => s.trim());
        if (!from || !to || !(columns as readonly string[]).includes(to)) {
          throw new Error(
            `--map の「${pair}」が読めません。「見出し=列名」の形で、列名は ${columns.join(", ")} のいずれかです`,
          );
        }
        map[from] = to as C;
      }
      return map;
    },
    /** Explicit mappings first ("" = do not import), then column names and common Japanese headers. */
    resolveMapping(headers: string[], explicit: Record<string, string> = {}): Mapping<C> {
      const byField: Partial<Record<C, number>> = {};
      const ignored: string[] = [];
      headers.forEach((header, index) => {
        const target =
          (explicit[header] as C | undefined) ??
          columns.find((c) => fold(c) === fold(header) || aliases[c].some((a) => fold(a) === fold(header)));
        if (target && byField[target] === undefined) byField[target] = index;
        else ignored.push(header);
      });
      return { byField, ignored };
    },
  };
}

const companyColumns = columnMapper(CANONICAL_COLUMNS, ALIASES);
/** Parses `--map "会社名=name,TEL=phone"`. */
export const parseMapOption = companyColumns.parseMapOption;
/** Explicit mappings first, then canonical names and common Japanese headers. */
export const resolveMapping = companyColumns.resolveMapping;
