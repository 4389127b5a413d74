import type { FactAttributes } from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import type { FactInput } from "../activities/index.js";
import { type SupportProgram, supportProgramOn } from "../plans/index.js";
import type { ReferralRow } from "./referrals.repository.js";

type ReferralFact = FactInput<"referral_sent" | "referral_accepted" | "referral_declined" | "referral_completed">;

/**
 * The facts a referral in its current state implies: referral_sent always (by the sending
 * department, on sentOn); referral_accepted once accepted (and still after completion);
 * referral_declined when declined; referral_completed with its outcome. The answer is the receiving
 * department's; an outside agency cannot record anything, so the sending department's staff record
 * its answer and the facts are theirs.
 *
 * A fact's confidentiality follows the program it is written under, and a referral may be
 * confidential under an open program (sent to 中小企業活性化協議会: see isConfidentialReferral).
 * Its facts then carry the referral's flag, so the timeline walls them like the referral itself.
 */
export async function referralFacts(db: Executor, row: ReferralRow, program: SupportProgram): Promise<ReferralFact[]> {
  const attributes: FactAttributes<"referral_sent"> = {
    target: row.toDepartmentId ? "department" : "agency",
    toDepartmentId: row.toDepartmentId,
    agency: row.agency,
  };
  const subject = { companyId: row.companyId, personName: row.personName, attributes };
  const walled = (p: SupportProgram): SupportProgram =>
    row.confidential && !p.confidential ? { ...p, confidential: true } : p;
  const answering = row.toDepartmentId ?? row.fromDepartmentId;
  const facts: ReferralFact[] = [
    {
      ...subject,
      type: "referral_sent",
      program: walled(program),
      departmentId: row.fromDepartmentId,
      occurredOn: row.sentOn,
    },
  ];
  const answer = async (type: ReferralFact["type"], on: string | null, outcome: string | null = null) => {
    if (!on) throw new Error(`referral ${row.id}: ${type} without a date`);
    facts.push({
      ...subject,
      type,
      program: walled(await supportProgramOn(db, row.orgId, program, on)),
      departmentId: answering,
      occurredOn: on,
      outcome,
    });
  };
  if (row.status === "accepted" || row.status === "completed") await answer("referral_accepted", row.respondedOn);
  if (row.status === "declined") await answer("referral_declined", row.respondedOn);
  if (row.status === "completed") await answer("referral_completed", row.completedOn, row.outcome);
  return facts;
}
