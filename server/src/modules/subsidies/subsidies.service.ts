import {
  fiscalYearOf,
  fiscalYearWareki,
  type SubsidyApplication,
  type SubsidyApplicationInput,
  type SubsidyCalcResult,
  type SubsidyExpenseLine,
  type SubsidyProgramTerms,
  type SubsidyStatus,
  type SubsidyTaxTreatment,
  type subsidyApplicationQuerySchema,
  subsidyCalcStepSchema,
  subsidyExpenseLineSchema,
  subsidyRefusalSchema,
  todayInTokyo,
} from "@shien/contracts";
import { z } from "zod";
import { type Db, type Executor, inTransaction } from "../../db/client.js";
import { type Resource, requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { invalidField, notFound } from "../../http/app-error.js";
import { confidentialScope, logConfidentialRead, syncFacts } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { companyEntity, companyNames, companyProfile } from "../companies/index.js";
import { type SupportProgram, supportProgram, supportProgramsByIds } from "../plans/index.js";
import * as repo from "./applications.repository.js";
import { calculateSubsidy, resolveTerms } from "./arithmetic/index.js";
import { checkEligibility, checkRound, refusalError } from "./subsidies.eligibility.js";
import { subsidyFacts } from "./subsidies.facts.js";
import { parseTerms, SUBSIDY_PROGRAM, subsidyResource, visibleProgram } from "./subsidies.programs.js";

export const APPLICATION = { ja: "補助金の申請", en: "The subsidy application" };

/** The jsonb columns' shapes, parsed on write and on read. */
export const linesSchema = z.array(subsidyExpenseLineSchema);
export const calculationSchema = z.object({
  steps: z.array(subsidyCalcStepSchema),
  refusal: subsidyRefusalSchema.nullable(),
  /** 額の確定's working, once confirmed (for the screen and the 額の確定通知書). */
  confirmation: z.object({ steps: z.array(subsidyCalcStepSchema) }).optional(),
});
export type Calculation = z.infer<typeof calculationSchema>;

/** What the arithmetic reads of an application. */
export interface CalcSubject {
  course: string | null;
  type: string | null;
  lines: SubsidyExpenseLine[];
  taxIncluded: boolean;
  taxTreatment: string;
}

/** 申請額の算定 with the company's grants in this program (名寄せ siblings included) already used. */
export function calculate(terms: SubsidyProgramTerms, a: CalcSubject, companyUsedYen: number): SubsidyCalcResult {
  return calculateSubsidy(terms, {
    ...(a.course === null ? {} : { course: a.course }),
    ...(a.type === null ? {} : { type: a.type }),
    lines: a.lines,
    taxIncluded: a.taxIncluded,
    taxTreatment: a.taxTreatment as SubsidyTaxTreatment,
    companyUsedYen,
  });
}

/** The audited fields of an application. */
export const snapshot = (r: repo.ApplicationValues) => ({
  status: r.status,
  roundId: r.roundId,
  companyId: r.companyId,
  title: r.title,
  course: r.course,
  type: r.type,
  taxTreatment: r.taxTreatment,
  taxIncluded: r.taxIncluded,
  receivedOn: r.receivedOn,
  preStartApprovedOn: r.preStartApprovedOn,
  lines: JSON.stringify(r.lines),
  actualLines: r.actualLines === null ? null : JSON.stringify(r.actualLines),
  computedYen: r.computedYen,
  decidedYen: r.decidedYen,
  decidedOn: r.decidedOn,
  frameId: r.frameId,
  confirmedYen: r.confirmedYen,
  paidYen: r.paidYen,
  paidOn: r.paidOn,
  repaymentYen: r.repaymentYen,
  decisionNo: r.decisionNo,
  reportDueOn: r.reportDueOn,
  confirmationNo: r.confirmationNo,
  rejectionNo: r.rejectionNo,
  note: r.note,
});

export async function toDtos(db: Executor, orgId: string, rows: repo.ApplicationRow[]): Promise<SubsidyApplication[]> {
  if (rows.length === 0) return [];
  const [programs, companies] = await Promise.all([
    supportProgramsByIds(
      db,
      orgId,
      rows.map((r) => r.programId),
    ),
    companyNames(
      db,
      orgId,
      rows.map((r) => r.companyId),
    ),
  ]);
  return rows.map((r) => {
    const p = programs.get(r.programId);
    const calc = calculationSchema.parse(r.calculation);
    return {
      id: r.id,
      subsidyProgramId: r.subsidyProgramId,
      fiscalYear: r.fiscalYear,
      program: { id: r.programId, code: p?.code ?? "", name: p?.name ?? "" },
      round: r.roundId ? { id: r.roundId, name: r.roundName ?? "" } : null,
      company: { id: r.companyId, name: companies.get(r.companyId) ?? "" },
      title: r.title,
      course: r.course,
      type: r.type,
      taxTreatment: r.taxTreatment as SubsidyTaxTreatment,
      status: r.status as SubsidyStatus,
      receivedOn: r.receivedOn,
      preStartApprovedOn: r.preStartApprovedOn,
      computedYen: r.computedYen,
      steps: calc.steps,
      refusal: calc.refusal,
      decidedYen: r.decidedYen,
      decidedOn: r.decidedOn,
      confirmedYen: r.confirmedYen,
      paidYen: r.paidYen,
      paidOn: r.paidOn,
      repaymentYen: r.repaymentYen,
      decisionNo: r.decisionNo,
      reportDueOn: r.reportDueOn,
      confirmationNo: r.confirmationNo,
      rejectionNo: r.rejectionNo,
      lines: linesSchema.parse(r.lines),
      actualLines: r.actualLines === null ? null : linesSchema.parse(r.actualLines),
      note: r.note,
      confidential: r.confidential,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** An application, its plan program and access resource; 404 when missing or behind the confidential wall. */
export async function visibleApplication(
  db: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ row: repo.ApplicationRow; program: SupportProgram; resource: Resource }> {
  const row = await repo.findById(db, actor.orgId, id, lock);
  const program = row ? await supportProgram(db, actor.orgId, row.programId) : null;
  if (!row || !program) throw notFound(APPLICATION);
  const resource = subsidyResource(actor.orgId, row.departmentId, program);
  requireAccess(actor, "support.read", resource, APPLICATION);
  return { row, program, resource };
}

/** Recomputes the application's facts from its state and events (inside the caller's transaction). */
export async function syncApplicationFacts(
  tx: Executor,
  actor: Actor,
  row: repo.ApplicationRow,
  program: SupportProgram,
  reason: string,
  dateField = "on",
) {
  const events = await repo.eventsOf(tx, actor.orgId, row.id);
  await syncFacts(
    tx,
    actor,
    { module: "subsidies", id: row.id, dateField },
    await subsidyFacts(tx, row, program, events),
    reason,
  );
}

export async function loadDto(db: Executor, orgId: string, id: string): Promise<SubsidyApplication> {
  const row = await repo.findById(db, orgId, id);
  return (await toDtos(db, orgId, [row as repo.ApplicationRow]))[0] as SubsidyApplication;
}

export async function getApplication(db: Db, actor: Actor, id: string): Promise<SubsidyApplication> {
  const { row } = await visibleApplication(db, actor, id);
  if (row.confidential) await logConfidentialRead(db, actor, "subsidy_application", row.id, [row.id]);
  return (await toDtos(db, actor.orgId, [row]))[0] as SubsidyApplication;
}

export async function listApplications(db: Db, actor: Actor, q: z.infer<typeof subsidyApplicationQuerySchema>) {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, APPLICATION);
  const { rows, total } = await repo.list(db, actor.orgId, {
    fiscalYear: q.fiscalYear,
    subsidyProgramId: q.subsidyProgramId,
    roundId: q.roundId,
    companyId: q.companyId,
    status: q.status,
    visibleConfidential: confidentialScope(actor),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const read = rows.filter((r) => r.confidential).map((r) => r.id);
  if (read.length > 0) await logConfidentialRead(db, actor, "subsidy_application_list", actor.orgId, read);
  return { items: await toDtos(db, actor.orgId, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function listEvents(db: Db, actor: Actor, id: string) {
  const { row } = await visibleApplication(db, actor, id);
  if (row.confidential) await logConfidentialRead(db, actor, "subsidy_application", row.id, [row.id]);
  const events = await repo.eventsOf(db, actor.orgId, id);
  return {
    items: events.map((e) => ({
      action: e.action,
      from: e.fromStatus as SubsidyStatus | null,
      to: e.toStatus as SubsidyStatus,
      on: e.on,
      note: e.note,
      amountYen: e.amountYen,
      by: e.byLabel,
      at: e.at.toISOString(),
    })),
  };
}

/**
 * 申請受付: staff of the program's 担当課 enter an application. The round, the eligibility rules
 * and the arithmetic must all pass; the amount is computed with what the business already holds in
 * the program, and the application, its first event, its fact and the audit entry commit together.
 */
export async function createApplication(
  db: Db,
  actor: Actor,
  input: SubsidyApplicationInput,
): Promise<SubsidyApplication> {
  const created = await receiveApplication(db, actor, input);
  return loadDto(db, actor.orgId, created.id);
}

/**
 * The one path of 申請受付, for an application entered by hand and for each application of an
 * imported file (which runs them all inside its own transaction: then this nests as a savepoint).
 */
export async function receiveApplication(
  db: Executor,
  actor: Actor,
  input: SubsidyApplicationInput,
): Promise<repo.ApplicationRow> {
  const { row: sp, program, resource } = await visibleProgram(db, actor, input.subsidyProgramId);
  requireAccess(actor, "support.write", resource, SUBSIDY_PROGRAM);
  const today = todayInTokyo();
  if (input.receivedOn > today) {
    throw invalidField("receivedOn", {
      ja: `受付日 ${input.receivedOn} は未来の日付です（今日は ${today}）。受け付けた日を入力してください`,
      en: `${input.receivedOn} is in the future (today is ${today}); enter the day it was received`,
    });
  }
  // a year's call may open in the previous fiscal year (公募 in the winter before), never earlier
  if (input.receivedOn < `${sp.fiscalYear - 1}-04-01`) {
    throw invalidField("receivedOn", {
      ja: `受付日 ${input.receivedOn} は${fiscalYearWareki(sp.fiscalYear)}の補助金には古すぎます（受け付けられるのは${fiscalYearWareki(sp.fiscalYear - 1)}の4月1日以降）`,
      en: `${input.receivedOn} is too early for a fiscal ${sp.fiscalYear} program (from ${sp.fiscalYear - 1}-04-01)`,
    });
  }
  if (fiscalYearOf(input.receivedOn) > sp.fiscalYear) {
    throw invalidField("receivedOn", {
      ja: `受付日 ${input.receivedOn} は${fiscalYearWareki(fiscalYearOf(input.receivedOn))}の日付です。${fiscalYearWareki(sp.fiscalYear)}の補助金には受け付けられません`,
      en: `${input.receivedOn} falls after fiscal ${sp.fiscalYear}, the year of this subsidy program`,
    });
  }
  const [entity, company] = await Promise.all([
    companyEntity(db, actor, input.companyId),
    companyProfile(db, actor, input.companyId),
  ]);
  if (!entity || !company) {
    throw invalidField("companyId", {
      ja: "事業者が見つかりません。事業者を検索して選び直してください",
      en: "The business was not found. Search for it and pick it again",
    });
  }
  const memberIds = entity.members.map((m) => m.id);
  const round = await checkRound(db, actor.orgId, sp.id, input);
  const terms = parseTerms(sp.terms);
  const resolution = resolveTerms(terms, {
    ...(input.course === undefined ? {} : { course: input.course }),
    ...(input.type === undefined ? {} : { type: input.type }),
  });
  if (!resolution.ok) throw refusalError(resolution.refused);
  await checkEligibility(db, actor, sp.fiscalYear, resolution.terms, { company, memberIds });
  // The configured names, so that facts and lists group 「賃上げ」 and "wage_increase" as one course.
  const subject: CalcSubject = {
    course: resolution.terms.course?.name.ja ?? null,
    type: resolution.terms.type?.name.ja ?? null,
    lines: input.lines,
    taxIncluded: input.taxIncluded,
    taxTreatment: input.taxTreatment,
  };
  return inTransaction(db, async (tx) => {
    const used = await repo.decidedForCompanies(tx, actor.orgId, sp.id, memberIds);
    const calc = calculate(terms, subject, used);
    if ("refused" in calc) throw refusalError(calc.refused);
    const calculation: Calculation = calculationSchema.parse({ steps: calc.steps, refusal: null });
    const { id } = await repo.insert(tx, {
      orgId: actor.orgId,
      subsidyProgramId: sp.id,
      roundId: round?.id ?? null,
      companyId: company.id,
      title: input.title,
      course: subject.course,
      type: subject.type,
      taxTreatment: input.taxTreatment,
      taxIncluded: input.taxIncluded,
      status: "received",
      receivedOn: input.receivedOn,
      preStartApprovedOn: input.preStartApprovedOn ?? null,
      lines: linesSchema.parse(input.lines),
      computedYen: calc.amount,
      calculation,
      confidential: program.confidential,
      createdBy: actor.userId,
      createdByLabel: actor.label,
    });
    await repo.insertEvent(tx, {
      orgId: actor.orgId,
      applicationId: id,
      action: "receive",
      fromStatus: null,
      toStatus: "received",
      on: input.receivedOn,
      note: null,
      amountYen: calc.amount,
      byLabel: actor.label,
    });
    const created = (await repo.findById(tx, actor.orgId, id)) as repo.ApplicationRow;
    await syncApplicationFacts(tx, actor, created, program, "補助金: 申請受付", "receivedOn");
    await recordAudit(tx, actor, {
      entity: "subsidy_application",
      entityId: id,
      action: "create",
      changes: maskIfConfidential(created.confidential, diffFields(undefined, snapshot(created))),
    });
    return created;
  });
}
