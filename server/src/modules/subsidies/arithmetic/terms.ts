import type {
  SubsidyExpenseCategory,
  SubsidyProgramTerms,
  SubsidyRate,
  SubsidyRefusal,
  SubsidyVariant,
} from "@shien/contracts";
import { formatYen, yen } from "./fraction.js";

export type LimitLevel = "program" | "course" | "type";

/** One 上限額 / 下限額 / 対象経費上限, with the level that set it (for the working and the refusal). */
export interface Limit {
  level: LimitLevel;
  yen: bigint;
  /** "" for the program, "（賃上げコース）" for a course or type: appended to labels. */
  where: { ja: string; en: string };
  /** The course's or type's name; undefined for the program's own limit. */
  variant: { ja: string; en: string } | undefined;
}

/** The terms that apply to one application: the program's, overridden by its course and type. */
export interface ResolvedTerms {
  programCode: string;
  programName: string;
  unit: bigint;
  rate: SubsidyRate;
  rateWhere: { ja: string; en: string };
  caps: Limit[];
  floors: Limit[];
  eligibleCostCaps: Limit[];
  perCompanyCap: bigint | undefined;
  /** undefined = the program lists no categories: lines may carry any label and no category limit applies. */
  categories: SubsidyExpenseCategory[] | undefined;
  eligibleSizeClasses: SubsidyVariant["eligibleSizeClasses"];
  requiresPriorSteps: string[];
  floorAppliesAtConfirmation: boolean;
  course: SubsidyVariant | undefined;
  type: SubsidyVariant | undefined;
}

export type Resolution = { ok: true; terms: ResolvedTerms } | { ok: false; refused: SubsidyRefusal };

/** Names compare after NFKC and without spaces, so "賃上げ　コース" and "賃上げコース" match. */
function norm(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

function findVariant(list: SubsidyVariant[], name: string): SubsidyVariant | undefined {
  const key = norm(name);
  return list.find((v) => [v.code, v.name.ja, v.name.en].some((n) => norm(n) === key));
}

function listNames(list: SubsidyVariant[]): string {
  return list.map((v) => (v.code === v.name.ja ? v.code : `${v.name.ja}（${v.code}）`)).join("、");
}

type Pick1 = { ok: true; variant: SubsidyVariant | undefined } | { ok: false; refused: SubsidyRefusal };

function pick(
  terms: SubsidyProgramTerms,
  kind: "course" | "type",
  list: SubsidyVariant[] | undefined,
  name: string | undefined,
): Pick1 {
  const ja = kind === "course" ? "コース" : "申請種別";
  const en = kind === "course" ? "course" : "application type";
  if (!list || list.length === 0) {
    if (name === undefined) return { ok: true, variant: undefined };
    return {
      ok: false,
      refused: {
        code: kind === "course" ? "unknown_course" : "unknown_type",
        ja: `「${terms.name}」には${ja}がありません（「${name}」は指定できません）。`,
        en: `"${terms.name}" has no ${en}s ("${name}" cannot be chosen).`,
      },
    };
  }
  if (name === undefined) {
    if (list.length === 1) return { ok: true, variant: list[0] };
    return {
      ok: false,
      refused: {
        code: kind === "course" ? "course_required" : "type_required",
        ja: `「${terms.name}」は${ja}を指定してください: ${listNames(list)}。`,
        en: `Choose the ${en} of "${terms.name}": ${list.map((v) => v.name.en).join(", ")}.`,
      },
    };
  }
  const variant = findVariant(list, name);
  if (variant) return { ok: true, variant };
  return {
    ok: false,
    refused: {
      code: kind === "course" ? "unknown_course" : "unknown_type",
      ja: `「${terms.name}」に${ja}「${name}」はありません。指定できるのは ${listNames(list)} です。`,
      en: `"${terms.name}" has no ${en} "${name}"; choose one of: ${list.map((v) => v.name.en).join(", ")}.`,
    },
  };
}

/**
 * Picks the course and type (a program with exactly one needs no choice) and merges the levels:
 * the most specific rate, categories, size classes; every level's caps, floors and 対象経費上限.
 */
export function resolveTerms(terms: SubsidyProgramTerms, choice: { course?: string; type?: string }): Resolution {
  const course = pick(terms, "course", terms.courses, choice.course);
  if (!course.ok) return course;
  const type = pick(terms, "type", terms.types, choice.type);
  if (!type.ok) return type;
  const levels: {
    level: LimitLevel;
    v: SubsidyProgramTerms | SubsidyVariant;
    where: Limit["where"];
    variant: Limit["variant"];
  }[] = [{ level: "program", v: terms, where: { ja: "", en: "" }, variant: undefined }];
  if (course.variant) {
    const c = course.variant;
    levels.push({ level: "course", v: c, where: { ja: `（${c.name.ja}）`, en: ` (${c.name.en})` }, variant: c.name });
  }
  if (type.variant) {
    const t = type.variant;
    levels.push({ level: "type", v: t, where: { ja: `（${t.name.ja}）`, en: ` (${t.name.en})` }, variant: t.name });
  }
  const mostSpecific = <K extends "rate" | "categories" | "eligibleSizeClasses">(key: K) =>
    levels.findLast((l) => l.v[key] !== undefined);
  const limits = (key: "capYen" | "floorYen" | "eligibleCostCapYen"): Limit[] =>
    levels.flatMap((l) => {
      const value = l.v[key];
      return value === undefined ? [] : [{ level: l.level, yen: yen(value), where: l.where, variant: l.variant }];
    });
  const rateLevel = mostSpecific("rate");
  if (!rateLevel?.v.rate) throw new Error(`補助率が設定されていません: ${terms.programCode}`);
  return {
    ok: true,
    terms: {
      programCode: terms.programCode,
      programName: terms.name,
      unit: yen(terms.unitYen),
      rate: rateLevel.v.rate,
      rateWhere: rateLevel.where,
      caps: limits("capYen"),
      floors: limits("floorYen"),
      eligibleCostCaps: limits("eligibleCostCapYen"),
      perCompanyCap: terms.perCompanyCapYen === undefined ? undefined : yen(terms.perCompanyCapYen),
      categories: mostSpecific("categories")?.v.categories,
      eligibleSizeClasses: mostSpecific("eligibleSizeClasses")?.v.eligibleSizeClasses,
      requiresPriorSteps: levels.flatMap((l) => (l.v.requiresPriorStep ? [l.v.requiresPriorStep] : [])),
      floorAppliesAtConfirmation: terms.floorAppliesAtConfirmation ?? false,
      course: course.variant,
      type: type.variant,
    },
  };
}

/** The floor that binds: the highest of the levels' floors. */
export function bindingFloor(floors: Limit[]): Limit | undefined {
  return floors.reduce<Limit | undefined>((best, f) => (best === undefined || f.yen > best.yen ? f : best), undefined);
}

/** "千円未満切捨て" for the working. */
export function unitRule(unit: bigint): { ja: string; en: string } {
  const names: Record<string, string> = { "1": "円", "10": "十円", "100": "百円", "1000": "千円", "10000": "万円" };
  const ja = `${names[unit.toString()] ?? formatYen(unit)}未満切捨て`;
  return { ja, en: unit === 1n ? "rounded down to the yen" : `rounded down to a multiple of ${unit} yen` };
}
