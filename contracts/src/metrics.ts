import { z } from "zod";
import { type FactType, factTypeSchema } from "./activities.js";

/**
 * 実績の算定式: how an indicator's actual is computed from activity facts. Declared in the plan
 * file beside the indicator (never in code), validated at import with the indicator's path.
 *
 *   metric: { measure: count, types: [issue_resolved] }
 *   metric: { measure: distinctCompanies, types: [consultation, visit] }      # 名寄せ後
 *   metric: { measure: sum, of: amount, types: [dispatch] }              # in the indicator's unit (千円 → ÷1,000)
 *   metric: { measure: ratio, percent: true,
 *             numerator: { types: [survey_positive] }, denominator: { types: [survey_answer] } }
 *   metric: { measure: manual }                        # entered monthly with evidence (入場者数)
 *   metric: { measure: pending, feed: seminars }       # a later module will write its facts
 */

/**
 * Attributes a metric may filter on, per fact type: the facts' low-cardinality fields that the
 * rollups keep as dimensions. Ids (expertId, frameId) are not dimensions; filter on names.
 */
export const FACT_DIMENSIONS: Record<FactType, readonly string[]> = {
  consultation: ["channel"],
  visit: ["channel"],
  issue_resolved: [],
  support_completed: [],
  referral_sent: ["target", "agency"],
  referral_accepted: ["target", "agency"],
  referral_declined: ["target", "agency"],
  referral_completed: ["target", "agency"],
  dispatch: ["frame"],
  dispatch_completed: ["frame"],
  deal_closed: ["kind"],
  // One dimension per manual indicator: the figures of one indicator never mix with another's.
  manual_figure: ["indicatorId"],
  subsidy_applied: ["course", "type"],
  subsidy_adopted: ["course", "type"],
  subsidy_rejected: ["course", "type"],
  subsidy_decided: ["course", "type"],
  subsidy_confirmed: ["course", "type"],
  subsidy_paid: ["course", "type"],
  subsidy_withdrawn: ["course", "type"],
};

/** Modules that will write the facts of indicators Shien cannot compute yet (documented per indicator). */
export const FEEDING_MODULES = [
  "seminars",
  "subsidies",
  "lending",
  "loans",
  "matching",
  "facilities",
  "surveys",
  "startups",
  "research-funding",
  "talent",
  "restructuring",
] as const;
export const feedingModuleSchema = z.enum(FEEDING_MODULES);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Which facts a measure looks at. Programs default to the indicator's own program and its sub-programs. */
export const factFilterSchema = z
  .object({
    types: z.array(factTypeSchema).min(1),
    /** Program codes of the same plan (a program includes its sub-programs). */
    programs: z.array(z.string().min(1)).optional(),
    outcomes: z.array(z.string().min(1)).optional(),
    /** Department names as the organization calls them. */
    departments: z.array(z.string().min(1)).optional(),
    /** Equality filters on the facts' dimensions; a list means any of them. */
    attributes: z.record(z.string(), z.union([scalar, z.array(scalar).min(1)])).optional(),
  })
  .strict();
export type FactFilter = z.infer<typeof factFilterSchema>;

/** A period inside the fiscal year; absent = the whole fiscal year up to the as-of date. */
export const metricPeriodSchema = z.union([
  z.object({ quarter: z.number().int().min(1).max(4) }).strict(),
  z.object({ month: z.number().int().min(1).max(12) }).strict(),
  z.object({ from: z.iso.date(), to: z.iso.date() }).strict(),
]);
export type MetricPeriod = z.infer<typeof metricPeriodSchema>;

/**
 * How each 内訳 of the indicator (国内 / 外国 …, by its label) is counted: the metric's own facts
 * narrowed to these programs or attribute values. Keys must be the indicator's breakdown labels.
 *
 *   breakdown: { 国内: { programs: ["II-2-1-1"] }, 外国: { programs: ["II-2-1-2"] } }
 */
export const breakdownFiltersSchema = z.record(
  z.string().min(1),
  factFilterSchema.pick({ programs: true, attributes: true }).strict(),
);
export type BreakdownFilters = z.infer<typeof breakdownFiltersSchema>;

const countSchema = factFilterSchema
  .extend({
    measure: z.literal("count"),
    period: metricPeriodSchema.optional(),
    breakdown: breakdownFiltersSchema.optional(),
  })
  .strict();
const distinctSchema = factFilterSchema
  .extend({
    measure: z.literal("distinctCompanies"),
    period: metricPeriodSchema.optional(),
    breakdown: breakdownFiltersSchema.optional(),
  })
  .strict();
const sumSchema = factFilterSchema
  .extend({
    measure: z.literal("sum"),
    of: z.enum(["quantity", "amount"]),
    period: metricPeriodSchema.optional(),
    breakdown: breakdownFiltersSchema.optional(),
  })
  .strict();
/** The parts of a ratio: each a count, a distinct count or a sum. */
const partSchema = factFilterSchema
  .extend({
    measure: z.enum(["count", "distinctCompanies", "sum"]).default("count"),
    of: z.enum(["quantity", "amount"]).optional(),
  })
  .strict();
export type MetricPart = z.infer<typeof partSchema>;
const ratioSchema = z
  .object({
    measure: z.literal("ratio"),
    numerator: partSchema,
    denominator: partSchema,
    /** ×100: a percentage (肯定的評価 %, 稼働率). */
    percent: z.boolean().default(false),
    period: metricPeriodSchema.optional(),
  })
  .strict();
/** Entered by staff (monthly, with evidence): figures measured outside Shien. */
const manualSchema = z.object({ measure: z.literal("manual"), note: z.string().optional() }).strict();
/** Not computable yet: the facts will come from a later module, named here. */
const pendingSchema = z
  .object({ measure: z.literal("pending"), feed: feedingModuleSchema, note: z.string().optional() })
  .strict();

export const metricSchema = z.discriminatedUnion("measure", [
  countSchema,
  distinctSchema,
  sumSchema,
  ratioSchema,
  manualSchema,
  pendingSchema,
]);
export type Metric = z.infer<typeof metricSchema>;
export type MetricMeasure = Metric["measure"];

/**
 * Problems a metric has that its shape alone does not show: attributes that are not dimensions of
 * its fact types, a sum of a ratio part without `of`. Program and department names are checked
 * by the importer, which knows the plan.
 */
export function metricProblems(metric: Metric): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const checkFilter = (f: FactFilter & { measure?: string; of?: string | undefined }, path: string) => {
    for (const key of Object.keys(f.attributes ?? {})) {
      const types = f.types.filter((t) => !FACT_DIMENSIONS[t].includes(key));
      if (types.length > 0)
        problems.push({
          path: `${path}.attributes.${key}`,
          message: `属性「${key}」は事実の種類 ${types.join(", ")} にありません（使える属性: ${
            [...new Set(f.types.flatMap((t) => FACT_DIMENSIONS[t]))].join(", ") || "なし"
          }）`,
        });
    }
    if (f.measure === "sum" && !f.of)
      problems.push({ path: `${path}.of`, message: "合計には of: quantity か of: amount を指定してください" });
  };
  if (metric.measure === "ratio") {
    checkFilter(metric.numerator, "metric.numerator");
    checkFilter(metric.denominator, "metric.denominator");
  } else if (metric.measure !== "manual" && metric.measure !== "pending") {
    checkFilter(metric, "metric");
    for (const [label, narrow] of Object.entries(metric.breakdown ?? {})) {
      checkFilter({ ...narrow, types: metric.types }, `metric.breakdown.${label}`);
    }
  }
  return problems;
}

/** The metric of one 内訳: the indicator's own metric narrowed by that label's filter. */
export function breakdownMetric(metric: Metric, label: string): Metric | null {
  if (metric.measure !== "count" && metric.measure !== "distinctCompanies" && metric.measure !== "sum") return null;
  const narrow = metric.breakdown?.[label];
  if (!narrow) return null;
  const { breakdown: _all, ...base } = metric;
  return {
    ...base,
    ...(narrow.programs ? { programs: narrow.programs } : {}),
    ...(narrow.attributes ? { attributes: { ...base.attributes, ...narrow.attributes } } : {}),
  };
}
