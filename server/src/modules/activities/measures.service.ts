import type { ActivityFact, ConfidentialNotice } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { companyNames } from "../companies/index.js";
import * as repo from "./measures.repository.js";
import { confidentialNotice, confidentialScope, logConfidentialRead, toFactDto } from "./timeline.service.js";

export type { MonthRow, ResolvedFilter } from "./measures.repository.js";

/** Month totals of the year's rollups up to the as-of day (count and sum metrics). */
export function factMonthTotals(db: Executor, orgId: string, fiscalYear: number, asOf: string) {
  return repo.monthTotals(db, orgId, fiscalYear, asOf);
}

/** New distinct businesses per month (April = 0) up to the as-of day, after 名寄せ. */
export function distinctBusinessesByMonth(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  asOf: string,
  filter: repo.ResolvedFilter,
): Promise<number[]> {
  return repo.distinctFirstsByMonth(db, orgId, fiscalYear, asOf, filter);
}

export function factRangeTotal(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  range: { from: string; to: string },
  filter: repo.ResolvedFilter,
  value: "facts" | "quantity" | "amountYen",
): Promise<number> {
  return repo.rangeTotal(db, orgId, fiscalYear, range, filter, value);
}

export function distinctBusinessesInRange(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  range: { from: string; to: string },
  filter: repo.ResolvedFilter,
): Promise<number> {
  return repo.distinctInRange(db, orgId, fiscalYear, range, filter);
}

export interface FactsBehind {
  items: ActivityFact[];
  total: number;
  hidden: number;
  confidentialNotices: ConfidentialNotice[];
}

/**
 * The facts behind a figure. Every fact is counted; confidential ones the reader may not open are
 * not listed and name the department to ask; confidential ones listed are logged as read.
 */
export async function factsBehindFigure(
  db: Db,
  actor: Actor,
  fiscalYear: number,
  range: { from: string; to: string },
  filter: repo.ResolvedFilter,
  page: { limit: number; offset: number } | null,
  readBy: { entity: string; entityId: string },
): Promise<FactsBehind> {
  const found = await repo.factsBehind(db, actor.orgId, fiscalYear, range, filter, confidentialScope(actor), page);
  const names = await companyNames(
    db,
    actor.orgId,
    found.rows.flatMap((r) => (r.companyId ? [r.companyId] : [])),
  );
  const items = found.rows.map((r) =>
    toFactDto({ ...r, companyName: r.companyId ? (names.get(r.companyId) ?? null) : null }),
  );
  const confidential = found.rows.filter((r) => r.confidential).map((r) => r.id);
  if (confidential.length > 0) await logConfidentialRead(db, actor, readBy.entity, readBy.entityId, confidential);
  return {
    items,
    total: found.total,
    hidden: found.hidden,
    confidentialNotices: found.hiddenDepartments.map(confidentialNotice),
  };
}
