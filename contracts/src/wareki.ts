/**
 * 年度 in 和暦: a fiscal year is named by the era year of its April. 2026 → 令和8年度,
 * 2019 → 令和元年度 (Reiwa began 2019-05-01, so April 2019 was still 平成31年; centers nonetheless
 * call FY2019 令和元年度), 2018 → 平成30年度.
 */
export function fiscalYearWareki(fiscalYear: number): string {
  if (fiscalYear >= 2019) return `令和${eraYear(fiscalYear - 2018)}年度`;
  if (fiscalYear >= 1989) return `平成${eraYear(fiscalYear - 1988)}年度`;
  return `昭和${eraYear(fiscalYear - 1925)}年度`;
}

/** Era starts, newest first. */
const ERAS = [
  { name: "令和", start: "2019-05-01", first: 2019 },
  { name: "平成", start: "1989-01-08", first: 1989 },
  { name: "昭和", start: "1926-12-25", first: 1926 },
] as const;

/** "2026-11-20" → "令和8年11月20日"; an era's first year is 元年, and 2019-04-30 is still 平成31年. */
export function warekiDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  const day = iso.slice(0, 10);
  const era = ERAS.find((e) => day >= e.start) ?? ERAS[2];
  const year = Number(match[1]) - era.first + 1;
  return `${era.name}${year === 1 ? "元" : year}年${Number(match[2])}月${Number(match[3])}日`;
}

function eraYear(n: number): string {
  return n === 1 ? "元" : String(n);
}

/** "令和8年度（2026年度）". */
export function fiscalYearLabel(fiscalYear: number): string {
  return `${fiscalYearWareki(fiscalYear)}（${fiscalYear}年度）`;
}

/**
 * Yen shown in 千円 as the plans print them: thousands separators and ▲ for negatives.
 * Non-multiples of 1,000 keep their decimals (exact, never rounded silently).
 */
export function formatSenYen(yen: number): string {
  const negative = yen < 0;
  const abs = Math.abs(yen);
  const whole = Math.trunc(abs / 1000);
  const rest = abs % 1000;
  const text =
    whole.toLocaleString("ja-JP") + (rest === 0 ? "" : `.${String(rest).padStart(3, "0").replace(/0+$/, "")}`);
  return negative ? `▲${text}` : text;
}
