import { z } from "zod";
import { activityFactSchema, confidentialNoticeSchema } from "./activities.js";
import { idSchema } from "./common.js";
import { feedingModuleSchema } from "./metrics.js";
import { indicatorCategorySchema } from "./plan-file.js";

/** The KPI dashboard (実績・進捗率) of an organization-year, as of a date. */
export const kpiQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100),
  /** Facts up to and including this day count; default today (Japan), capped to the year's end. */
  asOf: z.iso.date().optional(),
  departmentId: idSchema.optional(),
  category: indicatorCategorySchema.optional(),
});
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

export const KPI_MEASURES = ["count", "distinctCompanies", "sum", "ratio", "manual", "pending"] as const;

export const kpiIndicatorSchema = z.object({
  indicatorId: idSchema,
  programId: idSchema,
  programCode: z.string(),
  programName: z.string(),
  /** The 事業体系 group the program sits in (e.g. "中小企業の経営基盤強化"), for filtering by section. */
  section: z.string().nullable(),
  departments: z.array(z.object({ id: idSchema, name: z.string() })),
  category: indicatorCategorySchema,
  name: z.string(),
  unit: z.string(),
  target: z.number().nullable(),
  targetText: z.string().nullable(),
  /** How the actual is computed; null when the plan file defines no metric. */
  measure: z.enum(KPI_MEASURES).nullable(),
  /** For `pending`: the module that will write the facts. */
  feed: feedingModuleSchema.nullable(),
  /** null: not computable (no metric, pending, or a ratio whose denominator is 0). */
  actual: z.number().nullable(),
  /** actual / target × 100, one decimal; null without a target or an actual. */
  progress: z.number().nullable(),
  /**
   * The value of each month April→March (12 entries); null for months after the as-of date.
   * For count and sum: that month's amount. For distinctCompanies: businesses counted for the
   * first time that month (their running total is the year-to-date figure). For ratio: the ratio
   * of the year to the end of that month.
   */
  monthly: z.array(z.number().nullable()).length(12),
  /** Whether `monthly` adds up to the actual (count, sum, distinct) or is a running value (ratio). */
  cumulative: z.boolean(),
  /**
   * 内訳 (国内 / 外国 …) with their own targets; actual and progress are null for a label the
   * metric does not say how to count. null when the plan gives no breakdown.
   */
  breakdown: z
    .array(
      z.object({
        label: z.string(),
        target: z.number().nullable(),
        actual: z.number().nullable(),
        progress: z.number().nullable(),
      }),
    )
    .nullable(),
});
export type KpiIndicator = z.infer<typeof kpiIndicatorSchema>;

export const kpiDashboardSchema = z.object({
  fiscalYear: z.number().int(),
  asOf: z.iso.date(),
  items: z.array(kpiIndicatorSchema),
});
export type KpiDashboard = z.infer<typeof kpiDashboardSchema>;

/** Drill-down: the facts behind one indicator's figure. */
export const kpiFactsQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100),
  asOf: z.iso.date().optional(),
  /** For ratios: which side's facts. */
  part: z.enum(["numerator", "denominator"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type KpiFactsQuery = z.infer<typeof kpiFactsQuerySchema>;

export const kpiFactsSchema = z.object({
  indicator: z.object({ id: idSchema, name: z.string(), programCode: z.string(), unit: z.string() }),
  /** Facts the reader may see, newest first. */
  items: z.array(activityFactSchema),
  /** All facts behind the figure, the confidential ones included: the count is never hidden. */
  total: z.number().int(),
  /** Facts of confidential programs the reader may not open; counted in `total`, not listed. */
  hidden: z.number().int(),
  confidentialNotices: z.array(confidentialNoticeSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type KpiFacts = z.infer<typeof kpiFactsSchema>;

/** 手入力の実績: figures measured outside Shien (入場者数 …), one per indicator and month, with evidence. */
export const manualFigureInputSchema = z.object({
  /** "2026-04": the month the figure is for. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月は「2026-04」の形で入力してください"),
  value: z.number().int().min(0).max(1_000_000_000),
  /** 根拠: where the figure comes from (ゲートカウンター月報 …). */
  evidence: z.string().trim().min(1).max(1000),
});
export type ManualFigureInput = z.infer<typeof manualFigureInputSchema>;
export const manualFigureSchema = z.object({
  month: z.string(),
  value: z.number().int(),
  evidence: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const manualFigureListSchema = z.object({ items: z.array(manualFigureSchema) });

export const kpiReportQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100),
  /** 四半期: 1 = April–June … 4 = January–March; the report shows the year to the quarter's end. */
  quarter: z.coerce.number().int().min(1).max(4),
});
