import { breakdownTargetsSchema, fiscalYearOf, type Metric, metricSchema, type ProgramKind } from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import * as repo from "./plans.catalog.repository.js";

/**
 * What the support modules (consultations, referrals, dispatch …) need to know about a program:
 * its plan year, its 担当課 (a sub-program's are its top program's), whether it is confidential,
 * and the counted outputs (派遣枠 …). Other modules ask here instead of reading plan tables.
 */
export interface SupportProgram {
  id: string;
  code: string;
  name: string;
  /** "I-1-1-2 専門家派遣制度". */
  label: string;
  fiscalYear: number;
  planId: string;
  parentId: string | null;
  departmentIds: string[];
  confidential: boolean;
  kinds: ProgramKind[];
  outputs: { label: string; quantity: number | null; unit: string; cumulative: boolean }[];
  depth: number;
}

export async function supportProgram(db: Executor, orgId: string, programId: string): Promise<SupportProgram | null> {
  const rows = await repo.programsWithRoots(db, orgId, { programId });
  return rows[0] ?? null;
}

export async function supportProgramByCode(
  db: Executor,
  orgId: string,
  fiscalYear: number,
  code: string,
): Promise<SupportProgram | null> {
  const rows = await repo.programsWithRoots(db, orgId, { fiscalYear, code });
  return rows[0] ?? null;
}

/** Every program and sub-program of an organization's plan for a year, in the plan's order. */
export function supportPrograms(db: Executor, orgId: string, fiscalYear: number): Promise<SupportProgram[]> {
  return repo.programsWithRoots(db, orgId, { fiscalYear });
}

/** Programs by id (any year), for labelling lists. */
export async function supportProgramsByIds(
  db: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, SupportProgram>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.programsWithRoots(db, orgId, { ids: [...new Set(ids)] });
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The program a fact dated `on` counts under. Work that starts in March often ends in April (a
 * referral answered, an expert's report received): it then counts in the new year, under the new
 * plan's program with the same code. Without such a program the program itself is returned, and
 * the fact check refuses the date with a message naming it.
 */
export async function supportProgramOn(
  db: Executor,
  orgId: string,
  program: SupportProgram,
  on: string,
): Promise<SupportProgram> {
  const year = fiscalYearOf(on);
  if (year === program.fiscalYear) return program;
  return (await supportProgramByCode(db, orgId, year, program.code)) ?? program;
}

/**
 * A program's budget in yen (its own and its sub-programs' counted amount lines: the same figure
 * as the plan overview's budgetYen); 0 when the plan prints none for it.
 */
export function programBudgetYen(db: Executor, orgId: string, programId: string): Promise<number> {
  return repo.programBudgetYen(db, orgId, programId);
}

/** An indicator as the KPI engine reads it: its program, the program's section and departments, its metric. */
export interface KpiIndicatorDef {
  indicatorId: string;
  programId: string;
  programCode: string;
  programName: string;
  /** The 事業体系 group at the top of the tree the program sits in. */
  section: string | null;
  departmentIds: string[];
  category: "priority" | "activity" | "reference";
  name: string;
  unit: string;
  target: number | null;
  targetText: string | null;
  /** 内訳 targets (国内 / 外国) as the plan prints them; null without a breakdown. */
  breakdown: { label: string; target: number | null }[] | null;
  metric: Metric | null;
}

export interface KpiCatalog {
  planId: string;
  indicators: KpiIndicatorDef[];
  /** Program id → itself and every program below it. */
  descendants: Map<string, string[]>;
  /** Program code → id, for metric filters that name programs. */
  idOfCode: Map<string, string>;
}

/** Everything the KPI engine needs from an organization-year's plan, in plan order; null without a plan. */
export async function kpiCatalog(db: Executor, orgId: string, fiscalYear: number): Promise<KpiCatalog | null> {
  const programs = await supportPrograms(db, orgId, fiscalYear);
  if (programs.length === 0) return null;
  const planId = (programs[0] as SupportProgram).planId;
  const [rows, sections] = await Promise.all([
    repo.indicatorsOfPlan(db, orgId, planId),
    repo.sectionsOfPlan(db, orgId, planId),
  ]);
  const byId = new Map(programs.map((p) => [p.id, p]));
  const children = new Map<string, string[]>();
  for (const p of programs) {
    if (p.parentId) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p.id]);
  }
  const descendants = new Map<string, string[]>();
  const below = (id: string): string[] => {
    const known = descendants.get(id);
    if (known) return known;
    const all = [id, ...(children.get(id) ?? []).flatMap(below)];
    descendants.set(id, all);
    return all;
  };
  for (const p of programs) below(p.id);
  const rootOf = (id: string): string => {
    const p = byId.get(id);
    return p?.parentId ? rootOf(p.parentId) : id;
  };
  return {
    planId,
    descendants,
    idOfCode: new Map(programs.map((p) => [p.code, p.id])),
    indicators: rows.map((r) => {
      const program = byId.get(r.programId) as SupportProgram;
      return {
        indicatorId: r.id,
        programId: r.programId,
        programCode: program.code,
        programName: program.name,
        section: sections.get(rootOf(r.programId)) ?? null,
        departmentIds: program.departmentIds,
        category: r.category as KpiIndicatorDef["category"],
        name: r.name,
        unit: r.unit,
        target: r.target === null ? null : Number(r.target),
        targetText: r.targetText,
        breakdown: r.breakdown === null ? null : breakdownTargetsSchema.parse(r.breakdown),
        metric: r.metric === null ? null : metricSchema.parse(r.metric),
      };
    }),
  };
}
