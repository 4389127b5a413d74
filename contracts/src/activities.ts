import { z } from "zod";
import { idSchema } from "./common.js";

/**
 * 支援記録の事実 (activity facts): the append-only stream every module writes and the KPI engine
 * counts. The list of types is closed: a module that needs a new one adds it here, with the zod
 * schema of its attributes, so that every fact in the table can be read back and checked.
 *
 * | type               | written when                                            | outcome         |
 * | ------------------ | ------------------------------------------------------- | --------------- |
 * | consultation       | a consultation (窓口, 電話, オンライン, 出張相談会 …) is recorded | its status      |
 * | visit              | a consultation held at the business (訪問) is recorded   | its status      |
 * | issue_resolved     | a consultation's status is 課題解決                      | —               |
 * | support_completed  | a consultation's status is 支援完了                      | —               |
 * | referral_sent      | a referral (橋渡し) leaves a department                   | —               |
 * | referral_accepted  | the receiving department (or agency) accepts it         | —               |
 * | referral_declined  | the receiving side declines it                          | —               |
 * | referral_completed | the referral's support is finished                       | its outcome     |
 * | dispatch           | an expert dispatch (専門家派遣) has taken place           | —               |
 * | dispatch_completed | the expert's report is received (the dispatch is done)  | —               |
 * | deal_closed        | a deal (成約) is closed: matching, 事業承継, 人材         | kind of deal    |
 * | manual_figure      | a figure measured outside Shien is entered for a month  | —               |
 * | subsidy_applied    | a subsidy application is received (応募)                 | —               |
 * | subsidy_adopted    | it is adopted (採択)                                     | —               |
 * | subsidy_rejected   | it is not adopted (不採択)                               | —               |
 * | subsidy_decided    | the grant is decided (交付決定; amount = decided yen)     | —               |
 * | subsidy_confirmed  | the amount is confirmed (額の確定; amount = final yen)    | —               |
 * | subsidy_paid       | the subsidy is paid (支払; amount = paid yen)            | —               |
 * | subsidy_withdrawn  | the application is withdrawn or the grant cancelled      | withdrawn/cancelled |
 */
export const FACT_TYPES = [
  "consultation",
  "visit",
  "issue_resolved",
  "support_completed",
  "referral_sent",
  "referral_accepted",
  "referral_declined",
  "referral_completed",
  "dispatch",
  "dispatch_completed",
  "deal_closed",
  "manual_figure",
  "subsidy_applied",
  "subsidy_adopted",
  "subsidy_rejected",
  "subsidy_decided",
  "subsidy_confirmed",
  "subsidy_paid",
  "subsidy_withdrawn",
] as const;
export const factTypeSchema = z.enum(FACT_TYPES);
export type FactType = z.infer<typeof factTypeSchema>;

export const FACT_TYPE_LABELS: Record<FactType, { ja: string; en: string }> = {
  consultation: { ja: "相談", en: "Consultation" },
  visit: { ja: "訪問", en: "Visit" },
  issue_resolved: { ja: "課題解決", en: "Issue resolved" },
  support_completed: { ja: "支援完了", en: "Support completed" },
  referral_sent: { ja: "橋渡し（送付）", en: "Referral sent" },
  referral_accepted: { ja: "橋渡し（受入）", en: "Referral accepted" },
  referral_declined: { ja: "橋渡し（辞退）", en: "Referral declined" },
  referral_completed: { ja: "橋渡し（完了）", en: "Referral completed" },
  dispatch: { ja: "専門家派遣", en: "Expert dispatch" },
  dispatch_completed: { ja: "専門家派遣（報告受領）", en: "Dispatch report received" },
  deal_closed: { ja: "成約", en: "Deal closed" },
  manual_figure: { ja: "手入力の実績", en: "Figure entered by hand" },
  subsidy_applied: { ja: "補助金申請", en: "Subsidy application" },
  subsidy_adopted: { ja: "補助金採択", en: "Subsidy adopted" },
  subsidy_rejected: { ja: "補助金不採択", en: "Subsidy not adopted" },
  subsidy_decided: { ja: "交付決定", en: "Grant decided" },
  subsidy_confirmed: { ja: "額の確定", en: "Amount confirmed" },
  subsidy_paid: { ja: "補助金支払", en: "Subsidy paid" },
  subsidy_withdrawn: { ja: "辞退・取消", en: "Withdrawn or cancelled" },
};

const topics = z.array(z.string().min(1).max(50)).max(30);
const consultationAttributes = z
  .object({
    channel: z.string().min(1),
    topics,
    durationMinutes: z.number().int().min(0).max(1440).nullable(),
    staffCount: z.number().int().min(0).max(50),
  })
  .strict();
const referralAttributes = z
  .object({
    target: z.enum(["department", "agency"]),
    /** The receiving department, for referrals inside the center. */
    toDepartmentId: idSchema.nullable(),
    /** The outside agency (商工会議所, 金融機関 …), for referrals out of the center. */
    agency: z.string().max(100).nullable(),
  })
  .strict();
const dispatchAttributes = z
  .object({
    frameId: idSchema,
    /** 枠: 一般枠, 復興・事業承継・事業者BCP枠 … */
    frame: z.string().min(1),
    expertId: idSchema,
    minutes: z.number().int().min(0).max(1440),
  })
  .strict();

const subsidyAttributes = z
  .object({
    applicationId: idSchema,
    /** コース and 申請種別 as configured (賃上げコース, 特許 …). */
    course: z.string().nullable(),
    type: z.string().nullable(),
  })
  .strict();

/** The attributes each fact type carries; validated on write and on read. */
export const FACT_ATTRIBUTE_SCHEMAS = {
  consultation: consultationAttributes,
  visit: consultationAttributes,
  issue_resolved: z.object({ topics }).strict(),
  support_completed: z.object({ topics }).strict(),
  referral_sent: referralAttributes,
  referral_accepted: referralAttributes,
  referral_declined: referralAttributes,
  referral_completed: referralAttributes,
  dispatch: dispatchAttributes,
  dispatch_completed: dispatchAttributes,
  deal_closed: z.object({ kind: z.string().min(1).max(50) }).strict(),
  /** quantity = the figure; the indicator it is for and where it comes from. */
  manual_figure: z.object({ indicatorId: idSchema, month: z.string(), evidence: z.string().min(1) }).strict(),
  subsidy_applied: subsidyAttributes,
  subsidy_adopted: subsidyAttributes,
  subsidy_rejected: subsidyAttributes,
  subsidy_decided: subsidyAttributes,
  subsidy_confirmed: subsidyAttributes,
  subsidy_paid: subsidyAttributes,
  subsidy_withdrawn: subsidyAttributes,
} as const satisfies Record<FactType, z.ZodType>;
export type FactAttributes<T extends FactType> = z.infer<(typeof FACT_ATTRIBUTE_SCHEMAS)[T]>;

/** Modules that write facts; with `sourceId` a fact points at the record it came from. */
export const FACT_SOURCES = ["consultations", "referrals", "dispatch", "import", "kpi", "subsidies"] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export const activityFactSchema = z.object({
  id: idSchema,
  fiscalYear: z.number().int(),
  programId: idSchema,
  programCode: z.string(),
  programName: z.string(),
  departmentId: idSchema,
  departmentName: z.string(),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  /** For anonymous or pre-founding persons (創業予定者) without a company record. */
  personName: z.string().nullable(),
  occurredOn: z.iso.date(),
  type: factTypeSchema,
  outcome: z.string().nullable(),
  quantity: z.number().int(),
  amountYen: z.number().int().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  sourceModule: z.string(),
  sourceId: idSchema.nullable(),
  /**
   * The source record's name where it has one (a subsidy application's 事業名), read only for facts
   * the reader may see. Absent where a list does not look it up.
   */
  sourceTitle: z.string().nullable().optional(),
  recordedBy: z.string(),
  confidential: z.boolean(),
  voidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ActivityFact = z.infer<typeof activityFactSchema>;

/**
 * A line of a company's timeline. Support of a confidential program (中小企業活性化協議会 …) that
 * the reader may not see is not listed at all; the timeline says instead which department to ask.
 */
export const timelineQuerySchema = z.object({
  type: z
    .union([factTypeSchema, z.array(factTypeSchema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  departmentId: idSchema.optional(),
  programId: idSchema.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Include the history of the records 名寄せ judged to be the same business (default true). */
  siblings: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v !== "false"),
  /** Include voided facts (corrections), struck through (default false). */
  voided: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const confidentialNoticeSchema = z.object({
  departmentId: idSchema,
  departmentName: z.string(),
  message: z.string(),
});
export type ConfidentialNotice = z.infer<typeof confidentialNoticeSchema>;

export const timelineSchema = z.object({
  companyIds: z.array(idSchema),
  items: z.array(activityFactSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  confidentialNotices: z.array(confidentialNoticeSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

export const voidFactSchema = z.object({ reason: z.string().trim().min(1).max(500) });
