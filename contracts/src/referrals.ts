import { z } from "zod";
import { idSchema } from "./common.js";

/** 橋渡し / 3機関連携: a business handed from one department to another, or to an outside agency. */
export const REFERRAL_STATUSES = ["sent", "accepted", "declined", "completed"] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, { ja: string; en: string }> = {
  sent: { ja: "送付済み", en: "Sent" },
  accepted: { ja: "受入", en: "Accepted" },
  declined: { ja: "辞退", en: "Declined" },
  completed: { ja: "完了", en: "Completed" },
};

export const REFERRAL_ACTIONS = ["accept", "decline", "complete"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];
/** The only moves a referral can make; anything else is refused with the current status named. */
export const REFERRAL_TRANSITIONS: Record<ReferralAction, { from: ReferralStatus; to: ReferralStatus }> = {
  accept: { from: "sent", to: "accepted" },
  decline: { from: "sent", to: "declined" },
  complete: { from: "accepted", to: "completed" },
};

export const referralTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("department"), departmentId: idSchema }),
  z.object({ kind: z.literal("agency"), agency: z.string().trim().min(1).max(100) }),
]);
export type ReferralTarget = z.infer<typeof referralTargetSchema>;

export const referralInputSchema = z.object({
  companyId: idSchema.nullable().optional(),
  personName: z.string().trim().max(100).nullable().optional(),
  /** The sending program (its plan year is the referral's fiscal year). */
  programId: idSchema,
  /** The sending department; defaults to the program's department the sender belongs to. */
  fromDepartmentId: idSchema.optional(),
  target: referralTargetSchema,
  reason: z.string().trim().min(1).max(2000),
  sentOn: z.iso.date(),
  /** The consultation this referral came out of, if any. */
  consultationId: idSchema.nullable().optional(),
});
export type ReferralInput = z.infer<typeof referralInputSchema>;

export const referralTransitionSchema = z.object({
  action: z.enum(REFERRAL_ACTIONS),
  /** Why it was declined, or what came of it (completed). */
  note: z.string().trim().max(2000).nullable().optional(),
  on: z.iso.date(),
  version: z.number().int().min(1),
});
export type ReferralTransition = z.infer<typeof referralTransitionSchema>;

const ref = z.object({ id: idSchema, name: z.string() });

export const referralSchema = z.object({
  id: idSchema,
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  personName: z.string().nullable(),
  program: z.object({ id: idSchema, code: z.string(), name: z.string(), fiscalYear: z.number().int() }),
  fromDepartment: ref,
  toDepartment: ref.nullable(),
  agency: z.string().nullable(),
  reason: z.string().nullable(),
  status: referralStatusSchema,
  sentOn: z.iso.date(),
  respondedOn: z.iso.date().nullable(),
  completedOn: z.iso.date().nullable(),
  declineReason: z.string().nullable(),
  outcome: z.string().nullable(),
  consultationId: idSchema.nullable(),
  sentBy: z.string(),
  confidential: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Referral = z.infer<typeof referralSchema>;

export const referralQuerySchema = z.object({
  /** incoming: addressed to the reader's departments; outgoing: sent by them. */
  box: z.enum(["incoming", "outgoing", "all"]).default("all"),
  departmentId: idSchema.optional(),
  companyId: idSchema.optional(),
  status: referralStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReferralQuery = z.infer<typeof referralQuerySchema>;
export const referralPageSchema = z.object({
  items: z.array(referralSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
