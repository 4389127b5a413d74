import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations.js";

/**
 * Append-only audit log, hash-chained per organization: each entry stores the hash of the
 * previous one, so an edited or deleted entry breaks the chain (`shien audit verify`).
 * A trigger (custom migration) refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    changes: jsonb("changes").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_log_org_seq_uq").on(t.orgId, t.seq),
    index("audit_log_org_entity_idx").on(t.orgId, t.entity, t.entityId),
    index("audit_log_org_at_idx").on(t.orgId, t.at),
  ],
);

/** The chain head per organization; locking its row serialises appends within one organization only. */
export const auditHeads = pgTable("audit_heads", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
  lastHash: text("last_hash").notNull(),
});
