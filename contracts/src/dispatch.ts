import { z } from "zod";
import { idSchema } from "./common.js";

/** 専門家 and 専門家派遣. */
export const DEFAULT_QUALIFICATIONS = [
  "中小企業診断士",
  "税理士",
  "公認会計士",
  "社会保険労務士",
  "弁理士",
  "弁護士",
  "ITコーディネータ",
  "技術士",
] as const;

const yen = z.number().int().min(0).max(1_000_000_000);

export const expertInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  nameKana: z.string().trim().max(100).nullable().optional(),
  /** 得意分野. */
  specialties: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  /** 資格. */
  qualifications: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  organization: z.string().trim().max(200).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  feePerDispatchYen: yen.nullable().optional(),
  feePerHourYen: yen.nullable().optional(),
  active: z.boolean().default(true),
  /** 利益相反: businesses or relations the expert must not be sent to. */
  conflictNotes: z.string().trim().max(2000).nullable().optional(),
});
export type ExpertInput = z.infer<typeof expertInputSchema>;
/**
 * PATCH body: the same fields without their defaults. zod 4 applies a default inside `.partial()`,
 * so `expertInputSchema.partial()` would reset 得意分野, 資格 and 有効 on every partial update.
 */
export const expertUpdateSchema = expertInputSchema
  .extend({
    specialties: z.array(z.string().trim().min(1).max(50)).max(30),
    qualifications: z.array(z.string().trim().min(1).max(50)).max(30),
    active: z.boolean(),
  })
  .partial();

export const expertSchema = z.object({
  id: idSchema,
  name: z.string(),
  nameKana: z.string().nullable(),
  specialties: z.array(z.string()),
  qualifications: z.array(z.string()),
  organization: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  feePerDispatchYen: z.number().int().nullable(),
  feePerHourYen: z.number().int().nullable(),
  active: z.boolean(),
  conflictNotes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Expert = z.infer<typeof expertSchema>;
export const expertQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  qualification: z.string().trim().max(50).optional(),
  active: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
});
export const expertListSchema = z.object({ items: z.array(expertSchema) });

/**
 * 派遣枠: a quota of dispatches of a program for a fiscal year, from the plan's outputs
 * (一般枠 延べ195回 …), with a per-company limit the center sets.
 */
export const dispatchFrameSchema = z.object({
  id: idSchema,
  fiscalYear: z.number().int(),
  program: z.object({ id: idSchema, code: z.string(), name: z.string() }),
  name: z.string(),
  /** 延べ回数 for the year; null = the plan states none. */
  cap: z.number().int().nullable(),
  perCompanyCap: z.number().int().nullable(),
  /** Dispatches that hold a slot (requested, approved, done, report received, paid). */
  used: z.number().int(),
  remaining: z.number().int().nullable(),
});
export type DispatchFrame = z.infer<typeof dispatchFrameSchema>;
export const dispatchFrameListSchema = z.object({ items: z.array(dispatchFrameSchema) });
export const dispatchFrameQuerySchema = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100) });
export const dispatchFrameUpdateSchema = z
  .object({
    cap: z.number().int().min(0).max(100000).nullable(),
    perCompanyCap: z.number().int().min(1).max(1000).nullable(),
  })
  .partial();

export const DISPATCH_STATUSES = [
  "requested",
  "approved",
  "done",
  "reported",
  "paid",
  "rejected",
  "cancelled",
] as const;
export const dispatchStatusSchema = z.enum(DISPATCH_STATUSES);
export type DispatchStatus = z.infer<typeof dispatchStatusSchema>;
export const DISPATCH_STATUS_LABELS: Record<DispatchStatus, { ja: string; en: string }> = {
  requested: { ja: "申請中", en: "Requested" },
  approved: { ja: "承認済み", en: "Approved" },
  done: { ja: "実施済み", en: "Done" },
  reported: { ja: "報告受領", en: "Report received" },
  paid: { ja: "支払済み", en: "Paid" },
  rejected: { ja: "却下", en: "Rejected" },
  cancelled: { ja: "取消", en: "Cancelled" },
};
/** Statuses that no longer hold a slot of the frame. */
export const DISPATCH_RELEASED: readonly DispatchStatus[] = ["rejected", "cancelled"];

export const DISPATCH_ACTIONS = ["approve", "reject", "done", "report", "pay", "cancel"] as const;
export type DispatchAction = (typeof DISPATCH_ACTIONS)[number];
export const DISPATCH_TRANSITIONS: Record<DispatchAction, { from: readonly DispatchStatus[]; to: DispatchStatus }> = {
  approve: { from: ["requested"], to: "approved" },
  reject: { from: ["requested"], to: "rejected" },
  done: { from: ["approved"], to: "done" },
  report: { from: ["done"], to: "reported" },
  pay: { from: ["reported"], to: "paid" },
  cancel: { from: ["requested", "approved"], to: "cancelled" },
};

export const dispatchInputSchema = z.object({
  frameId: idSchema,
  companyId: idSchema,
  expertId: idSchema,
  scheduledOn: z.iso.date(),
  /** Planned length in minutes (2時間 = 120). */
  minutes: z.number().int().min(1).max(1440),
  /** 謝金 paid to the expert, yen. */
  feeYen: yen,
  /** 企業負担: the company's share of the fee, yen. */
  companyShareYen: yen.default(0),
  purpose: z.string().trim().max(2000).nullable().optional(),
});
export type DispatchInput = z.infer<typeof dispatchInputSchema>;

export const dispatchTransitionSchema = z.object({
  action: z.enum(DISPATCH_ACTIONS),
  version: z.number().int().min(1),
  /** done: the day it took place; pay: the payment date. Defaults to today (Japan). */
  on: z.iso.date().optional(),
  /** done: actual minutes. */
  minutes: z.number().int().min(1).max(1440).optional(),
  /** report: the expert's report. */
  reportText: z.string().trim().min(1).max(20000).optional(),
  /** reject / cancel: why. */
  reason: z.string().trim().max(1000).optional(),
});
export type DispatchTransition = z.infer<typeof dispatchTransitionSchema>;

const ref = z.object({ id: idSchema, name: z.string() });

export const dispatchSchema = z.object({
  id: idSchema,
  frame: ref,
  fiscalYear: z.number().int(),
  program: z.object({ id: idSchema, code: z.string(), name: z.string() }),
  department: ref,
  company: ref,
  expert: ref,
  scheduledOn: z.iso.date(),
  heldOn: z.iso.date().nullable(),
  minutes: z.number().int(),
  feeYen: z.number().int(),
  companyShareYen: z.number().int(),
  purpose: z.string().nullable(),
  status: dispatchStatusSchema,
  reportText: z.string().nullable(),
  reportedOn: z.iso.date().nullable(),
  paidOn: z.iso.date().nullable(),
  approvedBy: z.string().nullable(),
  reason: z.string().nullable(),
  requestedBy: z.string(),
  confidential: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Dispatch = z.infer<typeof dispatchSchema>;
export const dispatchQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  frameId: idSchema.optional(),
  companyId: idSchema.optional(),
  expertId: idSchema.optional(),
  status: dispatchStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type DispatchQuery = z.infer<typeof dispatchQuerySchema>;
export const dispatchPageSchema = z.object({
  items: z.array(dispatchSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
