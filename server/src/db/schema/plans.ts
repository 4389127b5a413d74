import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { departments, organizations } from "./organizations.js";

const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id);
const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
/** Money in integer yen: bigint in SQL, a safe integer in JS (parsed once in db/client.ts). */
const yen = (name: string) => bigint(name, { mode: "number" });

/** 事業計画: one per organization and fiscal year (年度, by its starting year: 2026 = 令和8年度). */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    fiscalYear: integer("fiscal_year").notNull(),
    title: text("title").notNull(),
    status: text("status").notNull(),
    source: text("source").notNull().default(""),
    notes: jsonb("notes").notNull().default([]),
    /** Figures the document states across programs (statedFigureSchema), kept to re-check and re-export. */
    statedFigures: jsonb("stated_figures").notNull().default([]),
    revision: integer("revision").notNull().default(0),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("plans_org_year_uq").on(t.orgId, t.fiscalYear),
    check("plans_status_ck", sql`${t.status} in ('draft','adopted')`),
  ],
);

/** A revision of an adopted plan (見直し): who reopened it, when and why. */
export const planRevisions = pgTable("plan_revisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: orgId(),
  planId: uuid("plan_id")
    .notNull()
    .references(() => plans.id),
  revision: integer("revision").notNull(),
  reason: text("reason").notNull(),
  actorLabel: text("actor_label").notNull(),
  createdAt: created(),
});

/** 事業 and their sub-programs (①②, (ア)(イ)): a sub-program points at its parent. */
export const programs = pgTable(
  "programs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    parentId: uuid("parent_id").references((): AnyPgColumn => programs.id),
    position: integer("position").notNull(),
    code: text("code").notNull(),
    numbering: text("numbering").notNull(),
    name: text("name").notNull(),
    /** new / continuing / expanded; null on sub-programs, which inherit their parent's. */
    status: text("status"),
    kinds: text("kinds").array().notNull().default(sql`'{}'::text[]`),
    purpose: text("purpose"),
    summary: text("summary"),
    points: jsonb("points").notNull().default([]),
    activities: jsonb("activities").notNull().default([]),
    agencies: jsonb("agencies").notNull().default([]),
    outputs: jsonb("outputs").notNull().default([]),
    terms: jsonb("terms"),
    notes: jsonb("notes").notNull().default([]),
    /**
     * 機密: support records of this program (中小企業活性化協議会's restructuring cases) are seen only
     * by its departments; everyone else learns only that such support exists.
     */
    confidential: boolean("confidential").notNull().default(false),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex("programs_plan_code_uq").on(t.planId, t.code), index("programs_org_idx").on(t.orgId, t.planId)],
);

/** 担当課. */
export const programDepartments = pgTable(
  "program_departments",
  {
    orgId: orgId(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.departmentId] })],
);

/** 事業体系: the document's tree of groups, programs and re-listings (再掲), in its order. */
export const planNodes = pgTable(
  "plan_nodes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    parentId: uuid("parent_id").references((): AnyPgColumn => planNodes.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").notNull(),
    numbering: text("numbering").notNull(),
    /** Group title, or the label of a re-listing. */
    title: text("title"),
    programId: uuid("program_id").references(() => programs.id),
    notes: jsonb("notes").notNull().default([]),
  },
  (t) => [
    index("plan_nodes_plan_idx").on(t.orgId, t.planId),
    check("plan_nodes_kind_ck", sql`${t.kind} in ('group','program','reference')`),
  ],
);

/** 金額の行: 事業費, 基金, 貸付予算枠 … with the printed text kept beside exact yen. */
export const amountLines = pgTable(
  "amount_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    yen: yen("yen").notNull(),
    approximate: boolean("approximate").notNull().default(false),
    previousYen: yen("previous_yen"),
    previousApproximate: boolean("previous_approximate").notNull().default(false),
    differenceYen: yen("difference_yen"),
    differenceApproximate: boolean("difference_approximate").notNull().default(false),
    fundingSources: text("funding_sources").array().notNull().default(sql`'{}'::text[]`),
    payer: text("payer"),
    asOf: date("as_of"),
    countsTowardBudget: boolean("counts_toward_budget").notNull().default(true),
    note: text("note"),
    /** Raised by every edit: an editor who saved over a newer line gets 409, not a silent overwrite. */
    version: integer("version").notNull().default(1),
  },
  (t) => [index("amount_lines_program_idx").on(t.orgId, t.programId)],
);

/** 指標: the KPI engine (a later module) attaches metric definitions to these ids. */
export const indicators = pgTable(
  "indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id),
    position: integer("position").notNull(),
    category: text("category").notNull(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    /** Exact decimal (targets can be percentages); null when the plan gives none. */
    target: numeric("target"),
    targetText: text("target_text"),
    breakdown: jsonb("breakdown"),
    previous: jsonb("previous"),
    note: text("note"),
    /** 実績の算定式 (metricSchema): how the actual is computed from activity facts. */
    metric: jsonb("metric"),
    /** Raised by every edit (see amount_lines.version). */
    version: integer("version").notNull().default(1),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("indicators_program_name_uq").on(t.programId, t.category, t.name),
    check("indicators_category_ck", sql`${t.category} in ('priority','activity','reference')`),
  ],
);

/** 正味財産予算書（要約）: its lines in order, in yen. */
export const budgetLines = pgTable(
  "budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    indent: integer("indent").notNull(),
    currentYen: yen("current_yen").notNull(),
    previousYen: yen("previous_yen").notNull(),
    differenceYen: yen("difference_yen").notNull(),
    marker: text("marker"),
    formula: text("formula"),
  },
  (t) => [index("budget_lines_plan_idx").on(t.orgId, t.planId)],
);

export const budgetStatements = pgTable("budget_statements", {
  planId: uuid("plan_id")
    .primaryKey()
    .references(() => plans.id),
  orgId: orgId(),
  title: text("title").notNull(),
  explanations: jsonb("explanations").notNull().default([]),
});

/** 計画推進に向けた取組み. */
export const initiatives = pgTable(
  "initiatives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    position: integer("position").notNull(),
    guideline: text("guideline").notNull(),
    policy: text("policy").notNull(),
    results: jsonb("results").notNull().default([]),
    planItems: jsonb("plan_items").notNull().default([]),
  },
  (t) => [index("initiatives_plan_idx").on(t.orgId, t.planId)],
);
