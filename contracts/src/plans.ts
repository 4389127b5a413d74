import { z } from "zod";
import { idSchema } from "./common.js";
import { metricSchema } from "./metrics.js";
import {
  breakdownTargetsSchema,
  fundingSourceSchema,
  indicatorCategorySchema,
  programKindSchema,
  programStatusSchema,
  termsSchema,
} from "./plan-file.js";

/** API shapes of annual plans (事業計画) as stored; see plan-file.ts for the file format. */

export const planStatusSchema = z.enum(["draft", "adopted"]);

export const planSummarySchema = z.object({
  id: idSchema,
  fiscalYear: z.number().int(),
  title: z.string(),
  status: planStatusSchema,
  revision: z.number().int(),
  programCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;
export const planListSchema = z.object({ items: z.array(planSummarySchema) });

export const departmentRefListSchema = z.array(z.object({ id: idSchema, name: z.string() }));

export const programSummarySchema = z.object({
  id: idSchema,
  code: z.string(),
  numbering: z.string(),
  name: z.string(),
  status: programStatusSchema.nullable(),
  kinds: z.array(programKindSchema),
  departments: departmentRefListSchema,
  /** Support records only its departments see (中小企業活性化協議会 …). */
  confidential: z.boolean(),
  /** Sum of the program's (and its sub-programs') budget lines, in yen. */
  budgetYen: z.number().int(),
  previousYen: z.number().int().nullable(),
  differenceYen: z.number().int().nullable(),
  /** True when the difference is the document's rounded 約 figure. */
  differenceApproximate: z.boolean(),
  /** Budget lines behind budgetYen: 0 means the document gives no amount (not a budget of 0). */
  budgetLineCount: z.number().int(),
  fundingSources: z.array(fundingSourceSchema),
  payers: z.array(z.string()),
  indicatorCount: z.number().int(),
});
export type ProgramSummary = z.infer<typeof programSummarySchema>;

export interface PlanTreeNode {
  id: string;
  kind: "group" | "program" | "reference";
  numbering: string;
  title: string | null;
  program: ProgramSummary | null;
  children: PlanTreeNode[];
}
export const planTreeNodeSchema: z.ZodType<PlanTreeNode> = z.lazy(() =>
  z.object({
    id: idSchema,
    kind: z.enum(["group", "program", "reference"]),
    numbering: z.string(),
    title: z.string().nullable(),
    program: programSummarySchema.nullable(),
    children: z.array(planTreeNodeSchema),
  }),
);

export const totalsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  currentYen: z.number().int(),
  previousYen: z.number().int().nullable(),
  differenceYen: z.number().int().nullable(),
  /** True when a 約 (rounded) difference of the document went into the sum. */
  differenceApproximate: z.boolean(),
  programCount: z.number().int(),
  /** Budget lines behind currentYen: 0 means no program of the row states an amount (記載なし, not 0円). */
  budgetLineCount: z.number().int(),
});
export type TotalsRow = z.infer<typeof totalsRowSchema>;

export const planHeaderSchema = z.object({
  id: idSchema,
  fiscalYear: z.number().int(),
  title: z.string(),
  status: planStatusSchema,
  revision: z.number().int(),
  source: z.string(),
  notes: z.array(z.string()),
  hasBudgetStatement: z.boolean(),
  initiativeCount: z.number().int(),
});

export const planOverviewSchema = z.object({
  plan: planHeaderSchema,
  tree: z.array(planTreeNodeSchema),
  totals: z.object({
    all: totalsRowSchema,
    bySource: z.array(totalsRowSchema),
    byDepartment: z.array(totalsRowSchema),
    bySection: z.array(totalsRowSchema),
  }),
});
export type PlanOverview = z.infer<typeof planOverviewSchema>;

export const amountLineDtoSchema = z.object({
  id: idSchema,
  label: z.string(),
  yen: z.number().int(),
  approximate: z.boolean(),
  previousYen: z.number().int().nullable(),
  previousApproximate: z.boolean(),
  differenceYen: z.number().int().nullable(),
  differenceApproximate: z.boolean(),
  fundingSources: z.array(fundingSourceSchema),
  payer: z.string().nullable(),
  asOf: z.string().nullable(),
  countsTowardBudget: z.boolean(),
  note: z.string().nullable(),
  /** send it back with an edit: a newer version on the server means someone else saved first */
  version: z.number().int(),
});
export type AmountLineDto = z.infer<typeof amountLineDtoSchema>;

export const indicatorDtoSchema = z.object({
  id: idSchema,
  category: indicatorCategorySchema,
  name: z.string(),
  unit: z.string(),
  target: z.number().nullable(),
  targetText: z.string().nullable(),
  breakdown: breakdownTargetsSchema.nullable(),
  previous: z
    .object({
      label: z.string().optional(),
      target: z.number().nullable().optional(),
      actual: z.number().nullable().optional(),
      asOf: z.string().optional(),
    })
    .nullable(),
  note: z.string().nullable(),
  metric: metricSchema.nullable(),
  /** send it back with an edit: a newer version on the server means someone else saved first */
  version: z.number().int(),
});
export type IndicatorDto = z.infer<typeof indicatorDtoSchema>;

export const outputDtoSchema = z.object({
  label: z.string(),
  quantity: z.number().nullable(),
  unit: z.string(),
  cumulative: z.boolean(),
  text: z.string().optional(),
});

export interface ProgramDetail {
  id: string;
  code: string;
  numbering: string;
  name: string;
  status: z.infer<typeof programStatusSchema> | null;
  kinds: z.infer<typeof programKindSchema>[];
  departments: { id: string; name: string }[];
  confidential: boolean;
  agencies: string[];
  purpose: string | null;
  summary: string | null;
  points: string[];
  activities: string[];
  outputs: z.infer<typeof outputDtoSchema>[];
  terms: z.infer<typeof termsSchema> | null;
  notes: string[];
  amounts: AmountLineDto[];
  indicators: IndicatorDto[];
  subPrograms: ProgramDetail[];
}
export const programDetailSchema: z.ZodType<ProgramDetail> = z.lazy(() =>
  z.object({
    id: idSchema,
    code: z.string(),
    numbering: z.string(),
    name: z.string(),
    status: programStatusSchema.nullable(),
    kinds: z.array(programKindSchema),
    departments: departmentRefListSchema,
    confidential: z.boolean(),
    agencies: z.array(z.string()),
    purpose: z.string().nullable(),
    summary: z.string().nullable(),
    points: z.array(z.string()),
    activities: z.array(z.string()),
    outputs: z.array(outputDtoSchema),
    terms: termsSchema.nullable(),
    notes: z.array(z.string()),
    amounts: z.array(amountLineDtoSchema),
    indicators: z.array(indicatorDtoSchema),
    subPrograms: z.array(programDetailSchema),
  }),
);

export const budgetStatementDtoSchema = z.object({
  title: z.string(),
  lines: z.array(
    z.object({
      id: idSchema,
      label: z.string(),
      indent: z.number().int(),
      currentYen: z.number().int(),
      previousYen: z.number().int(),
      differenceYen: z.number().int(),
      marker: z.string().nullable(),
      formula: z.string().nullable(),
    }),
  ),
  explanations: z.array(z.object({ marker: z.string().optional(), heading: z.string(), items: z.array(z.string()) })),
});
export type BudgetStatementDto = z.infer<typeof budgetStatementDtoSchema>;

export const initiativeListSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      guideline: z.string(),
      policy: z.string(),
      results: z.array(z.string()),
      plan: z.array(z.string()),
    }),
  ),
});

export type InitiativeList = z.infer<typeof initiativeListSchema>;

export const planProgramParamsSchema = z.object({ id: idSchema, code: z.string().min(1).max(40) });
export const planItemParamsSchema = z.object({ id: idSchema, itemId: idSchema });

/** Editing a budget line: integer yen, never floats; null clears the previous-year figure. */
export const amountLineUpdateSchema = z
  .object({
    yen: z.number().int().min(-1e15).max(1e15),
    previousYen: z.number().int().min(-1e15).max(1e15).nullable(),
    fundingSources: z.array(fundingSourceSchema).max(5),
    payer: z.string().trim().max(200).nullable(),
    note: z.string().trim().max(1000).nullable(),
  })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type AmountLineUpdate = z.infer<typeof amountLineUpdateSchema>;

export const indicatorUpdateSchema = z
  .object({
    target: z.number().min(0).max(1e12).nullable(),
    targetText: z.string().trim().max(100).nullable(),
    name: z.string().trim().min(1).max(200),
    unit: z.string().trim().min(1).max(20),
    note: z.string().trim().max(1000).nullable(),
    /** the targets of a 内訳 (国内 / 外国 …): the labels stay as the plan has them, only numbers change */
    breakdown: z
      .array(z.object({ label: z.string().trim().min(1).max(50), target: z.number().min(0).max(1e12).nullable() }))
      .min(1)
      .max(10),
  })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type IndicatorUpdate = z.infer<typeof indicatorUpdateSchema>;

export const planReviseSchema = z.object({ reason: z.string().trim().min(1).max(1000) });

/** A program as the support screens pick it: every program and sub-program of a year, flat. */
export const supportProgramDtoSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  fiscalYear: z.number().int(),
  parentId: idSchema.nullable(),
  depth: z.number().int(),
  departments: departmentRefListSchema,
  confidential: z.boolean(),
  kinds: z.array(programKindSchema),
});
export type SupportProgramDto = z.infer<typeof supportProgramDtoSchema>;
export const supportProgramListSchema = z.object({ items: z.array(supportProgramDtoSchema) });
export const supportProgramQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100),
});
