import type { FactInput } from "../activities/index.js";
import type { SupportProgram } from "../plans/index.js";
import type { ConsultationRow } from "./consultations.repository.js";

/** Reason recorded on facts an edit replaced. */
export const EDIT_REASON = "相談記録の修正";

export const factSource = (id: string) => ({ module: "consultations" as const, id, dateField: "occurredOn" });

/**
 * The facts a consultation stands for: one 相談 (or 訪問, when held at the business) whose outcome
 * is the status, plus 課題解決 / 支援完了 when the status says so — what the KPI engine counts.
 */
export function factsOf(r: ConsultationRow, program: SupportProgram, staffCount: number): FactInput[] {
  const base = {
    program,
    departmentId: r.departmentId,
    companyId: r.companyId,
    personName: r.personName,
    occurredOn: r.occurredOn,
  };
  const facts: FactInput[] = [
    {
      ...base,
      type: r.channel === "visit" ? "visit" : "consultation",
      outcome: r.status,
      attributes: { channel: r.channel, topics: r.topics, durationMinutes: r.durationMinutes, staffCount },
    },
  ];
  if (r.status === "resolved") facts.push({ ...base, type: "issue_resolved", attributes: { topics: r.topics } });
  if (r.status === "completed") facts.push({ ...base, type: "support_completed", attributes: { topics: r.topics } });
  return facts;
}
