import { z } from "zod";
import { idSchema } from "./common.js";
import {
  subsidyCalcStepSchema,
  subsidyExpenseLineSchema,
  subsidyProgramTermsSchema,
  subsidyRefusalSchema,
  subsidyTaxTreatmentSchema,
  subsidyYenSchema,
} from "./subsidy-terms.js";

/**
 * 補助金・助成金 lifecycle: 申請受付 → 形式審査 (差戻し/再提出) → 審査 → 採択/不採択 → 交付決定
 * (commits the budget frame) → 変更承認 → 実績報告 → 額の確定 → 請求 → 支払 (releases what was not
 * paid); 辞退 and 取消 release the frame, a 取消 after payment creates a 返還 claim.
 */
export const SUBSIDY_STATUSES = [
  "received",
  "returned",
  "checked",
  "adopted",
  "rejected",
  "decided",
  "reported",
  "confirmed",
  "claimed",
  "paid",
  "withdrawn",
  "cancelled",
] as const;
export const subsidyStatusSchema = z.enum(SUBSIDY_STATUSES);
export type SubsidyStatus = z.infer<typeof subsidyStatusSchema>;
export const SUBSIDY_STATUS_LABELS: Record<SubsidyStatus, { ja: string; en: string }> = {
  received: { ja: "申請受付", en: "Received" },
  returned: { ja: "差戻し", en: "Returned for correction" },
  checked: { ja: "形式審査済み", en: "Formally checked" },
  adopted: { ja: "採択", en: "Adopted" },
  rejected: { ja: "不採択", en: "Not adopted" },
  decided: { ja: "交付決定", en: "Grant decided" },
  reported: { ja: "実績報告受理", en: "Results reported" },
  confirmed: { ja: "額の確定", en: "Amount confirmed" },
  claimed: { ja: "請求受理", en: "Claimed" },
  paid: { ja: "支払済み", en: "Paid" },
  withdrawn: { ja: "辞退", en: "Withdrawn" },
  cancelled: { ja: "取消", en: "Cancelled" },
};

export const SUBSIDY_ACTIONS = [
  "check",
  "return",
  "resubmit",
  "adopt",
  "reject",
  "decide",
  "change",
  "report",
  "confirm",
  "claim",
  "pay",
  "withdraw",
  "cancel",
] as const;
export type SubsidyAction = (typeof SUBSIDY_ACTIONS)[number];
/** The only moves an application can make; anything else is refused naming the current status. */
export const SUBSIDY_TRANSITIONS: Record<SubsidyAction, { from: readonly SubsidyStatus[]; to: SubsidyStatus }> = {
  check: { from: ["received"], to: "checked" },
  return: { from: ["received"], to: "returned" },
  resubmit: { from: ["returned"], to: "received" },
  adopt: { from: ["checked"], to: "adopted" },
  reject: { from: ["checked"], to: "rejected" },
  decide: { from: ["adopted"], to: "decided" },
  change: { from: ["decided"], to: "decided" },
  report: { from: ["decided"], to: "reported" },
  confirm: { from: ["reported"], to: "confirmed" },
  claim: { from: ["confirmed"], to: "claimed" },
  pay: { from: ["claimed"], to: "paid" },
  withdraw: { from: ["received", "returned", "checked", "adopted", "decided"], to: "withdrawn" },
  cancel: { from: ["decided", "reported", "confirmed", "claimed", "paid"], to: "cancelled" },
};

const ref = z.object({ id: idSchema, name: z.string() });

/** 審査の評価項目: a program's configurable rubric (経営力, 計画の妥当性 … with their maximum points). */
export const rubricCriterionSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().trim().min(1).max(100),
  maxPoints: z.number().int().min(1).max(1000),
});
export const rubricSchema = z.array(rubricCriterionSchema).min(1).max(30);
export type Rubric = z.infer<typeof rubricSchema>;

/** A subsidy program as configured for a fiscal year: the plan program, its terms, its budget frame. */
export const subsidyFrameSchema = z.object({
  id: idSchema,
  /** null: the program's whole-year frame; else the round's own frame. */
  roundId: idSchema.nullable(),
  budgetYen: z.number().int(),
  committedYen: z.number().int(),
  paidYen: z.number().int(),
  /** the whole-year frame: what its rounds' own frames take out of it (配分); 0 for a round's frame */
  allocatedYen: z.number().int(),
  /** budget − committed − allocated */
  remainingYen: z.number().int(),
});
export type SubsidyFrame = z.infer<typeof subsidyFrameSchema>;

export const subsidyRoundSchema = z.object({
  id: idSchema,
  name: z.string(),
  opensOn: z.iso.date(),
  closesOn: z.iso.date(),
  /** 事前着手: costs from the pre-start approval date count. */
  preStartAllowed: z.boolean(),
});
export type SubsidyRound = z.infer<typeof subsidyRoundSchema>;

export const subsidyProgramSchema = z.object({
  id: idSchema,
  fiscalYear: z.number().int(),
  program: z.object({ id: idSchema, code: z.string(), name: z.string() }),
  department: ref,
  terms: subsidyProgramTermsSchema,
  rounds: z.array(subsidyRoundSchema),
  frames: z.array(subsidyFrameSchema),
  /** 審査の評価項目; null until a manager of the 担当課 sets one. */
  rubric: rubricSchema.nullable(),
});
export type SubsidyProgram = z.infer<typeof subsidyProgramSchema>;
export const subsidyProgramListSchema = z.object({ items: z.array(subsidyProgramSchema) });

export const subsidyRoundInputSchema = z.object({
  name: z.string().trim().min(1).max(50),
  opensOn: z.iso.date(),
  closesOn: z.iso.date(),
  preStartAllowed: z.boolean().default(false),
  /** The round's own budget frame, if the program sets one per round. */
  frameYen: subsidyYenSchema.nullable().optional(),
});

export const subsidyApplicationInputSchema = z.object({
  subsidyProgramId: idSchema,
  roundId: idSchema.nullable().optional(),
  companyId: idSchema,
  /** 事業名 of the application. */
  title: z.string().trim().min(1).max(200),
  course: z.string().trim().min(1).max(50).optional(),
  type: z.string().trim().min(1).max(50).optional(),
  taxTreatment: subsidyTaxTreatmentSchema.default("standard"),
  taxIncluded: z.boolean().default(false),
  lines: z.array(subsidyExpenseLineSchema).min(1).max(200),
  receivedOn: z.iso.date(),
  /** 事前着手承認日, when the round allows it. */
  preStartApprovedOn: z.iso.date().nullable().optional(),
});
export type SubsidyApplicationInput = z.infer<typeof subsidyApplicationInputSchema>;

export const subsidyTransitionSchema = z.object({
  action: z.enum(SUBSIDY_ACTIONS),
  version: z.number().int().min(1),
  /** The day the step happened (受付, 決定, 支払 …); default today (Japan). */
  on: z.iso.date().optional(),
  /** 差戻し・不採択・辞退・取消 reasons; 変更承認 content. */
  note: z.string().trim().max(2000).optional(),
  /** 交付決定額 (decide, change): defaults to the computed amount; never above it. */
  amountYen: subsidyYenSchema.optional(),
  /** 実績報告 / 変更承認: the expense lines. */
  lines: z.array(subsidyExpenseLineSchema).min(1).max(200).optional(),
  /** 実績報告の期限 (decide, change): defaults at 交付決定 to min(決定日 + 180日, 年度末 3月31日). */
  reportDueOn: z.iso.date().optional(),
});
export type SubsidyTransition = z.infer<typeof subsidyTransitionSchema>;

export const subsidyApplicationSchema = z.object({
  id: idSchema,
  subsidyProgramId: idSchema,
  fiscalYear: z.number().int(),
  program: z.object({ id: idSchema, code: z.string(), name: z.string() }),
  round: ref.nullable(),
  company: ref,
  title: z.string(),
  course: z.string().nullable(),
  type: z.string().nullable(),
  taxTreatment: subsidyTaxTreatmentSchema,
  status: subsidyStatusSchema,
  receivedOn: z.iso.date(),
  preStartApprovedOn: z.iso.date().nullable(),
  /** What the arithmetic gives on the application's lines (申請額の算定). */
  computedYen: z.number().int(),
  steps: z.array(subsidyCalcStepSchema),
  refusal: subsidyRefusalSchema.nullable(),
  decidedYen: z.number().int().nullable(),
  decidedOn: z.iso.date().nullable(),
  confirmedYen: z.number().int().nullable(),
  paidYen: z.number().int().nullable(),
  paidOn: z.iso.date().nullable(),
  /** 返還請求額 after a 取消 of a paid grant. */
  repaymentYen: z.number().int().nullable(),
  decisionNo: z.string().nullable(),
  /** 実績報告の期限, set with the 交付決定. */
  reportDueOn: z.iso.date().nullable(),
  confirmationNo: z.string().nullable(),
  /** 不採択通知の文書番号. */
  rejectionNo: z.string().nullable(),
  lines: z.array(subsidyExpenseLineSchema),
  actualLines: z.array(subsidyExpenseLineSchema).nullable(),
  note: z.string().nullable(),
  confidential: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type SubsidyApplication = z.infer<typeof subsidyApplicationSchema>;

export const subsidyApplicationQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  subsidyProgramId: idSchema.optional(),
  roundId: idSchema.optional(),
  companyId: idSchema.optional(),
  status: subsidyStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const subsidyApplicationPageSchema = z.object({
  items: z.array(subsidyApplicationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** The state log: who moved the application, when, from where to where, and why. */
export const subsidyEventSchema = z.object({
  action: z.string(),
  from: subsidyStatusSchema.nullable(),
  to: subsidyStatusSchema,
  on: z.iso.date(),
  note: z.string().nullable(),
  amountYen: z.number().int().nullable(),
  by: z.string(),
  at: z.string(),
});
export const subsidyEventListSchema = z.object({ items: z.array(subsidyEventSchema) });

/**
 * A reviewer's score sheet. A reviewer with a conflict of interest (利害関係) declares it and
 * scores nothing; their sheet is kept and left out of the average.
 */
export const subsidyReviewInputSchema = z.object({
  conflict: z.boolean(),
  conflictNote: z.string().trim().max(1000).nullable().optional(),
  /** Points per criterion code; required unless conflict. */
  scores: z.record(z.string(), z.number().int().min(0)).default({}),
  comment: z.string().trim().max(4000).nullable().optional(),
});
export type SubsidyReviewInput = z.infer<typeof subsidyReviewInputSchema>;

export const subsidyReviewSchema = z.object({
  reviewer: ref,
  conflict: z.boolean(),
  conflictNote: z.string().nullable(),
  scores: z.record(z.string(), z.number().int()),
  total: z.number().int().nullable(),
  comment: z.string().nullable(),
  submittedAt: z.string(),
});
export const subsidyReviewListSchema = z.object({
  items: z.array(subsidyReviewSchema),
  /** Mean of the non-conflicted reviewers' totals, 2 decimals; null before any. */
  average: z.number().nullable(),
});

/** The ranking of a program's (or round's) applications by average score, for the 採択 decision. */
export const subsidyRankingSchema = z.object({
  items: z.array(
    z.object({
      rank: z.number().int(),
      applicationId: idSchema,
      company: z.string(),
      title: z.string(),
      status: subsidyStatusSchema,
      computedYen: z.number().int(),
      average: z.number().nullable(),
      reviews: z.number().int(),
      /** Running total of computed amounts in rank order, against the frame's remaining budget. */
      cumulativeYen: z.number().int(),
      fitsFrame: z.boolean(),
    }),
  ),
});

/** 添付書類: files attached to an application (申請書, 見積書, 領収書 …). */
export const subsidyAttachmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  /** What the file is (申請書, 見積書, 実績報告書, 領収書 …). */
  kind: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export const subsidyAttachmentListSchema = z.object({ items: z.array(subsidyAttachmentSchema) });
export const subsidyAttachmentInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.string().trim().min(1).max(50),
  mime: z.string().trim().min(1).max(100),
  /** The file, base64; at most 10 MB once decoded. */
  contentBase64: z.string().min(1).max(14_000_000),
});
