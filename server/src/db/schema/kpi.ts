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
