import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
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
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** 補助金・助成金 as configured for a plan program: its terms (subsidyProgramTermsSchema), editable by managers. */
export const subsidyPrograms = pgTable(
  "subsidy_programs",
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
    terms: jsonb("terms").notNull(),
    /** 審査の評価項目 (rubricSchema); null until a manager sets one. */
    rubric: jsonb("rubric"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex("subsidy_programs_uq").on(t.orgId, t.programId)],
);

/** 公募回 (第1期, 第2期) with their application windows. */
export const subsidyRounds = pgTable(
  "subsidy_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    subsidyProgramId: uuid("subsidy_program_id")
      .notNull()
      .references(() => subsidyPrograms.id),
    name: text("name").notNull(),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    preStartAllowed: boolean("pre_start_allowed").notNull().default(false),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("subsidy_rounds_uq").on(t.orgId, t.subsidyProgramId, t.name),
    check("subsidy_rounds_window_ck", sql`${t.opensOn} <= ${t.closesOn}`),
  ],
);

/**
 * 予算枠: a program's (or a round's) budget. A 交付決定 commits its amount with a conditional
 * UPDATE under the row lock; the CHECK is the last guard: committed never exceeds the budget.
 */
export const subsidyFrames = pgTable(
  "subsidy_frames",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    subsidyProgramId: uuid("subsidy_program_id")
      .notNull()
      .references(() => subsidyPrograms.id),
    roundId: uuid("round_id").references(() => subsidyRounds.id),
    budgetYen: yen("budget_yen").notNull(),
    committedYen: yen("committed_yen").notNull().default(0),
    paidYen: yen("paid_yen").notNull().default(0),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("subsidy_frames_uq").on(
      t.orgId,
      t.subsidyProgramId,
      sql`coalesce(${t.roundId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    check(
      "subsidy_frames_amounts_ck",
      sql`${t.committedYen} >= 0 and ${t.paidYen} >= 0 and ${t.committedYen} <= ${t.budgetYen}`,
    ),
  ],
);

/** 申請. */
export const subsidyApplications = pgTable(
  "subsidy_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    subsidyProgramId: uuid("subsidy_program_id")
      .notNull()
      .references(() => subsidyPrograms.id),
    roundId: uuid("round_id").references(() => subsidyRounds.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    title: text("title").notNull(),
    course: text("course"),
    type: text("type"),
    taxTreatment: text("tax_treatment").notNull(),
    taxIncluded: boolean("tax_included").notNull().default(false),
    status: text("status").notNull().default("received"),
    receivedOn: date("received_on").notNull(),
    preStartApprovedOn: date("pre_start_approved_on"),
    /** subsidyExpenseLineSchema[]: the application's lines, and the 実績報告's. */
    lines: jsonb("lines").notNull(),
    actualLines: jsonb("actual_lines"),
    computedYen: yen("computed_yen").notNull(),
    /** The working (subsidyCalcStepSchema[]) and a refusal, if the arithmetic refused. */
    calculation: jsonb("calculation").notNull(),
    decidedYen: yen("decided_yen"),
    decidedOn: date("decided_on"),
    /** The frame the decision committed, so that later steps release exactly that one. */
    frameId: uuid("frame_id").references(() => subsidyFrames.id),
    confirmedYen: yen("confirmed_yen"),
    paidYen: yen("paid_yen"),
    paidOn: date("paid_on"),
    repaymentYen: yen("repayment_yen"),
    decisionNo: text("decision_no"),
    /** 実績報告の期限, set with the 交付決定. */
    reportDueOn: date("report_due_on"),
    confirmationNo: text("confirmation_no"),
    /** 不採択通知の文書番号, from the same gap-free counter as the others (its own kind). */
    rejectionNo: text("rejection_no"),
    note: text("note"),
    confidential: boolean("confidential").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    createdByLabel: text("created_by_label").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("subsidy_applications_program_idx").on(t.orgId, t.subsidyProgramId, t.status),
    index("subsidy_applications_company_idx").on(t.orgId, t.companyId),
    check(
      "subsidy_applications_status_ck",
      sql`${t.status} in ('received','returned','checked','adopted','rejected','decided','reported','confirmed','claimed','paid','withdrawn','cancelled')`,
    ),
    check("subsidy_applications_tax_ck", sql`${t.taxTreatment} in ('standard','exempt','simplified')`),
  ],
);

/** 審査: one score sheet per reviewer and application (a conflict of interest is declared, not scored). */
export const subsidyReviews = pgTable(
  "subsidy_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => subsidyApplications.id),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    reviewerLabel: text("reviewer_label").notNull(),
    conflict: boolean("conflict").notNull(),
    conflictNote: text("conflict_note"),
    scores: jsonb("scores").notNull(),
    total: integer("total"),
    comment: text("comment"),
    submittedAt: updated(),
  },
  (t) => [uniqueIndex("subsidy_reviews_uq").on(t.orgId, t.applicationId, t.reviewerId)],
);

/** 添付書類, stored in the database with their hash (backed up with everything else). */
export const subsidyAttachments = pgTable(
  "subsidy_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => subsidyApplications.id),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    mime: text("mime").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedByLabel: text("uploaded_by_label").notNull(),
    createdAt: created(),
  },
  (t) => [index("subsidy_attachments_application_idx").on(t.orgId, t.applicationId)],
);

/** Every step of an application: who, when, from, to, why and the amount it set. */
export const subsidyEvents = pgTable(
  "subsidy_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => subsidyApplications.id),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    on: date("on").notNull(),
    note: text("note"),
    amountYen: yen("amount_yen"),
    byLabel: text("by_label").notNull(),
    at: created(),
  },
  (t) => [index("subsidy_events_application_idx").on(t.orgId, t.applicationId)],
);

/**
 * 文書番号: a gap-free counter per program, kind (交付決定, 額の確定, 不採択) and year, taken under
 * the row lock in the transaction that issues the number (a rolled-back number is never used).
 */
export const subsidyNoticeCounters = pgTable(
  "subsidy_notice_counters",
  {
    orgId: orgId(),
    subsidyProgramId: uuid("subsidy_program_id")
      .notNull()
      .references(() => subsidyPrograms.id),
    kind: text("kind").notNull(),
    lastNo: integer("last_no").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.subsidyProgramId, t.kind] })],
);
