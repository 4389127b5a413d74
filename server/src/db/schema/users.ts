import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments, organizations } from "./organizations.js";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    login: text("login").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    role: text("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Login IDs are case-insensitive within an organization.
    uniqueIndex("users_org_login_uq").on(t.orgId, sql`lower(${t.login})`),
    check("users_role_ck", sql`${t.role} in ('admin','manager','staff','viewer')`),
  ],
);

export const userDepartments = pgTable(
  "user_departments",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.departmentId] }),
    index("user_departments_dept_idx").on(t.orgId, t.departmentId),
  ],
);

/** Server-side sessions. Only the SHA-256 of the cookie token is stored, so a database leak yields no live sessions. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    csrfToken: text("csrf_token").notNull(),
    activeDepartmentId: uuid("active_department_id").references(() => departments.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedReason: text("ended_reason"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.orgId, t.userId)],
);

/**
 * Failed-login counter per organization and login ID, kept also for IDs that do not exist so that
 * a locked-out unknown ID behaves exactly like a locked-out real one (no account enumeration).
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    loginKey: text("login_key").notNull(),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.loginKey] })],
);
