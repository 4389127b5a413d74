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
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./organizations.js";

/** 事業者 of an organization's registry. The trigram index for Japanese partial search is in migration 0005_companies_search. */
export const companies = pgTable(
  "companies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    corporateNumber: text("corporate_number"),
    name: text("name").notNull(),
    nameKana: text("name_kana"),
    /** 株式会社, 有限会社 … as detected in the name, and whether it stands before (前株) or after (後株). */
    legalForm: text("legal_form"),
    representative: text("representative"),
    postalCode: text("postal_code"),
    prefecture: text("prefecture"),
    address: text("address"),
    phone: text("phone"),
    /** Digits only, for search and matching. */
    phoneDigits: text("phone_digits"),
    email: text("email"),
    website: text("website"),
    /** 業種 as written (free text, e.g. 菓子製造). */
    industry: text("industry"),
    /** 日本標準産業分類 中分類 ("09"); the 大分類 follows from it (contracts/jsic.ts). */
    industryCode: text("industry_code"),
    employees: integer("employees"),
    capitalYen: bigint("capital_yen", { mode: "number" }),
    founded: date("founded"),
    sizeClass: text("size_class"),
    soleProprietor: boolean("sole_proprietor").notNull().default(false),
    notes: text("notes"),
    /**
     * 名寄せ: records with the same key are one business (the cluster's 法人番号, else its smallest
     * record id). Null until the first dedupe run; a record alone is its own entity.
     */
    entityKey: text("entity_key"),
    /** NFKC, width- and space-folded name and kana: what partial search runs on. */
    searchText: text("search_text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("companies_org_corporate_number_uq")
      .on(t.orgId, t.corporateNumber)
      .where(sql`${t.corporateNumber} is not null`),
    index("companies_org_phone_idx").on(t.orgId, t.phoneDigits),
    check("companies_industry_code_ck", sql`${t.industryCode} is null or ${t.industryCode} ~ '^[0-9]{2}$'`),
    check("companies_size_class_ck", sql`${t.sizeClass} is null or ${t.sizeClass} in ('sme','small','other')`),
  ],
);

/** A person's verdict on a pair of records: it wins over the score in every later dedupe run. */
export const meiyoseDecisions = pgTable(
  "meiyose_decisions",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    /** The smaller company id of the pair. */
    companyA: uuid("company_a")
      .notNull()
      .references(() => companies.id),
    companyB: uuid("company_b")
      .notNull()
      .references(() => companies.id),
    same: boolean("same").notNull(),
    decidedBy: text("decided_by").notNull(),
    /** The merge that made this decision, so that undoing the merge takes it back. */
    mergeId: uuid("merge_id"),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyA, t.companyB] })],
);

/** Pairs the engine could not decide (uncertainty band), waiting for a person. Replaced by each dedupe run. */
export const meiyoseReviewPairs = pgTable(
  "meiyose_review_pairs",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    companyA: uuid("company_a")
      .notNull()
      .references(() => companies.id),
    companyB: uuid("company_b")
      .notNull()
      .references(() => companies.id),
    score: real("score").notNull(),
    reasons: jsonb("reasons").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyA, t.companyB] })],
);

/** A manual merge: the entity keys it replaced, so that undo restores them exactly. */
export const meiyoseMerges = pgTable("meiyose_merges", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id")
    .notNull()
    .references(() => organizations.id),
  entityKey: text("entity_key").notNull(),
  /** [{ companyId, entityKey (before) }] */
  previous: jsonb("previous").notNull(),
  mergedBy: text("merged_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  undoneAt: timestamp("undone_at", { withTimezone: true }),
});

/**
 * One row per organization: the last dedupe run's figures. Dedupe runs, merges and decisions lock
 * this row, so they happen one at a time per organization and none overwrites another's result.
 */
export const meiyoseState = pgTable("meiyose_state", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }),
  records: integer("records").notNull().default(0),
  entities: integer("entities").notNull().default(0),
});

/** 担当者: people at a business the center deals with, and their roles. */
export const companyContacts = pgTable(
  "company_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    name: text("name").notNull(),
    nameKana: text("name_kana"),
    /** 代表取締役, 経理担当 … as the business calls it. */
    role: text("role"),
    phone: text("phone"),
    email: text("email"),
    notes: text("notes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("company_contacts_company_idx").on(t.orgId, t.companyId)],
);

/**
 * 名寄せ runs started from the screen, in the database so that every server process sees them and
 * a restart cannot leave a job "running" forever: the process running it beats every few seconds,
 * and a running job without a recent beat is reported as interrupted. At most one runs per org.
 */
export const dedupeJobs = pgTable(
  "dedupe_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    status: text("status").notNull(),
    phase: text("phase").notNull(),
    done: integer("done").notNull().default(0),
    total: integer("total").notNull().default(0),
    result: jsonb("result"),
    error: text("error"),
    startedByLabel: text("started_by_label").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    beatAt: timestamp("beat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("dedupe_jobs_running_uq").on(t.orgId).where(sql`${t.status} = 'running'`),
    check("dedupe_jobs_status_ck", sql`${t.status} in ('running','done','failed')`),
  ],
);
