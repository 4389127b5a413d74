import type { Locale, SubsidyFrame, SubsidyProgram, SubsidyRate, SubsidyVariant } from "@shien/contracts";
import type { Translate } from "../../lib/i18n";
import { formatSenYen } from "../../lib/numbers";

export { formatYen } from "../support/format";

/** 補助率 as the 要綱 write it, unreduced: "1/2", "2/3", "10/10". */
export function formatRate(rate: Pick<SubsidyRate, "numerator" | "denominator">): string {
  return `${rate.numerator}/${rate.denominator}`;
}

/** A cap or floor in 千円 as the plans print them: "2,000千円" / "¥2,000k". */
export function formatSen(yen: number, locale: Locale): string {
  return locale === "ja" ? `${formatSenYen(yen)}千円` : `¥${formatSenYen(yen)}k`;
}

/** Yen as digits only, for data attributes a test can read. */
export const digits = (yen: number | null | undefined): string =>
  yen === null || yen === undefined ? "" : String(yen);

/** A course or type by its code or Japanese name (what applications store), as the server finds it. */
export function findVariant(list: readonly SubsidyVariant[] | undefined, name: string | null | undefined) {
  if (!list || !name) return undefined;
  return list.find((v) => v.code === name || v.name.ja === name || v.name.en === name);
}

type Terms = SubsidyProgram["terms"];

/**
 * The limits that apply to a choice of course and type, merged as the server merges them: the most
 * specific rate and expense categories, the lowest cap and the highest floor of every level.
 */
export function effectiveLimits(terms: Terms, ...variants: (SubsidyVariant | undefined)[]) {
  const levels = [terms, ...variants.filter((v): v is SubsidyVariant => v !== undefined)];
  const caps = levels.flatMap((l) => (l.capYen === undefined ? [] : [l.capYen]));
  const floors = levels.flatMap((l) => (l.floorYen === undefined ? [] : [l.floorYen]));
  return {
    rate: levels.findLast((l) => l.rate)?.rate,
    capYen: caps.length > 0 ? Math.min(...caps) : undefined,
    floorYen: floors.length > 0 ? Math.max(...floors) : undefined,
    categories: levels.findLast((l) => l.categories)?.categories,
  };
}

/** "1/2・上限2,000千円・下限500千円": what applies with this course or type chosen. */
export function limitsSummary(
  terms: Terms,
  variants: (SubsidyVariant | undefined)[],
  t: Translate,
  locale: Locale,
): string {
  const { rate, capYen, floorYen } = effectiveLimits(terms, ...variants);
  const parts = [
    rate ? t("subsidies.terms.rateShort", { rate: formatRate(rate) }) : null,
    capYen === undefined ? null : t("subsidies.terms.capShort", { yen: formatSen(capYen, locale) }),
    floorYen === undefined ? null : t("subsidies.terms.floorShort", { yen: formatSen(floorYen, locale) }),
  ];
  return parts.filter(Boolean).join(t("subsidies.terms.separator"));
}

/** An expense line's category as written (code or Japanese name), shown by its name. */
export function categoryName(terms: Terms, category: string | undefined, locale: Locale): string {
  if (!category) return "";
  const all = [
    ...(terms.categories ?? []),
    ...(terms.courses ?? []).flatMap((v) => v.categories ?? []),
    ...(terms.types ?? []).flatMap((v) => v.categories ?? []),
  ];
  const found = all.find((c) => c.code === category || c.name.ja === category);
  return found ? found.name[locale] : category;
}

/** The program's whole-year frame (roundId null). */
export function yearFrame(program: SubsidyProgram): SubsidyFrame | undefined {
  return program.frames.find((f) => f.roundId === null);
}

/**
 * The frame a decision draws on: the round's own frame when it has one, else the program's
 * whole-year frame (as the server's 交付決定 picks it).
 */
export function frameFor(program: SubsidyProgram, roundId: string | null | undefined): SubsidyFrame | undefined {
  return (roundId ? program.frames.find((f) => f.roundId === roundId) : undefined) ?? yearFrame(program);
}

/** An application's course and type ("賃上げコース / 特許") in the reader's language, as configured. */
export function courseTypeLabel(
  terms: SubsidyProgram["terms"] | undefined,
  a: { course: string | null; type: string | null },
  locale: Locale,
): string {
  const course = a.course && (findVariant(terms?.courses, a.course)?.name[locale] ?? a.course);
  const type = a.type && (findVariant(terms?.types, a.type)?.name[locale] ?? a.type);
  return [course, type].filter(Boolean).join(" / ");
}
