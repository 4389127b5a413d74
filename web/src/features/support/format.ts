import type {
  fiscalYearOf as ContractFiscalYearOf,
  todayInTokyo as ContractTodayInTokyo,
  Locale,
} from "@shien/contracts";

/**
 * The contract's date rules, repeated here: importing values from @shien/contracts beyond the
 * dependency-free ones re-checked in lib/numbers.ts risks pulling zod into the bundle. The types
 * are the contract's, so a change of signature there fails `tsc -p web`.
 */
export const todayInTokyo: typeof ContractTodayInTokyo = (now = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(now);

/** 年度 of a business date: April–March, named by the year of its April. */
export const fiscalYearOf: typeof ContractFiscalYearOf = (isoDate) => {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
};

export function currentFiscalYear(): number {
  return fiscalYearOf(todayInTokyo());
}

const yenFormat = new Intl.NumberFormat("ja-JP");

/** "12,000円" / "¥12,000"; nothing for an absent amount. */
export function formatYen(yen: number | null | undefined, locale: Locale): string {
  if (yen === null || yen === undefined) return "";
  return locale === "ja" ? `${yenFormat.format(yen)}円` : `¥${yenFormat.format(yen)}`;
}

/** "1時間30分" / "1 h 30 min". */
export function formatMinutes(minutes: number | null | undefined, locale: Locale): string {
  if (minutes === null || minutes === undefined) return "";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (locale === "ja") return `${h > 0 ? `${h}時間` : ""}${m > 0 || h === 0 ? `${m}分` : ""}`;
  return [h > 0 ? `${h} h` : "", m > 0 || h === 0 ? `${m} min` : ""].filter(Boolean).join(" ");
}

/** Text inputs keep what was typed; the API wants null for nothing. */
export const textOrNull = (v: string): string | null => v.trim() || null;
