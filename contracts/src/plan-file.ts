import { z } from "zod";
import { metricSchema } from "./metrics.js";

/**
 * A plan file (事業計画 as data): one YAML file per organization and fiscal year, transcribed from
 * the center's own document and checked into the repository. Amounts are written as the document
 * prints them ("69,803千円", "11億5,460万円", "▲741千円", "約5,400千円") and converted to integer yen
 * by the importer, so the file stays checkable against the paper and the conversion is exact code.
 */

/** 財源 (funding source). */
export const FUNDING_SOURCES = ["national", "prefecture", "municipal", "own", "other"] as const;
export const fundingSourceSchema = z.enum(FUNDING_SOURCES);
export type FundingSource = z.infer<typeof fundingSourceSchema>;

/** 事業の種類: what kind of work a program is; several may apply. */
export const PROGRAM_KINDS = [
  "consultation",
  "dispatch",
  "seminar",
  "subsidy",
  "lending",
  "loan",
  "fund",
  "matching",
  "facility",
  "survey",
  "information",
  "administration",
  "other",
] as const;
export const programKindSchema = z.enum(PROGRAM_KINDS);
export type ProgramKind = z.infer<typeof programKindSchema>;

/** 新規 / 継続 / 拡充. */
export const PROGRAM_STATUSES = ["new", "continuing", "expanded"] as const;
export const programStatusSchema = z.enum(PROGRAM_STATUSES);
export type ProgramStatus = z.infer<typeof programStatusSchema>;

/** 指標の区分: 重点 / 活動 / 参考. */
export const INDICATOR_CATEGORIES = ["priority", "activity", "reference"] as const;
/** 内訳 targets as a plan prints them (国内 40 / 外国 6), in the document's order. */
export const breakdownTargetsSchema = z.array(z.object({ label: z.string(), target: z.number().nullable() }));

export const indicatorCategorySchema = z.enum(INDICATOR_CATEGORIES);
export type IndicatorCategory = z.infer<typeof indicatorCategorySchema>;

/**
 * An amount as printed: optional 約 / sign (+, -, ▲, △), digits with commas, and a unit of
 * 円, 千円, 万円 or 億円 (億 and 万 may combine: "11億5,460万円", "157億5,464万7千円", units descending).
 * The pattern is the shape only: whether the figure is whole yen ("0.5円" is not) is checked by the
 * server's parser when the file is checked or imported, with the path of the field.
 */
const DIGITS = String.raw`\d[\d,]*(?:\.\d+)?`;
export const printedAmountSchema = z
  .string()
  .trim()
  .regex(
    new RegExp(
      String.raw`^(約\s*)?[+\-▲△]?\s*(約\s*)?(?=\d)(${DIGITS}\s*億\s*)?(${DIGITS}\s*万\s*)?(${DIGITS}\s*千\s*)?(${DIGITS}\s*)?円$`,
    ),
    "金額は「69,803千円」「11億5,460万円」「▲741千円」「約5,400千円」の形（単位は億・万・千の順）で書いてください",
  );

export const amountLineSchema = z.object({
  /** 事業費, 基金, 貸付予算枠, 借入金, 予算枠, 事務費充当基金, 補助上限額 … */
  label: z.string().min(1),
  amount: printedAmountSchema,
  previous: printedAmountSchema.optional(),
  /** 前年度比 as printed; the importer checks it against amount − previous when both are exact. */
  difference: printedAmountSchema.optional(),
  fundingSources: z.array(fundingSourceSchema).default([]),
  /** 財源の出し手 as printed: 東北経済産業局受託金, 福島県補助金ほか. */
  payer: z.string().optional(),
  /** 時点 for stock figures (貸付決定累計額 …), ISO date. */
  asOf: z.iso.date().optional(),
  /** False for figures that are not this program's budget (累計額, 予算枠 of a fund): excluded from totals. */
  countsTowardBudget: z.boolean().default(true),
  note: z.string().optional(),
});
export type AmountLine = z.infer<typeof amountLineSchema>;

/** A target or actual as printed: a number (with commas), or a word for "no number": -, 未定, 今後協議. */
export const targetValueSchema = z.union([z.number(), z.string().min(1)]);

export const indicatorSchema = z.object({
  category: indicatorCategorySchema,
  name: z.string().min(1),
  /** 件, 者, 回, 人, %, 千人, 社・人 … */
  unit: z.string().min(1),
  /** null when the document gives none ("-", "未定", "今後協議"): then targetText says which. */
  target: z.number().nullable(),
  targetText: z.string().optional(),
  breakdown: breakdownTargetsSchema.optional(),
  previous: z
    .object({
      /** e.g. "R7目標", "実績(12月末)". */
      label: z.string().optional(),
      target: z.number().nullable().optional(),
      actual: z.number().nullable().optional(),
      asOf: z.iso.date().optional(),
    })
    .optional(),
  note: z.string().optional(),
  /** 実績の算定式: how the actual computes itself from activity facts (see metrics.ts). */
  metric: metricSchema.optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

/** A rate as an exact fraction ("3分の2以内" = 2/3, upTo). */
export const fractionSchema = z.object({
  numerator: z.number().int().positive(),
  denominator: z.number().int().positive(),
  upTo: z.boolean().default(true),
  text: z.string(),
});

/** A percentage range with steps (損料率 0.3～3.0%まで8段階), kept as printed decimal strings. */
export const rateRangeSchema = z.object({
  basis: z.string(),
  minPercent: z.string().regex(/^\d+(\.\d+)?$/),
  maxPercent: z.string().regex(/^\d+(\.\d+)?$/),
  grades: z.number().int().positive().optional(),
});

/** Quantities the plan commits to (延べ195回, 窓口専門スタッフ 5名, 1テーマ(計4日間), 200件). */
export const outputSchema = z.object({
  label: z.string().min(1),
  quantity: z.number().nullable(),
  unit: z.string(),
  /** 延べ: a cumulative count (e.g. dispatch visits), not distinct companies. */
  cumulative: z.boolean().default(false),
  text: z.string().optional(),
});

/**
 * Program terms later modules enforce, typed where the document states them. Each block is
 * optional; the printed text stays beside the typed values.
 */
export const termsSchema = z.object({
  subsidy: z
    .object({
      cap: printedAmountSchema.optional(),
      floor: printedAmountSchema.optional(),
      rate: fractionSchema.optional(),
      expectedCount: z.number().int().optional(),
      text: z.string().optional(),
    })
    .optional(),
  lending: z
    .array(
      z.object({
        method: z.enum(["installment", "lease"]),
        limit: printedAmountSchema.optional(),
        termYearsMax: z.number().int().optional(),
        rate: rateRangeSchema.optional(),
        budgetFrame: printedAmountSchema.optional(),
      }),
    )
    .optional(),
  loan: z
    .object({
      limit: printedAmountSchema.optional(),
      limitText: z.string().optional(),
      termYearsMax: z.number().int().optional(),
      graceYearsMax: z.number().int().optional(),
      interestFree: z.boolean().optional(),
      text: z.string().optional(),
    })
    .optional(),
  other: z.array(z.object({ label: z.string(), text: z.string() })).optional(),
});
export type Terms = z.infer<typeof termsSchema>;

const programBody = {
  /** As printed: "(1)", "①", "(ア)", "【1】". */
  numbering: z.string().min(1),
  /** Fukushima I-1-2, sub-program I-1-3-2; Mie 1 … 24. Unique within the plan. */
  code: z.string().regex(/^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/),
  name: z.string().min(1),
  kinds: z.array(programKindSchema).default([]),
  purpose: z.string().optional(),
  summary: z.string().optional(),
  /** POINT bullets, 取組内容 items. */
  points: z.array(z.string()).default([]),
  activities: z.array(z.string()).default([]),
  amounts: z.array(amountLineSchema).default([]),
  indicators: z.array(indicatorSchema).default([]),
  outputs: z.array(outputSchema).default([]),
  terms: termsSchema.optional(),
  /** Where the transcription had to interpret a garbled or ambiguous passage: the reading and the doubt. */
  notes: z.array(z.string()).default([]),
};

export interface SubProgramFile {
  numbering: string;
  code: string;
  name: string;
  kinds: ProgramKind[];
  purpose?: string | undefined;
  summary?: string | undefined;
  points: string[];
  activities: string[];
  amounts: AmountLine[];
  indicators: Indicator[];
  outputs: z.infer<typeof outputSchema>[];
  terms?: Terms | undefined;
  notes: string[];
  subPrograms: SubProgramFile[];
}

export const subProgramSchema: z.ZodType<SubProgramFile, unknown> = z.lazy(() =>
  z.object({ ...programBody, subPrograms: z.array(subProgramSchema).default([]) }),
) as z.ZodType<SubProgramFile, unknown>;

export const programFileSchema = z.object({
  ...programBody,
  status: programStatusSchema,
  /** 担当課: department names as the organization calls them. */
  departments: z.array(z.string().min(1)).min(1),
  /** 関係機関等. */
  agencies: z.array(z.string()).default([]),
  /**
   * 機密: support records are seen only by the program's departments (sub-programs inherit).
   * Absent: true for a program of 中小企業活性化協議会 (restructuring cases), else false.
   */
  confidential: z.boolean().optional(),
  subPrograms: z.array(subProgramSchema).default([]),
});
export type ProgramFile = z.infer<typeof programFileSchema>;

/** A node of the 事業体系 tree: a group, a program, or a re-listing (再掲) of a program by code. */
export type PlanNodeFile =
  | { group: { numbering: string; title: string; notes?: string[] | undefined; children: PlanNodeFile[] } }
  | { program: ProgramFile }
  | { reference: { numbering: string; code: string; label?: string | undefined } };

export const planNodeSchema: z.ZodType<PlanNodeFile, unknown> = z.lazy(() =>
  z.union([
    z.object({
      group: z.object({
        numbering: z.string(),
        title: z.string().min(1),
        notes: z.array(z.string()).optional(),
        children: z.array(planNodeSchema),
      }),
    }),
    z.object({ program: programFileSchema }),
    z.object({
      reference: z.object({ numbering: z.string(), code: z.string(), label: z.string().optional() }),
    }),
  ]),
) as z.ZodType<PlanNodeFile, unknown>;

/** A 千円 figure of a budget statement, printed without unit: "4,179,684", "▲173", "0". */
export const thousandYenSchema = z
  .string()
  .trim()
  .regex(/^[+\-▲△]?\s*\d[\d,]*$/, "千円の数字を「4,179,684」「▲173」の形で書いてください");

/** One line of 正味財産予算書: amounts in 千円 as printed ("4,179,684", "▲173", "①660,314" → marker ①). */
export const budgetLineSchema = z.object({
  label: z.string().min(1),
  /** 0 for section totals (経常収益), 1 for their lines (運用益収益) … */
  indent: z.number().int().min(0).max(4),
  current: thousandYenSchema,
  previous: thousandYenSchema,
  difference: thousandYenSchema,
  /** The circled marker pointing to an explanation (①). */
  marker: z.string().optional(),
  /**
   * How the line follows from others, checked on import: "sum" (the lines indented under it) or an
   * expression of labels, e.g. "経常収益 - 経常費用".
   */
  formula: z.string().optional(),
});

export const budgetStatementSchema = z.object({
  title: z.string(),
  lines: z.array(budgetLineSchema).min(1),
  /** 【概要】 explanations, keyed by marker where there is one. */
  explanations: z
    .array(z.object({ marker: z.string().optional(), heading: z.string(), items: z.array(z.string()) }))
    .default([]),
});

/** 計画推進に向けた取組み: 行動指針 → 取組方針 with last year's results and this year's plan. */
export const initiativeSchema = z.object({
  guideline: z.string(),
  policy: z.string(),
  results: z.array(z.string()).default([]),
  plan: z.array(z.string()).default([]),
});

/**
 * A figure the document states about one or more programs elsewhere than on their own pages (the
 * overview's 「中小企業生産性向上推進事業（県 420,069千円）」): checked on import against the budget
 * lines of those programs and their sub-programs, limited to one funding source when given.
 */
export const statedFigureSchema = z.object({
  /** Where the document states it, e.g. "令和8年度事業計画の概要". */
  source: z.string(),
  codes: z.array(z.string()).min(1),
  fundingSource: fundingSourceSchema.optional(),
  amount: printedAmountSchema.optional(),
  difference: printedAmountSchema.optional(),
});
export type StatedFigure = z.infer<typeof statedFigureSchema>;

export const planFileSchema = z.object({
  org: z.string().min(1),
  /** 年度 by its starting calendar year: 2026 = 令和8年度 (April 2026 – March 2027). */
  fiscalYear: z.number().int().min(2000).max(2100),
  title: z.string().min(1),
  status: z.enum(["draft", "adopted"]).default("adopted"),
  /** The document the file was transcribed from, and how faithfully. */
  source: z.string(),
  notes: z.array(z.string()).default([]),
  tree: z.array(planNodeSchema).min(1),
  budgetStatement: budgetStatementSchema.optional(),
  initiatives: z.array(initiativeSchema).default([]),
  statedFigures: z.array(statedFigureSchema).default([]),
});
export type PlanFile = z.infer<typeof planFileSchema>;
