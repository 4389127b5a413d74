import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { companies } from "./companies.js";
import { departments, organizations } from "./organizations.js";
import { programs } from "./plans.js";
import { users } from "./users.js";

const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id);
const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const yen = (name: string) => bigint(name, { mode: "number" });

/**
 * 支援記録の事実: append-only. A trigger (migration 0008) refuses deletes and any update other
 * than voiding; a correction voids the fact and writes a new one.
 */
export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    fiscalYear: integer("fiscal_year").notNull(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    companyId: uuid("company_id").references(() => companies.id),
    personName: text("person_name"),
    occurredOn: date("occurred_on").notNull(),
    type: text("type").notNull(),
    outcome: text("outcome"),
    quantity: integer("quantity").notNull().default(1),
    amountYen: yen("amount_yen"),
    attributes: jsonb("attributes").notNull().default({}),
    sourceModule: text("source_module").notNull(),
    sourceId: uuid("source_id"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedByLabel: text("recorded_by_label").notNull(),
    confidential: boolean("confidential").notNull().default(false),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedByLabel: text("voided_by_label"),
    voidReason: text("void_reason"),
    /** The fact that replaced this one, when a correction wrote a new one. */
    replacedBy: uuid("replaced_by"),
    createdAt: created(),
  },
  (t) => [
    index("activities_company_idx").on(t.orgId, t.companyId, t.occurredOn),
    index("activities_source_idx").on(t.orgId, t.sourceModule, t.sourceId),
    index("activities_year_idx").on(t.orgId, t.fiscalYear, t.programId, t.type),
    check(
      "activities_subject_ck",
      sql`${t.companyId} is not null or ${t.personName} is not null or ${t.type} = 'manual_figure'`,
    ),
    check("activities_quantity_ck", sql`${t.quantity} >= 0`),
  ],
);

/** 相談分野 and 連携先機関: lists each organization keeps for its staff to pick from. */
export const supportVocab = pgTable(
  "support_vocab",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    archived: boolean("archived").notNull().default(false),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("support_vocab_uq").on(t.orgId, t.kind, t.name),
    check("support_vocab_kind_ck", sql`${t.kind} in ('topic','agency')`),
  ],
);

/** 相談・訪問記録. */
export const consultations = pgTable(
  "consultations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    companyId: uuid("company_id").references(() => companies.id),
    personName: text("person_name"),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    channel: text("channel").notNull(),
    location: text("location"),
    occurredOn: date("occurred_on").notNull(),
    startTime: text("start_time"),
    durationMinutes: integer("duration_minutes"),
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    notes: text("notes"),
    nextAction: text("next_action"),
    followUpOn: date("follow_up_on"),
    followUpDoneAt: timestamp("follow_up_done_at", { withTimezone: true }),
    status: text("status").notNull(),
    /** 訪問目的, 面談者, 発注/受注情報 (visitDetailsSchema). */
    visit: jsonb("visit"),
    confidential: boolean("confidential").notNull().default(false),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedByLabel: text("recorded_by_label").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("consultations_company_idx").on(t.orgId, t.companyId, t.occurredOn),
    index("consultations_dept_idx").on(t.orgId, t.departmentId, t.occurredOn),
    index("consultations_follow_up_idx")
      .on(t.orgId, t.followUpOn)
      .where(sql`${t.followUpOn} is not null and ${t.followUpDoneAt} is null`),
    check("consultations_subject_ck", sql`${t.companyId} is not null or ${t.personName} is not null`),
    check("consultations_status_ck", sql`${t.status} in ('ongoing','resolved','completed','referred','closed')`),
    check("consultations_channel_ck", sql`${t.channel} in ('window','visit','phone','online','outreach','satellite')`),
  ],
);

/** コーディネーター of a consultation. */
export const consultationStaff = pgTable(
  "consultation_staff",
  {
    orgId: orgId(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.consultationId, t.userId] }),
    index("consultation_staff_user_idx").on(t.orgId, t.userId),
  ],
);

/** 橋渡し. */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    companyId: uuid("company_id").references(() => companies.id),
    personName: text("person_name"),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    fromDepartmentId: uuid("from_department_id")
      .notNull()
      .references(() => departments.id),
    toDepartmentId: uuid("to_department_id").references(() => departments.id),
    agency: text("agency"),
    reason: text("reason").notNull(),
    status: text("status").notNull().default("sent"),
    sentOn: date("sent_on").notNull(),
    respondedOn: date("responded_on"),
    completedOn: date("completed_on"),
    declineReason: text("decline_reason"),
    outcome: text("outcome"),
    consultationId: uuid("consultation_id").references(() => consultations.id),
    confidential: boolean("confidential").notNull().default(false),
    sentBy: uuid("sent_by").references(() => users.id),
    sentByLabel: text("sent_by_label").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("referrals_to_idx").on(t.orgId, t.toDepartmentId, t.status),
    index("referrals_from_idx").on(t.orgId, t.fromDepartmentId, t.status),
    index("referrals_company_idx").on(t.orgId, t.companyId),
    check("referrals_status_ck", sql`${t.status} in ('sent','accepted','declined','completed')`),
    check("referrals_target_ck", sql`(${t.toDepartmentId} is null) <> (${t.agency} is null)`),
    check("referrals_subject_ck", sql`${t.companyId} is not null or ${t.personName} is not null`),
  ],
);

/** 専門家. */
export const experts = pgTable(
  "experts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text("name").notNull(),
    nameKana: text("name_kana"),
    specialties: text("specialties").array().notNull().default(sql`'{}'::text[]`),
    qualifications: text("qualifications").array().notNull().default(sql`'{}'::text[]`),
    organization: text("organization"),
    phone: text("phone"),
    email: text("email"),
    feePerDispatchYen: yen("fee_per_dispatch_yen"),
    feePerHourYen: yen("fee_per_hour_yen"),
    active: boolean("active").notNull().default(true),
    conflictNotes: text("conflict_notes"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index("experts_org_idx").on(t.orgId, t.active)],
);

/**
 * 派遣枠 of a program for a fiscal year. Requests lock the frame's row, so two requests for the
 * last slot are decided one after the other and a cap is never exceeded.
 */
export const dispatchFrames = pgTable(
  "dispatch_frames",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    fiscalYear: integer("fiscal_year").notNull(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    name: text("name").notNull(),
    cap: integer("cap"),
    perCompanyCap: integer("per_company_cap"),
    /** Slots held (requests not rejected or cancelled), kept with each change under the row lock. */
    used: integer("used").notNull().default(0),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("dispatch_frames_uq").on(t.orgId, t.programId, t.name),
    check("dispatch_frames_used_ck", sql`${t.used} >= 0 and (${t.cap} is null or ${t.used} <= ${t.cap})`),
  ],
);

/** 専門家派遣. */
export const dispatches = pgTable(
  "dispatches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    frameId: uuid("frame_id")
      .notNull()
      .references(() => dispatchFrames.id),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    expertId: uuid("expert_id")
      .notNull()
      .references(() => experts.id),
    scheduledOn: date("scheduled_on").notNull(),
    heldOn: date("held_on"),
    minutes: integer("minutes").notNull(),
    feeYen: yen("fee_yen").notNull(),
    companyShareYen: yen("company_share_yen").notNull().default(0),
    purpose: text("purpose"),
    status: text("status").notNull().default("requested"),
    reportText: text("report_text"),
    reportedOn: date("reported_on"),
    paidOn: date("paid_on"),
    approvedByLabel: text("approved_by_label"),
    reason: text("reason"),
    confidential: boolean("confidential").notNull().default(false),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedByLabel: text("requested_by_label").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("dispatches_frame_company_idx").on(t.orgId, t.frameId, t.companyId),
    index("dispatches_company_idx").on(t.orgId, t.companyId),
    check(
      "dispatches_status_ck",
      sql`${t.status} in ('requested','approved','done','reported','paid','rejected','cancelled')`,
    ),
    check("dispatches_share_ck", sql`${t.companyShareYen} <= ${t.feeYen}`),
  ],
);
