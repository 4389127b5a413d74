import { formatSenYen } from "@shien/contracts";

/**
 * Figures as the plans print them: 千円 with thousands separators and ▲ for negatives (never a
 * minus sign). `formatSenYen`, `fiscalYearWareki` and `fiscalYearLabel` are the contract's own
 * (contracts/src/wareki.ts), imported as values on purpose: that module imports nothing and the
 * contracts package is `"sideEffects": false`, so the bundle takes only these functions (checked:
 * +0.4 kB, no zod). Import them from here, so this stays the one value import to re-check.
 */
export { fiscalYearLabel, fiscalYearWareki, formatSenYen } from "@shien/contracts";

/** The document's 約 (about) for figures it prints rounded. */
const ABOUT = "約";

/** 千円 figure, with 約 when the document printed it rounded: "124,990", "約5,400". */
export function formatAmount(yen: number, approximate = false): string {
  return `${approximate ? ABOUT : ""}${formatSenYen(yen)}`;
}

/** 前年度比 in 千円: "+50,000", "▲741", "0", "+約5,400" (sign first, as the documents print it). */
export function formatDifference(yen: number, approximate = false): string {
  const about = approximate ? ABOUT : "";
  if (yen > 0) return `+${about}${formatSenYen(yen)}`;
  if (yen < 0) return `▲${about}${formatSenYen(-yen)}`;
  return `${about}0`;
}

const countFormat = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 3 });

/** A count or target: "2,800", "52", "0.5"; ▲ for negatives. */
export function formatCount(value: number): string {
  return value < 0 ? `▲${countFormat.format(-value)}` : countFormat.format(value);
}
