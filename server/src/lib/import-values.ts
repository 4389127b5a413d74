/**
 * Cell values as Japanese offices type them into import files and options: business dates and
 * integer yen. Pure text functions, shared by the imports (consultations, subsidy applications)
 * and the CLI.
 */

/** 令和 1 = 2019, 平成 1 = 1989 (the first year of an era is written 元). */
const ERA_OFFSET: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988 };

/**
 * 2026-04-01, 2026/4/1, 2026.4.1, 2026年4月1日 and 和暦 (令和8年4月1日, R8.4.1, 令和元年5月1日) → ISO,
 * or null when the text is not a real calendar date.
 */
export function isoDate(value: string): string | null {
  const text = value.normalize("NFKC").trim().replace(/\s/g, "");
  let y: number;
  let m: string | undefined;
  let d: string | undefined;
  const western = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/.exec(text);
  const era = /^(令和|平成|[RrHh])(元|\d{1,2})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/.exec(text);
  if (western) {
    y = Number(western[1]);
    m = western[2] ?? western[4];
    d = western[3] ?? western[5];
  } else if (era) {
    y = (ERA_OFFSET[(era[1] as string).toLowerCase()] as number) + (era[2] === "元" ? 1 : Number(era[2]));
    m = era[3] ?? era[5];
    d = era[4] ?? era[6];
  } else return null;
  const iso = `${String(y).padStart(4, "0")}-${m?.padStart(2, "0")}-${d?.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Why a yen text was refused; the caller words it for its own field or option. */
export type YenProblem = "negative" | "decimal" | "format" | "too_large";

/**
 * A non-negative integer yen amount: 3000000, 3,000,000, ３，０００，０００円 or ¥3,000,000. Thousands
 * commas only in groups of three; decimals are refused, never rounded (money is integer yen).
 */
export function parseYen(raw: string, max: number): { yen: number } | { problem: YenProblem } {
  const s = raw
    .normalize("NFKC")
    .trim()
    .replace(/^[¥\\]\s*/, "")
    .replace(/円$/, "");
  if (s.startsWith("-") || s.startsWith("▲") || s.startsWith("△")) return { problem: "negative" };
  if (/^[\d,]*\.\d*$/.test(s)) return { problem: "decimal" };
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(s)) return { problem: "format" };
  const yen = Number(s.replaceAll(",", ""));
  if (!Number.isSafeInteger(yen) || yen > max) return { problem: "too_large" };
  return { yen };
}
