import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
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
    industry: text("industry"),
    employees: integer("employees"),
    capitalYen: bigint("capital_yen", { mode: "number" }),
    founded: date("founded"),
    sizeClass: text("size_class"),
    soleProprietor: boolean("sole_proprietor").notNull().default(false),
    notes: text("notes"),
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
    check("companies_size_class_ck", sql`${t.sizeClass} is null or ${t.sizeClass} in ('sme','small','other')`),
  ],
);
