/**
 * 年度 (fiscal year) of a business date: April–March, named by the year of its April.
 * 2026-03-31 → 2025, 2026-04-01 → 2026. Dates are ISO `YYYY-MM-DD` business dates (Asia/Tokyo).
 */
export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** First and last day of a fiscal year, as ISO dates. */
export function fiscalYearRange(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/**
 * Today's business date in Japan. Business dates never come from a UTC timestamp without the
 * zone: at 08:00 JST the UTC date is still yesterday.
 */
export function todayInTokyo(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(now);
}
