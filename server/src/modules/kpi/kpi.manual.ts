import { createHash } from "node:crypto";
import { fiscalYearOf, fiscalYearRange, type ManualFigureInput, todayInTokyo } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { invalidField, notFound } from "../../http/app-error.js";
import { factsBehindFigure, syncFacts } from "../activities/index.js";
import { maskIfConfidential, recordAudit } from "../audit/index.js";
import { supportProgram } from "../plans/index.js";
import { findIndicator } from "./kpi.service.js";

const INDICATOR = { ja: "指標", en: "The indicator" };

/** One source id per indicator and month, so that a corrected figure replaces the month's old one. */
function sourceIdOf(indicatorId: string, month: string): string {
  const h = createHash("sha1").update(`manual:${indicatorId}:${month}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface ManualFigure {
  month: string;
  value: number;
  evidence: string;
  recordedBy: string;
  recordedAt: string;
}

/** The figures entered for a `manual` indicator in a year, by month. */
export async function listManualFigures(
  db: Db,
  actor: Actor,
  indicatorId: string,
  fiscalYear: number,
): Promise<ManualFigure[]> {
  const { def } = await findIndicator(db, actor, indicatorId, fiscalYear, fiscalYearRange(fiscalYear).to);
  const found = await factsBehindFigure(
    db,
    actor,
    fiscalYear,
    fiscalYearRange(fiscalYear),
    { programIds: [def.programId], types: ["manual_figure"], attributes: { indicatorId: [indicatorId] } },
    null,
    { entity: "kpi_indicator", entityId: indicatorId },
  );
  return found.items
    .map((f) => ({
      month: String(f.attributes.month),
      value: f.quantity,
      evidence: String(f.attributes.evidence),
      recordedBy: f.recordedBy,
      recordedAt: f.createdAt,
    }))
    .sort((a, b) => (a.month < b.month ? -1 : 1));
}

/**
 * Enters (or corrects) a month's figure of an indicator measured outside Shien. Managers of the
 * program's department and admins only; a correction voids the month's earlier figure.
 */
export async function enterManualFigure(
  db: Db,
  actor: Actor,
  indicatorId: string,
  input: ManualFigureInput,
): Promise<ManualFigure[]> {
  // The month names the fiscal year: 2027-01 belongs to 令和8年度's plan.
  const day = `${input.month}-01`;
  const fiscalYear = fiscalYearOf(day);
  const { def } = await findIndicator(db, actor, indicatorId, fiscalYear, fiscalYearRange(fiscalYear).to);
  requireAccess(actor, "support.approve", { orgId: actor.orgId, departmentIds: def.departmentIds }, INDICATOR);
  if (def.metric?.measure !== "manual") {
    throw invalidField("value", {
      ja: "この指標は記録から算定されるため、手入力できません",
      en: "This indicator is computed from records; it cannot be entered by hand",
    });
  }
  if (day > todayInTokyo()) {
    throw invalidField("month", { ja: "まだ来ていない月の実績は入力できません", en: "That month has not begun yet" });
  }
  const program = await supportProgram(db, actor.orgId, def.programId);
  if (!program) throw notFound(INDICATOR);
  await db.transaction(async (tx) => {
    const { written, voided } = await syncFacts(
      tx,
      actor,
      { module: "kpi", id: sourceIdOf(indicatorId, input.month), dateField: "month" },
      [
        {
          type: "manual_figure",
          program,
          departmentId: def.departmentIds[0] as string,
          companyId: null,
          occurredOn: day,
          quantity: input.value,
          attributes: { indicatorId, month: input.month, evidence: input.evidence },
        },
      ],
      "手入力の実績の訂正",
    );
    if (written.length === 0) return;
    await recordAudit(tx, actor, {
      entity: "manual_figure",
      entityId: indicatorId,
      action: voided.length > 0 ? "update" : "create",
      // A confidential program's month entry (value and evidence) is a record behind its figure,
      // which only the program's departments open (listManualFigures reads through the wall): the
      // log keeps which month was entered, as it does for every confidential record.
      changes: maskIfConfidential(program.confidential, [
        { field: input.month, to: { value: input.value, evidence: input.evidence } },
      ]),
    });
  });
  return listManualFigures(db, actor, indicatorId, fiscalYear);
}
