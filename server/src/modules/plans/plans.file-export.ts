import type { AmountLineDto, PlanFile, PlanNodeFile, ProgramDetail, SubProgramFile } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import * as repo from "./plans.repository.js";
import { getBudgetStatement, getInitiatives, getOverview, getProgramDetails, loadPlan } from "./plans.service.js";

/** Yen back into the printed form the plan files use: 千円 when exact, else 円; ▲ for negatives. */
export function printYen(yen: number, approximate = false): string {
  const sign = yen < 0 ? "▲" : "";
  const abs = Math.abs(yen);
  const about = approximate ? "約" : "";
  return abs % 1000 === 0
    ? `${sign}${about}${(abs / 1000).toLocaleString("en-US")}千円`
    : `${sign}${about}${abs.toLocaleString("en-US")}円`;
}

const printThousand = (yen: number) => `${yen < 0 ? "▲" : ""}${(Math.abs(yen) / 1000).toLocaleString("en-US")}`;

function amountFile(a: AmountLineDto) {
  return {
    label: a.label,
    amount: printYen(a.yen, a.approximate),
    ...(a.previousYen === null ? {} : { previous: printYen(a.previousYen, a.previousApproximate) }),
    ...(a.differenceYen === null ? {} : { difference: printYen(a.differenceYen, a.differenceApproximate) }),
    fundingSources: a.fundingSources,
    ...(a.payer ? { payer: a.payer } : {}),
    ...(a.asOf ? { asOf: a.asOf } : {}),
    countsTowardBudget: a.countsTowardBudget,
    ...(a.note ? { note: a.note } : {}),
  };
}

function subProgramFile(p: ProgramDetail): SubProgramFile {
  return {
    numbering: p.numbering,
    code: p.code,
    name: p.name,
    kinds: p.kinds,
    ...(p.purpose ? { purpose: p.purpose } : {}),
    ...(p.summary ? { summary: p.summary } : {}),
    points: p.points,
    activities: p.activities,
    amounts: p.amounts.map(amountFile),
    indicators: p.indicators.map((i) => ({
      category: i.category,
      name: i.name,
      unit: i.unit,
      target: i.target,
      ...(i.targetText ? { targetText: i.targetText } : {}),
      ...(i.breakdown ? { breakdown: i.breakdown } : {}),
      ...(i.previous ? { previous: i.previous } : {}),
      ...(i.note ? { note: i.note } : {}),
      ...(i.metric ? { metric: i.metric } : {}),
    })),
    outputs: p.outputs.map((o) => ({ ...o, cumulative: o.cumulative ?? false })),
    ...(p.terms ? { terms: p.terms } : {}),
    notes: p.notes,
    subPrograms: p.subPrograms.map(subProgramFile),
  };
}

/** The stored plan as a plan file: importing it again reproduces the same plan. */
export async function planToFile(db: Db, actor: Actor, planId: string, orgSlug: string): Promise<PlanFile> {
  const plan = await loadPlan(db, actor, planId);
  const overview = await getOverview(db, actor, planId);
  const nodes = await repo.nodesOf(db, actor.orgId, plan.id);
  const programs = await repo.programsOf(db, actor.orgId, plan.id);
  const codeOf = new Map(programs.map((p) => [p.id, p.code]));
  const details = new Map((await getProgramDetails(db, actor, planId)).map((d) => [d.id, d]));

  const build = (parentId: string | null): PlanNodeFile[] =>
    nodes
      .filter((n) => n.parentId === parentId)
      .map((n): PlanNodeFile => {
        if (n.kind === "group") {
          const notes = n.notes as string[];
          return {
            group: {
              numbering: n.numbering,
              title: n.title ?? "",
              ...(notes.length ? { notes } : {}),
              children: build(n.id),
            },
          };
        }
        if (n.kind === "reference") {
          return {
            reference: {
              numbering: n.numbering,
              code: codeOf.get(n.programId ?? "") ?? "",
              ...(n.title ? { label: n.title } : {}),
            },
          };
        }
        const d = details.get(n.programId ?? "") as ProgramDetail;
        return {
          program: {
            ...subProgramFile(d),
            status: d.status ?? "continuing",
            departments: d.departments.map((x) => x.name),
            agencies: d.agencies,
            confidential: d.confidential,
          },
        };
      });

  const budget = overview.plan.hasBudgetStatement ? await getBudgetStatement(db, actor, planId) : undefined;
  const initiatives = await getInitiatives(db, actor, planId);
  return {
    org: orgSlug,
    fiscalYear: plan.fiscalYear,
    title: plan.title,
    status: plan.status as PlanFile["status"],
    source: plan.source,
    notes: plan.notes as string[],
    tree: build(null),
    ...(budget
      ? {
          budgetStatement: {
            title: budget.title,
            lines: budget.lines.map((l) => ({
              label: l.label,
              indent: l.indent,
              current: printThousand(l.currentYen),
              previous: printThousand(l.previousYen),
              difference: printThousand(l.differenceYen),
              ...(l.marker ? { marker: l.marker } : {}),
              ...(l.formula ? { formula: l.formula } : {}),
            })),
            explanations: budget.explanations,
          },
        }
      : {}),
    initiatives: initiatives.map((i) => ({
      guideline: i.guideline,
      policy: i.policy,
      results: i.results,
      plan: i.plan,
    })),
    statedFigures: plan.statedFigures as PlanFile["statedFigures"],
  };
}
