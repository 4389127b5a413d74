import type { KpiIndicator } from "@shien/contracts";
import { todayInTokyo } from "../support/format";

/**
 * 進捗のペース: how far through the fiscal year (April–March) the as-of date is, and whether an
 * indicator keeps up with it. All dates are ISO business dates (Asia/Tokyo); the arithmetic is
 * done on UTC midnights so the browser's zone never shifts a day.
 */

const DAY_MS = 86_400_000;

function utcDay(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
}

export function fiscalYearStart(fiscalYear: number): string {
  return `${fiscalYear}-04-01`;
}

export function fiscalYearEnd(fiscalYear: number): string {
  return `${fiscalYear + 1}-03-31`;
}

/** The as-of date a year opens with: today, kept inside the year (a past year shows its end). */
export function defaultAsOf(fiscalYear: number, today: string = todayInTokyo()): string {
  const start = fiscalYearStart(fiscalYear);
  const end = fiscalYearEnd(fiscalYear);
  if (today < start) return start;
  if (today > end) return end;
  return today;
}

/** Share of the year elapsed at the end of the as-of day, 0–1 (366 days in a year with 29 February). */
export function elapsedShare(fiscalYear: number, asOf: string): number {
  const start = utcDay(fiscalYearStart(fiscalYear));
  const days = (utcDay(fiscalYearEnd(fiscalYear)) - start) / DAY_MS + 1;
  const elapsed = (utcDay(asOf) - start) / DAY_MS + 1;
  return Math.min(1, Math.max(0, elapsed / days));
}

/** 四半期 of a date in its fiscal year: April–June = 1 … January–March = 4. */
export function quarterOf(isoDate: string): 1 | 2 | 3 | 4 {
  const month = Number(isoDate.slice(5, 7));
  if (month >= 4 && month <= 6) return 1;
  if (month >= 7 && month <= 9) return 2;
  if (month >= 10) return 3;
  return 4;
}

/** The months of a fiscal year April→March as "2026-04" … "2027-03" (the index of `monthly`). */
export function fiscalMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = i < 9 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, "0")}`;
  });
}

export type PaceStatus = "ahead" | "close" | "behind";

/** Within this share of the pace an indicator is "close" (yellow) rather than "behind" (red). */
const CLOSE_SHARE = 0.8;

/**
 * The 進捗率 an indicator should have reached by the as-of date: for figures that add up over the
 * year (count, sum, distinct businesses) the elapsed share of the year; for a running value (a
 * ratio such as 肯定的評価 %) the full target at any time, since it does not grow with the months.
 */
export function expectedProgress(indicator: Pick<KpiIndicator, "cumulative">, share: number): number {
  return indicator.cumulative ? share * 100 : 100;
}

/** null when there is nothing to judge: no target, or no actual yet (未計測, no metric, 0 denominator). */
export function paceStatus(
  indicator: Pick<KpiIndicator, "cumulative" | "progress" | "target">,
  share: number,
): PaceStatus | null {
  if (indicator.target === null || indicator.progress === null) return null;
  const expected = expectedProgress(indicator, share);
  if (indicator.progress >= expected) return "ahead";
  if (indicator.progress >= expected * CLOSE_SHARE) return "close";
  return "behind";
}

export const paceColor: Record<PaceStatus, string> = { ahead: "teal", close: "yellow", behind: "red" };

export interface TrendPoint {
  /** "2026-04" */
  month: string;
  /** The month's own amount (count, sum, first-time businesses); null for a running value or a future month. */
  amount: number | null;
  /** Year to date at the month's end (cumulative measures), or the running value (ratios); null after as-of. */
  actual: number | null;
  /** The target pace: target × month/12 for cumulative measures, the target itself for running values. */
  pace: number | null;
}

/** The chart's series: actual year to date (or the running value) against the target pace line. */
export function trendPoints(
  indicator: Pick<KpiIndicator, "monthly" | "cumulative" | "target">,
  fiscalYear: number,
): TrendPoint[] {
  const months = fiscalMonths(fiscalYear);
  let running = 0;
  return months.map((month, i) => {
    const value = indicator.monthly[i] ?? null;
    let actual: number | null = null;
    if (value !== null) {
      running += value;
      actual = indicator.cumulative ? running : value;
    }
    const target = indicator.target;
    return {
      month,
      amount: indicator.cumulative ? value : null,
      actual,
      pace: target === null ? null : indicator.cumulative ? (target * (i + 1)) / 12 : target,
    };
  });
}
