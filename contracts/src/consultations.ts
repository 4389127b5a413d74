import { z } from "zod";
import { idSchema } from "./common.js";

/** 相談・訪問記録. */
export const CHANNELS = ["window", "visit", "phone", "online", "outreach", "satellite"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;
export const CHANNEL_LABELS: Record<Channel, { ja: string; en: string }> = {
  window: { ja: "窓口", en: "At the office" },
  visit: { ja: "訪問", en: "Visit" },
  phone: { ja: "電話", en: "Phone" },
  online: { ja: "オンライン", en: "Online" },
  outreach: { ja: "出張相談会", en: "Outreach session" },
  satellite: { ja: "サテライト", en: "Satellite office" },
};
/** Channels held somewhere other than the center: where is part of the record. */
export const CHANNELS_WITH_LOCATION: readonly Channel[] = ["outreach", "satellite"];

export const CONSULTATION_STATUSES = ["ongoing", "resolved", "completed", "referred", "closed"] as const;
export const consultationStatusSchema = z.enum(CONSULTATION_STATUSES);
export type ConsultationStatus = z.infer<typeof consultationStatusSchema>;
export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, { ja: string; en: string }> = {
  ongoing: { ja: "継続", en: "Ongoing" },
  resolved: { ja: "課題解決", en: "Issue resolved" },
  completed: { ja: "支援完了", en: "Support completed" },
  referred: { ja: "他機関へ橋渡し", en: "Referred" },
  closed: { ja: "終了", en: "Closed" },
};

const text = (max: number) => z.string().trim().max(max).nullable().optional();

/** 貿易・取引支援の訪問項目 that Fukushima records on visits: purpose, who was met, orders. */
export const visitDetailsSchema = z.object({
  /** 訪問目的. */
  purpose: z.string().trim().max(200).nullable().optional(),
  /** 面談者. */
  interviewee: z.string().trim().max(200).nullable().optional(),
  /** 発注情報 (what the business wants to order out). */
  orderingInfo: z.string().trim().max(2000).nullable().optional(),
  /** 受注情報 (what it can take on). */
  receivingInfo: z.string().trim().max(2000).nullable().optional(),
});
export type VisitDetails = z.infer<typeof visitDetailsSchema>;

export const consultationInputSchema = z.object({
  /** The business; null for an anonymous person or someone about to found one (then personName). */
  companyId: idSchema.nullable().optional(),
  personName: text(100),
  programId: idSchema,
  /** Defaults to the program's department the recorder belongs to. */
  departmentId: idSchema.optional(),
  channel: channelSchema,
  location: text(200),
  occurredOn: z.iso.date(),
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "開始時刻は「13:30」の形で入力してください")
    .nullable()
    .optional(),
  durationMinutes: z.number().int().min(1).max(1440).nullable().optional(),
  /** コーディネーター: one or more staff users. */
  staffUserIds: z.array(idSchema).min(1).max(10),
  topics: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  notes: text(10000),
  nextAction: text(1000),
  followUpOn: z.iso.date().nullable().optional(),
  status: consultationStatusSchema,
  visit: visitDetailsSchema.nullable().optional(),
});
export type ConsultationInput = z.infer<typeof consultationInputSchema>;

/**
 * An edit sends the version it read; a stale version is refused (someone else saved first).
 * `topics` loses its default here: zod 4 applies a default inside `.partial()`, so an edit that
 * does not mention the topics would otherwise clear them.
 */
export const consultationUpdateSchema = consultationInputSchema
  .extend({ topics: z.array(z.string().trim().min(1).max(50)).max(30) })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type ConsultationUpdate = z.infer<typeof consultationUpdateSchema>;

const ref = z.object({ id: idSchema, name: z.string() });

export const consultationSchema = z.object({
  id: idSchema,
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  personName: z.string().nullable(),
  program: z.object({ id: idSchema, code: z.string(), name: z.string(), fiscalYear: z.number().int() }),
  department: ref,
  channel: channelSchema,
  location: z.string().nullable(),
  occurredOn: z.iso.date(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  staff: z.array(ref),
  topics: z.array(z.string()),
  notes: z.string().nullable(),
  nextAction: z.string().nullable(),
  followUpOn: z.iso.date().nullable(),
  followUpDoneAt: z.string().nullable(),
  status: consultationStatusSchema,
  visit: visitDetailsSchema.nullable(),
  confidential: z.boolean(),
  recordedBy: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Consultation = z.infer<typeof consultationSchema>;

export const consultationQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  companyId: idSchema.optional(),
  programId: idSchema.optional(),
  departmentId: idSchema.optional(),
  staffUserId: idSchema.optional(),
  status: consultationStatusSchema.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ConsultationQuery = z.infer<typeof consultationQuerySchema>;

export const consultationPageSchema = z.object({
  items: z.array(consultationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ConsultationPage = z.infer<typeof consultationPageSchema>;

/** アフターフォロー: open follow-ups, overdue first. */
export const followUpQuerySchema = z.object({
  scope: z.enum(["mine", "department"]).default("mine"),
  departmentId: idSchema.optional(),
});
export const followUpItemSchema = z.object({
  consultation: consultationSchema,
  /** Days past the follow-up date (0 = due today, negative = not yet due). */
  daysOverdue: z.number().int(),
});
export const followUpListSchema = z.object({ items: z.array(followUpItemSchema) });
export type FollowUpItem = z.infer<typeof followUpItemSchema>;
export const followUpDoneSchema = z.object({ version: z.number().int().min(1) });
