import { z } from "zod";
import { sizeClassSchema } from "./companies.js";

/**
 * 補助金・助成金 (subsidy program) terms as configured data, and the shapes of a calculation's
 * input and output. The arithmetic itself lives in server/src/modules/subsidies/arithmetic; its
 * README explains every rule. Money is integer yen; rates are exact fractions, never floats.
 */

/** The largest yen figure the arithmetic accepts (1兆円): anything above is an input error. */
export const SUBSIDY_YEN_MAX = 1_000_000_000_000;
export const subsidyYenSchema = z.number().int().min(0).max(SUBSIDY_YEN_MAX);

const bilingualSchema = z.object({ ja: z.string().min(1), en: z.string().min(1) });
export type SubsidyBilingual = z.infer<typeof bilingualSchema>;

/** 補助率 as an exact fraction: 2/3, 1/2, 10/10. Never above 10/10. */
export const subsidyRateSchema = z
  .object({
    numerator: z.number().int().min(1).max(1_000_000),
    denominator: z.number().int().min(1).max(1_000_000),
  })
  .refine((r) => r.numerator <= r.denominator, {
    message: "補助率は10分の10以下にしてください",
    path: ["numerator"],
  });
export type SubsidyRate = z.infer<typeof subsidyRateSchema>;

/**
 * A step that must precede an application (checked by the eligibility part, not the arithmetic):
 * `dispatch:<program code>` = a completed 専門家派遣 in that program's 派遣枠, optionally
 * `dispatch:<program code>/<frame name>` for one named frame.
 */
export const subsidyPriorStepSchema = z
  .string()
  .regex(/^dispatch:[0-9A-Za-z]+(-[0-9A-Za-z]+)*(\/.+)?$/, "事前の要件は「dispatch:<事業コード>」の形で書いてください");

/** 経費区分 (機械装置等費, 広報費, 外注費 …) with its own limits; both limits apply before the rate. */
export const subsidyExpenseCategorySchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, "経費区分のコードは英小文字・数字・_ で書いてください"),
  name: bilingualSchema,
  /** 区分の上限 on the eligible (tax-excluded) cost of this category, in yen. */
  capYen: subsidyYenSchema.optional(),
  /** 補助対象経費総額の一定割合以内 (外注費は総額の1/2以内): a share of the final eligible total. */
  shareCap: subsidyRateSchema.optional(),
});
export type SubsidyExpenseCategory = z.infer<typeof subsidyExpenseCategorySchema>;

/**
 * Limits that a program, a course (コース) or an application type (申請種別, 出願の種類) may set.
 * A course or type inherits what it leaves out from the program; caps and floors of every level
 * that sets one apply.
 */
const limitsShape = {
  rate: subsidyRateSchema.optional(),
  /** 上限額 (補助金額). */
  capYen: subsidyYenSchema.optional(),
  /** 下限額 (補助金額): an eligibility threshold, never a minimum payment. */
  floorYen: subsidyYenSchema.optional(),
  /** 補助対象経費の上限 (「総額310万円を上限に、その3分の2」). */
  eligibleCostCapYen: subsidyYenSchema.optional(),
  /** Who may apply (一般コースは小規模企業等のみ); checked by the eligibility part. */
  eligibleSizeClasses: z.array(sizeClassSchema).min(1).optional(),
  requiresPriorStep: subsidyPriorStepSchema.optional(),
  /** When set, every expense line must name one of these; a course's or type's list replaces the program's. */
  categories: z.array(subsidyExpenseCategorySchema).min(1).optional(),
};

export const subsidyVariantSchema = z.object({
  /** What staff type in `--course` / `--type`; the Japanese name is accepted too. */
  code: z.string().min(1).max(50),
  name: bilingualSchema,
  ...limitsShape,
  note: z.string().optional(),
});
export type SubsidyVariant = z.infer<typeof subsidyVariantSchema>;

/** 端数処理の単位: 1 = 円未満切捨て (national rules), 1000 = 千円未満切捨て (prefectural default). */
export const SUBSIDY_UNITS = [1, 10, 100, 1000, 10000] as const;
export const subsidyUnitSchema = z.literal(SUBSIDY_UNITS);
export type SubsidyUnit = z.infer<typeof subsidyUnitSchema>;

const subsidyProgramTermsObject = z.object({
  /** The plan's program code (福島 "I-1-3-2-2", 三重 "11"). */
  programCode: z.string().regex(/^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/),
  name: z.string().min(1),
  unitYen: subsidyUnitSchema,
  /** 1事業者あたりの上限 across the company's applications to this program. */
  perCompanyCapYen: subsidyYenSchema.optional(),
  /** Whether 額の確定 re-applies the floor to the actual costs (default: no — see the README). */
  floorAppliesAtConfirmation: z.boolean().optional(),
  ...limitsShape,
  /** コース (賃上げコース / 一般コース). */
  courses: z.array(subsidyVariantSchema).optional(),
  /** 申請種別 (特許 / 商標 …, 調査 / 出願). */
  types: z.array(subsidyVariantSchema).optional(),
  /** The terms as printed, for the screen and the notice. */
  text: z.string().optional(),
  notes: z.array(z.string()).optional(),
});

type Limits = Pick<SubsidyVariant, "rate" | "capYen" | "floorYen">;

/** Every (course, type) pair the terms allow; undefined stands for "none chosen". */
function combinations(
  t: z.infer<typeof subsidyProgramTermsObject>,
): [SubsidyVariant | undefined, SubsidyVariant | undefined][] {
  const courses = t.courses?.length ? t.courses : [undefined];
  const types = t.types?.length ? t.types : [undefined];
  return courses.flatMap((c) => types.map((ty): [SubsidyVariant | undefined, SubsidyVariant | undefined] => [c, ty]));
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

export const subsidyProgramTermsSchema = subsidyProgramTermsObject.superRefine((t, ctx) => {
  for (const [course, type] of combinations(t)) {
    const levels: Limits[] = [t, ...(course ? [course] : []), ...(type ? [type] : [])];
    const where = [course?.name.ja, type?.name.ja].filter(Boolean).join("・");
    const suffix = where ? `（${where}）` : "";
    if (!levels.some((l) => l.rate)) {
      ctx.addIssue({ code: "custom", path: ["rate"], message: `補助率がありません${suffix}` });
    }
    const caps = levels.flatMap((l) => (l.capYen === undefined ? [] : [l.capYen]));
    const floors = levels.flatMap((l) => (l.floorYen === undefined ? [] : [l.floorYen]));
    if (caps.length > 0 && floors.length > 0 && Math.max(...floors) > Math.min(...caps)) {
      ctx.addIssue({ code: "custom", path: ["floorYen"], message: `下限額が上限額を超えています${suffix}` });
    }
  }
  for (const [key, list] of [
    ["courses", t.courses],
    ["types", t.types],
  ] as const) {
    const names = (list ?? []).flatMap((v) => (v.name.ja === v.code ? [v.code] : [v.code, v.name.ja]));
    for (const d of duplicates(names)) {
      ctx.addIssue({ code: "custom", path: [key], message: `「${d}」が重複しています` });
    }
  }
  const categoryLists = [
    t.categories,
    ...(t.courses ?? []).map((v) => v.categories),
    ...(t.types ?? []).map((v) => v.categories),
  ];
  for (const categories of categoryLists) {
    const names = (categories ?? []).flatMap((c) => [...new Set([c.code, c.name.ja])]);
    for (const d of duplicates(names)) {
      ctx.addIssue({ code: "custom", path: ["categories"], message: `経費区分「${d}」が重複しています` });
    }
  }
});
export type SubsidyProgramTerms = z.infer<typeof subsidyProgramTermsSchema>;

/** 消費税率 of a line: standard 10%, reduced 8% (軽減税率), none (非課税・不課税: 印紙代, 外国特許庁への手数料). */
export const SUBSIDY_TAX_RATES = ["standard", "reduced", "none"] as const;
export const subsidyTaxRateSchema = z.enum(SUBSIDY_TAX_RATES);
export type SubsidyTaxRate = z.infer<typeof subsidyTaxRateSchema>;

/**
 * 消費税の扱い: standard = 課税事業者 (原則課税): the tax is excluded from eligible cost;
 * exempt = 免税事業者 and simplified = 簡易課税事業者 may count tax-included costs.
 */
export const SUBSIDY_TAX_TREATMENTS = ["standard", "exempt", "simplified"] as const;
export const subsidyTaxTreatmentSchema = z.enum(SUBSIDY_TAX_TREATMENTS);
export type SubsidyTaxTreatment = z.infer<typeof subsidyTaxTreatmentSchema>;

/** One expense line (経費明細) of an application or of its 実績報告. */
export const subsidyExpenseLineSchema = z.object({
  /** An expense category's code or Japanese name; required when the terms list categories. */
  category: z.string().min(1).max(50).optional(),
  description: z.string().max(200).optional(),
  amountYen: subsidyYenSchema,
  /** Whether amountYen includes 消費税; defaults to the application's flag. */
  taxIncluded: z.boolean().optional(),
  /** Defaults to standard (10%). */
  taxRate: subsidyTaxRateSchema.optional(),
});
export type SubsidyExpenseLine = z.infer<typeof subsidyExpenseLineSchema>;

export const subsidyCalcInputSchema = z.object({
  course: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  lines: z.array(subsidyExpenseLineSchema).min(1).max(1000),
  /** Default for lines that do not say (申請単位の税込フラグ). */
  taxIncluded: z.boolean().optional(),
  taxTreatment: subsidyTaxTreatmentSchema.optional(),
  /** Subsidy already decided for this company in this program (other applications). */
  companyUsedYen: subsidyYenSchema.optional(),
  /** 補助率「以内」: a lower rate the funder decided; never above the configured rate. */
  rate: subsidyRateSchema.optional(),
});
export type SubsidyCalcInput = z.infer<typeof subsidyCalcInputSchema>;

/** 額の確定: the decided amount and the 実績報告's actual expense lines. */
export const subsidyConfirmInputSchema = z.object({
  decidedYen: subsidyYenSchema,
  actual: subsidyCalcInputSchema.omit({ companyUsedYen: true }),
});
export type SubsidyConfirmInput = z.infer<typeof subsidyConfirmInputSchema>;

/** One line of the working, shown on screen and printed in the notice. */
export const subsidyCalcStepSchema = z.object({
  key: z.string(),
  label: bilingualSchema,
  yen: z.number().int().optional(),
  fraction: z.object({ numerator: z.number().int(), denominator: z.number().int() }).optional(),
  note: z.string().optional(),
});
export type SubsidyCalcStep = z.infer<typeof subsidyCalcStepSchema>;

export const SUBSIDY_REFUSAL_CODES = [
  /** 下限額 not reached. */
  "below_floor",
  /** The arithmetic gives 0 yen. */
  "zero_amount",
  /** 1事業者あたりの上限 already used up. */
  "company_cap_reached",
  "course_required",
  "unknown_course",
  "type_required",
  "unknown_type",
  "category_required",
  "unknown_category",
  "rate_above_terms",
] as const;
export const subsidyRefusalCodeSchema = z.enum(SUBSIDY_REFUSAL_CODES);
export type SubsidyRefusalCode = z.infer<typeof subsidyRefusalCodeSchema>;

export const subsidyRefusalSchema = z.object({ code: subsidyRefusalCodeSchema, ja: z.string(), en: z.string() });
export type SubsidyRefusal = z.infer<typeof subsidyRefusalSchema>;

export const subsidyCalcResultSchema = z.union([
  z.object({ amount: z.number().int().min(1), steps: z.array(subsidyCalcStepSchema) }),
  z.object({ amount: z.literal(0), steps: z.array(subsidyCalcStepSchema), refused: subsidyRefusalSchema }),
]);
export type SubsidyCalcResult = z.infer<typeof subsidyCalcResultSchema>;

/**
 * `shien subsidy calc --org ORG --program CODE [--course NAME] [--type NAME] --cost YEN
 * [--tax-included] [--company-used YEN] --json`.
 */
export const subsidyCliCalcInputSchema = z.object({
  course: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  costYen: subsidyYenSchema,
  taxIncluded: z.boolean().optional(),
  companyUsedYen: subsidyYenSchema.optional(),
});
export type SubsidyCliCalcInput = z.infer<typeof subsidyCliCalcInputSchema>;

/** What `--json` prints: `{ amount, steps }` or `{ amount: 0, refused: "reason" }`. */
export const subsidyCliCalcOutputSchema = z.union([
  z.object({ amount: z.number().int().min(1), steps: z.array(subsidyCalcStepSchema) }),
  z.object({ amount: z.literal(0), refused: z.string() }),
]);
export type SubsidyCliCalcOutput = z.infer<typeof subsidyCliCalcOutputSchema>;
