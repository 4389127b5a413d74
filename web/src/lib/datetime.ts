import { type Locale, warekiDate } from "@shien/contracts";

/** Moments are shown in the center's zone whatever the browser's zone is. */
export const TIME_ZONE = "Asia/Tokyo";

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat("ja-JP", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }),
};

const secondsFormat = new Intl.DateTimeFormat("ja-JP", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "2026/04/01 09:30" (ja) or "1 Apr 2026, 09:30" (en); empty input gives "". */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormats[locale].format(date);
}

/** With seconds, for the audit log where order within a minute matters. */
export function formatDateTimeSeconds(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : secondsFormat.format(date);
}

/** How dates read in Japanese: 和暦 (令和8年1月31日) or 西暦 (2026年1月31日); a per-browser choice. */
export type DateStyle = "wareki" | "seireki";

/**
 * A calendar date as stored ("2026-01-31"): "令和8年1月31日" or "2026年1月31日" (ja, by style) or
 * "31 Jan 2026" (en); no zone involved.
 */
export function formatDate(isoDate: string | null | undefined, locale: Locale, style: DateStyle): string {
  if (!isoDate) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (locale === "ja") return style === "wareki" ? warekiDate(isoDate) : `${year}年${month}月${day}日`;
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    date,
  );
}
