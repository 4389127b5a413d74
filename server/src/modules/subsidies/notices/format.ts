/**
 * How the notices and the list write dates and money: 和暦 (令和8年11月20日) and yen with
 * thousands separators (1,500,000円), as prefectural 通知書 print them.
 */

export { warekiDate } from "@shien/contracts";

/** 1500000 → "1,500,000円" (negative: "-1,500円"). */
export function yenText(yen: number): string {
  const negative = yen < 0;
  const digits = String(Math.abs(Math.trunc(yen))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${digits}円`;
}

/**
 * 敬称: 御中 for an organization (a company, a 組合, a 法人), 様 otherwise. The subsidy module sees
 * only the business's name, so the legal form is read from it; 様 is the safe default for a
 * person or a 屋号.
 */
export function honorific(name: string): string {
  return /株式会社|有限会社|合同会社|合資会社|合名会社|法人|組合|協会|連合会|㈱|㈲|[（(](株|有|同|資|名)[)）]/.test(
    name,
  )
    ? "御中"
    : "様";
}
