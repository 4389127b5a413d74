import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations.js";

/**
 * Rollups of the activity facts, kept in the same transaction as each fact is written or voided
 * (activities repository), so that the KPI engine never scans the fact table. `dims` holds the
 * fact's dimension attributes (contracts FACT_DIMENSIONS), `outcome` '' for none.
 */
export const activityDaily = pgTable(
  "activity_daily",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer("fiscal_year").notNull(),
    programId: uuid("program_id").notNull(),
    departmentId: uuid("department_id").notNull(),
    type: text("type").notNull(),
    outcome: text("outcome").notNull(),
    dims: jsonb("dims").notNull(),
    occurredOn: date("occurred_on").notNull(),
    facts: integer("facts").notNull(),
    quantity: bigint("quantity", { mode: "number" }).notNull(),
    amountYen: bigint("amount_yen", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programId, t.departmentId, t.type, t.outcome, t.dims, t.occurredOn] }),
    index("activity_daily_year_idx").on(t.orgId, t.fiscalYear, t.occurredOn),
  ],
);

/**
 * Per business and fact key: how many live facts, and the day of the first. Distinct businesses
 * up to a date are the businesses whose first fact falls on or before it; merges are applied when
 * counting (through the company_entities view), so a later merge or unmerge changes the count at once.
 */
export const activityCompanyFirsts = pgTable(
  "activity_company_firsts",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer("fiscal_year").notNull(),
    programId: uuid("program_id").notNull(),
    departmentId: uuid("department_id").notNull(),
    type: text("type").notNull(),
    outcome: text("outcome").notNull(),
    dims: jsonb("dims").notNull(),
    companyId: uuid("company_id").notNull(),
    firstOn: date("first_on").notNull(),
    facts: integer("facts").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.orgId, t.programId, t.departmentId, t.type, t.outcome, t.dims, t.companyId],
    }),
    index("activity_company_firsts_year_idx").on(t.orgId, t.fiscalYear, t.type),
  ],
);

/** The daily rollup summed per month: the dashboard reads whole months here and only the as-of month by day. */
export const activityMonthly = pgTable(
  "activity_monthly",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer("fiscal_year").notNull(),
    programId: uuid("program_id").notNull(),
    departmentId: uuid("department_id").notNull(),
    type: text("type").notNull(),
    outcome: text("outcome").notNull(),
    dims: jsonb("dims").notNull(),
    /** The month's first day. */
    month: date("month").notNull(),
    facts: integer("facts").notNull(),
    quantity: bigint("quantity", { mode: "number" }).notNull(),
    amountYen: bigint("amount_yen", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programId, t.departmentId, t.type, t.outcome, t.dims, t.month] }),
    index("activity_monthly_year_idx").on(t.orgId, t.fiscalYear),
  ],
);

/**
 * First facts per business by program and type only: most distinct-business metrics filter on
 * nothing finer, and this table is several times smaller than activity_company_firsts.
 */
export const activityCompanyTypes = pgTable(
  "activity_company_types",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer("fiscal_year").notNull(),
    programId: uuid("program_id").notNull(),
    type: text("type").notNull(),
    companyId: uuid("company_id").notNull(),
    firstOn: date("first_on").notNull(),
    facts: integer("facts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.programId, t.type, t.companyId] })],
);

/** Businesses with facts per program, type and month: distinct businesses within a quarter or month. */
export const activityCompanyMonths = pgTable(
  "activity_company_months",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer("fiscal_year").notNull(),
    programId: uuid("program_id").notNull(),
    type: text("type").notNull(),
    companyId: uuid("company_id").notNull(),
    month: date("month").notNull(),
    facts: integer("facts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.programId, t.type, t.month, t.companyId] })],
);
