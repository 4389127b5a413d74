import { todayInTokyo } from "@shien/contracts";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { confidentialScope, logConfidentialRead } from "../activities/index.js";
import { companyNames } from "../companies/index.js";
import { supportProgramsByIds } from "../plans/index.js";
import * as repo from "./reminders.repository.js";
import { APPLICATION } from "./subsidies.service.js";

/** At most this many rows in one answer (the earliest due first); `total` says how many there are. */
const MAX_ROWS = 500;

export const reportsDueQuerySchema = z.object({
  /** Due within this many days from today (Japan); the overdue ones are always included. */
  within: z.coerce.number().int().min(0).max(366).default(30),
});

export const reportDueSchema = z.object({
  id: z.string(),
  title: z.string(),
  company: z.object({ id: z.string(), name: z.string() }),
  program: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  decidedYen: z.number().int().nullable(),
  decidedOn: z.iso.date().nullable(),
  decisionNo: z.string().nullable(),
  reportDueOn: z.iso.date(),
  /** Days from today to the due date; negative = overdue by that many days. */
  daysLeft: z.number().int(),
  overdue: z.boolean(),
});
/** The 実績報告 reminders; kept here until contracts/src/subsidies.ts declares them. */
export const reportsDueSchema = z.object({
  asOf: z.iso.date(),
  within: z.number().int(),
  items: z.array(reportDueSchema),
  total: z.number().int(),
});
export type ReportsDue = z.infer<typeof reportsDueSchema>;

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * 実績報告の督促: decided grants (交付決定, not yet reported) whose report is due within `within`
 * days or already overdue, the most overdue first. Staff see their departments' programs; admins
 * (and the CLI operator) see every department. Confidential grants stay behind their wall.
 */
export async function reportsDue(
  db: Db,
  actor: Actor,
  q: z.infer<typeof reportsDueQuerySchema>,
  today = todayInTokyo(),
): Promise<ReportsDue> {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, APPLICATION);
  const everyDepartment = actor.role === "admin" || actor.role === "system";
  const { rows, total } = await repo.dueReports(db, actor.orgId, {
    dueBy: addDays(today, q.within),
    departmentIds: everyDepartment ? null : actor.departmentIds,
    visibleConfidential: confidentialScope(actor),
    limit: MAX_ROWS,
  });
  const read = rows.filter((r) => r.confidential).map((r) => r.id);
  if (read.length > 0) await logConfidentialRead(db, actor, "subsidy_reports_due", actor.orgId, read);
  const [programs, companies] = await Promise.all([
    supportProgramsByIds(
      db,
      actor.orgId,
      rows.map((r) => r.programId),
    ),
    companyNames(
      db,
      actor.orgId,
      rows.map((r) => r.companyId),
    ),
  ]);
  const items = rows.map((r) => {
    const p = programs.get(r.programId);
    const daysLeft = daysBetween(today, r.reportDueOn);
    return {
      id: r.id,
      title: r.title,
      company: { id: r.companyId, name: companies.get(r.companyId) ?? "" },
      program: { id: r.programId, code: p?.code ?? "", name: p?.name ?? "" },
      decidedYen: r.decidedYen,
      decidedOn: r.decidedOn,
      decisionNo: r.decisionNo,
      reportDueOn: r.reportDueOn,
      daysLeft,
      overdue: daysLeft < 0,
    };
  });
  return { asOf: today, within: q.within, items, total };
}
