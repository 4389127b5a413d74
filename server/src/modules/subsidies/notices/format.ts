/**
 * How the notices and the list write dates and money: 和暦 (令和8年11月20日) and yen with
 * thousands separators (1,500,000円), as prefectural 通知書 print them.
 */

/** The era boundaries the documents can meet (an era starts on its first day). */
const ERAS = [
  { name: "令和", start: "2019-05-01", first: 2019 },
  { name: "平成", start: "1989-01-08", first: 1989 },
  { name: "昭和", start: "1926-12-25", first: 1926 },
] as const;

/** "2026-11-20" → "令和8年11月20日"; the first year of an era is 元年 (2019-05-01 → 令和元年5月1日). */
export function warekiDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const day = iso.slice(0, 10);
  const era = ERAS.find((e) => day >= e.start) ?? ERAS[ERAS.length - 1];
  if (!era) throw new Error("no era");
  const year = Number(y) - era.first + 1;
  return `${era.name}${year === 1 ? "元" : year}年${Number(m)}月${Number(d)}日`;
}

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
