import { type FactType, fiscalYearOf, fiscalYearRange } from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import type { FactInput } from "../activities/index.js";
import { type SupportProgram, supportProgramOn } from "../plans/index.js";
import { type ApplicationRow, type EventRow, GRANTED } from "./applications.repository.js";

type SubsidyFact = FactInput<
  | "subsidy_applied"
  | "subsidy_adopted"
  | "subsidy_rejected"
  | "subsidy_decided"
  | "subsidy_confirmed"
  | "subsidy_paid"
  | "subsidy_withdrawn"
>;

/**
 * The program a step counts under. A step dated in a later fiscal year counts under that year's
 * program of the same code (a grant decided in March, paid in April). A step dated before the
 * program's year — 公募 runs ahead of the year (三重 第1期: 令和8年1月13日～2月27日 for the 令和8年度
 * program) — belongs to this year's plan all the same: it counts under the program, dated the
 * first day of its year, because that year's plan is what the application is for.
 */
async function countedAs(db: Executor, row: ApplicationRow, program: SupportProgram, on: string) {
  if (fiscalYearOf(on) < program.fiscalYear) return { program, occurredOn: fiscalYearRange(program.fiscalYear).from };
  return { program: await supportProgramOn(db, row.orgId, program, on), occurredOn: on };
}

/** The date of the last event of an action, if the application went through it. */
const lastOn = (events: EventRow[], actions: string[]) => events.findLast((e) => actions.includes(e.action))?.on;

/**
 * The facts an application implies in its current state; `syncFacts` makes the stream match.
 * - applied (応募): always, on receivedOn.
 * - adopted / rejected (採択・不採択): once decided by the 審査, whatever happens later (a 辞退
 *   after adoption does not undo the adoption).
 * - decided (交付決定, amount = decided yen) and confirmed (額の確定, amount = confirmed yen): while
 *   the grant stands; a 辞退 or 取消 revokes them, and a 変更承認 moves the decided amount.
 * - paid (支払, amount = paid yen): once paid, also after a 取消 (the money went out; the 返還
 *   claim is on the application).
 * - withdrawn (辞退・取消) with outcome withdrawn or cancelled.
 */
export async function subsidyFacts(
  db: Executor,
  row: ApplicationRow,
  program: SupportProgram,
  events: EventRow[],
): Promise<SubsidyFact[]> {
  const attributes = { applicationId: row.id, course: row.course, type: row.type };
  const facts: SubsidyFact[] = [];
  const add = async (type: SubsidyFact["type"] & FactType, on: string | undefined | null, extra = {}) => {
    if (!on) throw new Error(`subsidy application ${row.id}: ${type} without a date`);
    const counted = await countedAs(db, row, program, on);
    facts.push({
      type,
      departmentId: row.departmentId,
      companyId: row.companyId,
      attributes,
      ...counted,
      ...extra,
    });
  };
  const status = row.status;
  await add("subsidy_applied", row.receivedOn);
  const adoptedOn = lastOn(events, ["adopt"]);
  if (adoptedOn) await add("subsidy_adopted", adoptedOn);
  if (status === "rejected") await add("subsidy_rejected", lastOn(events, ["reject"]));
  if ((GRANTED as readonly string[]).includes(status)) {
    await add("subsidy_decided", row.decidedOn, { amountYen: row.decidedYen });
    if (row.confirmedYen !== null) {
      await add("subsidy_confirmed", lastOn(events, ["confirm"]), { amountYen: row.confirmedYen });
    }
  }
  if (row.paidYen !== null) await add("subsidy_paid", row.paidOn, { amountYen: row.paidYen });
  if (status === "withdrawn" || status === "cancelled") {
    await add("subsidy_withdrawn", lastOn(events, ["withdraw", "cancel"]), { outcome: status });
  }
  return facts;
}
