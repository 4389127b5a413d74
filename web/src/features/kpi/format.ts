import type { KpiIndicator, Locale } from "@shien/contracts";
import { formatCount } from "../../lib/numbers";

export const DASH = "—";

const oneDecimal = new Intl.NumberFormat("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A figure of an indicator: counts as they are ("2,800"), running values (ratios such as 肯定的評価 %)
 * with one decimal ("83.3"); a dash when there is none.
 */
export function formatFigure(value: number | null, indicator: Pick<KpiIndicator, "cumulative">): string {
  if (value === null) return DASH;
  if (!indicator.cumulative && !Number.isInteger(value)) return oneDecimal.format(value);
  return formatCount(value);
}

/** 進捗率 as the server rounds it (one decimal): "12.3%". */
export function formatProgress(progress: number | null): string {
  return progress === null ? DASH : `${oneDecimal.format(progress)}%`;
}

/** "2026-04" → "4月" (ja) or "Apr" (en): the chart's x axis. */
export function shortMonth(month: string, locale: Locale): string {
  const m = Number(month.slice(5, 7));
  if (locale === "ja") return `${m}月`;
  return new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2000, m - 1)));
}

/** "2026-04" → "2026年4月" (ja) or "Apr 2026" (en). */
export function longMonth(month: string, locale: Locale): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale === "ja") return `${y}年${m}月`;
  return new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1)),
  );
}
