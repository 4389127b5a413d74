import type {
  AmountLineDto,
  BudgetStatementDto,
  IndicatorDto,
  PlanOverview,
  PlanSummary,
  ProgramDetail,
  ProgramSummary,
} from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { notFound } from "../../http/app-error.js";
import { departmentsByIds } from "../departments/index.js";
import { buildTree, computeTotals, summarizeProgram } from "./plans.overview.js";
import * as repo from "./plans.repository.js";

export const PLAN = { ja: "事業計画", en: "The plan" };
export const PROGRAM = { ja: "事業", en: "The program" };

export async function listPlans(db: Db, actor: Actor): Promise<PlanSummary[]> {
  requireAccess(actor, "plan.read", { orgId: actor.orgId }, PLAN);
  return (await repo.listPlans(db, actor.orgId)).map(({ plan, programCount }) => ({
    id: plan.id,
    fiscalYear: plan.fiscalYear,
    title: plan.title,
    status: plan.status as PlanSummary["status"],
    revision: plan.revision,
    programCount,
  }));
}

export async function loadPlan(db: Executor, actor: Actor, id: string, lock = false) {
  const plan = await repo.findPlan(db, actor.orgId, id, lock);
  if (!plan) throw notFound(PLAN);
  requireAccess(actor, "plan.read", { orgId: plan.orgId }, PLAN);
  return plan;
}

/** Everything of a plan's programs in four queries, indexed for assembling trees and details. */
async function loadProgramData(db: Executor, orgId: string, planId: string) {
  const programs = await repo.programsOf(db, orgId, planId);
  const ids = programs.map((p) => p.id);
  const [links, amounts, indicators] = await Promise.all([
    repo.departmentLinksOf(db, orgId, ids),
    repo.amountsOf(db, orgId, ids),
    repo.indicatorsOf(db, orgId, ids),
  ]);
  const departments = new Map(
    (await departmentsByIds(db, orgId, [...new Set(links.map((l) => l.departmentId))])).map((d) => [d.id, d]),
  );
  const childrenOf = new Map<string, repo.ProgramRow[]>();
  for (const p of programs) if (p.parentId) childrenOf.set(p.parentId, [...(childrenOf.get(p.parentId) ?? []), p]);
  const descendants = (id: string): repo.ProgramRow[] =>
    (childrenOf.get(id) ?? []).flatMap((c) => [c, ...descendants(c.id)]);
  const departmentsOf = (id: string) =>
    links
      .filter((l) => l.programId === id)
      .map((l) => departments.get(l.departmentId))
      .filter((d) => d !== undefined)
      .map((d) => ({ id: d.id, name: d.name }));
  return { programs, amounts, indicators, childrenOf, descendants, departmentsOf };
}

export async function getOverview(db: Db, actor: Actor, id: string): Promise<PlanOverview> {
  const plan = await loadPlan(db, actor, id);
  const [data, nodes, budget, initiatives] = await Promise.all([
    loadProgramData(db, actor.orgId, plan.id),
    repo.nodesOf(db, actor.orgId, plan.id),
    repo.budgetOf(db, actor.orgId, plan.id),
    repo.initiativesOf(db, actor.orgId, plan.id),
  ]);
  const summaries = new Map<string, ProgramSummary>();
  for (const p of data.programs.filter((x) => x.parentId === null)) {
    const desc = data.descendants(p.id);
    const indicatorCount = data.indicators.filter(
      (i) => i.programId === p.id || desc.some((d) => d.id === i.programId),
    ).length;
    summaries.set(p.id, summarizeProgram(p, desc, data.amounts, data.departmentsOf(p.id), indicatorCount));
  }
  const tree = buildTree(nodes, summaries);
  return {
    plan: {
      id: plan.id,
      fiscalYear: plan.fiscalYear,
      title: plan.title,
      status: plan.status as PlanOverview["plan"]["status"],
      revision: plan.revision,
      source: plan.source,
      notes: plan.notes as string[],
      hasBudgetStatement: budget.statement !== undefined,
      initiativeCount: initiatives.length,
    },
    tree,
    totals: computeTotals(tree, data.amounts, data.descendants),
  };
}

export function amountDto(a: repo.AmountRow): AmountLineDto {
  return {
    id: a.id,
    label: a.label,
    yen: a.yen,
    approximate: a.approximate,
    previousYen: a.previousYen,
    previousApproximate: a.previousApproximate,
    differenceYen: a.differenceYen,
    differenceApproximate: a.differenceApproximate,
    fundingSources: a.fundingSources as AmountLineDto["fundingSources"],
    payer: a.payer,
    asOf: a.asOf,
    countsTowardBudget: a.countsTowardBudget,
    note: a.note,
    version: a.version,
  };
}

export function indicatorDto(i: repo.IndicatorRow): IndicatorDto {
  return {
    id: i.id,
    category: i.category as IndicatorDto["category"],
    name: i.name,
    unit: i.unit,
    target: i.target === null ? null : Number(i.target),
    targetText: i.targetText,
    breakdown: i.breakdown as IndicatorDto["breakdown"],
    previous: i.previous as IndicatorDto["previous"],
    note: i.note,
    metric: (i.metric as IndicatorDto["metric"]) ?? null,
    version: i.version,
  };
}

/** Builds program details (with sub-programs) from one load of the plan's program data. */
function detailBuilder(data: Awaited<ReturnType<typeof loadProgramData>>) {
  const detail = (p: repo.ProgramRow): ProgramDetail => ({
    id: p.id,
    code: p.code,
    numbering: p.numbering,
    name: p.name,
    status: p.status as ProgramDetail["status"],
    kinds: p.kinds as ProgramDetail["kinds"],
    departments: data.departmentsOf(p.id),
    confidential: p.confidential,
    agencies: p.agencies as string[],
    purpose: p.purpose,
    summary: p.summary,
    points: p.points as string[],
    activities: p.activities as string[],
    outputs: p.outputs as ProgramDetail["outputs"],
    terms: (p.terms as ProgramDetail["terms"]) ?? null,
    notes: p.notes as string[],
    amounts: data.amounts.filter((a) => a.programId === p.id).map(amountDto),
    indicators: data.indicators.filter((i) => i.programId === p.id).map(indicatorDto),
    subPrograms: (data.childrenOf.get(p.id) ?? []).map(detail),
  });
  return detail;
}

export async function getProgram(db: Db, actor: Actor, planId: string, code: string): Promise<ProgramDetail> {
  const plan = await loadPlan(db, actor, planId);
  const data = await loadProgramData(db, actor.orgId, plan.id);
  const root = data.programs.find((p) => p.code === code);
  if (!root) throw notFound(PROGRAM);
  return detailBuilder(data)(root);
}

/** Every top-level program of a plan in document order, from one load (exports, CLI). */
export async function getProgramDetails(db: Db, actor: Actor, planId: string): Promise<ProgramDetail[]> {
  const plan = await loadPlan(db, actor, planId);
  const data = await loadProgramData(db, actor.orgId, plan.id);
  const detail = detailBuilder(data);
  return data.programs.filter((p) => p.parentId === null).map(detail);
}

export async function getBudgetStatement(db: Db, actor: Actor, planId: string): Promise<BudgetStatementDto> {
  const plan = await loadPlan(db, actor, planId);
  const { statement, lines } = await repo.budgetOf(db, actor.orgId, plan.id);
  if (!statement) throw notFound({ ja: "予算書", en: "The budget statement" });
  return {
    title: statement.title,
    lines: lines.map((l) => ({
      id: l.id,
      label: l.label,
      indent: l.indent,
      currentYen: l.currentYen,
      previousYen: l.previousYen,
      differenceYen: l.differenceYen,
      marker: l.marker,
      formula: l.formula,
    })),
    explanations: statement.explanations as BudgetStatementDto["explanations"],
  };
}

export async function getInitiatives(db: Db, actor: Actor, planId: string) {
  const plan = await loadPlan(db, actor, planId);
  const rows = await repo.initiativesOf(db, actor.orgId, plan.id);
  return rows.map((r) => ({
    id: r.id,
    guideline: r.guideline,
    policy: r.policy,
    results: r.results as string[],
    plan: r.planItems as string[],
  }));
}
