import {
  rubricSchema,
  type SubsidyProgram,
  type SubsidyProgramTerms,
  subsidyProgramTermsSchema,
  type subsidyRoundInputSchema,
} from "@shien/contracts";
import type { z } from "zod";
import type { Db, Executor } from "../../db/client.js";
import { can, type Resource, requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, invalidField, notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import { departmentsByIds } from "../departments/index.js";
import { findOrganizationById } from "../organizations/index.js";
import {
  programBudgetYen,
  type SupportProgram,
  supportProgram,
  supportPrograms,
  supportProgramsByIds,
} from "../plans/index.js";
import { SEED_SUBSIDY_TERMS, type SeedPlanKey } from "./arithmetic/index.js";
import * as repo from "./programs.repository.js";

export const SUBSIDY_PROGRAM = { ja: "補助金", en: "The subsidy program" };
const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

/** Who may see and change a subsidy program: its 担当課, and the confidential wall of its plan program. */
export function subsidyResource(orgId: string, departmentId: string, program: SupportProgram): Resource {
  return { orgId, departmentIds: [departmentId], confidential: program.confidential };
}

/** jsonb is parsed on read: a row that does not hold valid terms is a bug, not user input. */
export const parseTerms = (terms: unknown): SubsidyProgramTerms => subsidyProgramTermsSchema.parse(terms);

/**
 * The seed terms for an organization's year: the plan file of that year (`mie-2026`), else the
 * latest earlier one of the same organization, as a starting point the managers then edit.
 */
function seedTermsFor(slug: string, fiscalYear: number): readonly SubsidyProgramTerms[] {
  const years = (Object.keys(SEED_SUBSIDY_TERMS) as SeedPlanKey[])
    .map((key) => ({ key, year: Number(key.slice(slug.length + 1)) }))
    .filter((k) => k.key.startsWith(`${slug}-`) && k.year <= fiscalYear)
    .sort((a, b) => b.year - a.year);
  const best = years[0];
  return best ? SEED_SUBSIDY_TERMS[best.key] : [];
}

/**
 * The whole-year budget of a subsidy program: its own counted amount lines and its sub-programs'.
 * Where the plan prints the figure only on the parent (福島 I-1-3-2 carries the 420,069千円 of its
 * 補助金 I-1-3-2-2; I-1-7 carries 米国関税 ①② together), the nearest ancestor's figure is the
 * starting budget: managers lower it with PATCH budgetYen to the part that is the subsidy's.
 */
async function planBudget(tx: Executor, orgId: string, program: SupportProgram): Promise<number> {
  for (let p: SupportProgram | null = program; p; p = p.parentId ? await supportProgram(tx, orgId, p.parentId) : null) {
    const budget = await programBudgetYen(tx, orgId, p.id);
    if (budget > 0) return budget;
  }
  return 0;
}

/**
 * Creates the configuration of each program of the year's plan that the seed terms cover (by
 * program code) with its 担当課 (the program's first department) and one whole-year frame of the
 * plan's budget. Idempotent; never overwrites a manager's terms or budget.
 */
export async function syncSubsidyPrograms(tx: Executor, orgId: string, fiscalYear: number): Promise<void> {
  const org = await findOrganizationById(tx, orgId);
  if (!org) return;
  const seeds = seedTermsFor(org.slug, fiscalYear);
  if (seeds.length === 0) return;
  const existing = new Set((await repo.programsOfYear(tx, orgId, fiscalYear)).map((r) => r.programId));
  for (const program of await supportPrograms(tx, orgId, fiscalYear)) {
    const terms = seeds.find((s) => s.programCode === program.code);
    const departmentId = program.departmentIds[0];
    if (!terms || !departmentId || existing.has(program.id)) continue;
    await repo.insertProgramIfMissing(tx, { orgId, fiscalYear, programId: program.id, departmentId, terms });
  }
  for (const row of await repo.programsOfYear(tx, orgId, fiscalYear)) {
    if (existing.has(row.programId)) continue;
    const program = await supportProgram(tx, orgId, row.programId);
    const budgetYen = program ? await planBudget(tx, orgId, program) : 0;
    await repo.insertFrameIfMissing(tx, { orgId, subsidyProgramId: row.id, roundId: null, budgetYen });
  }
}

/** Programs as the screens show them, with their rounds and frames (remaining = budget − committed). */
async function toDtos(db: Executor, orgId: string, rows: repo.SubsidyProgramRow[]): Promise<SubsidyProgram[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [programs, departments, rounds, frames] = await Promise.all([
    supportProgramsByIds(
      db,
      orgId,
      rows.map((r) => r.programId),
    ),
    departmentsByIds(db, orgId, [...new Set(rows.map((r) => r.departmentId))]),
    repo.roundsOf(db, orgId, ids),
    repo.framesOf(db, orgId, ids),
  ]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  return rows.map((r) => {
    const p = programs.get(r.programId);
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      program: { id: r.programId, code: p?.code ?? "", name: p?.name ?? "" },
      department: { id: r.departmentId, name: deptName.get(r.departmentId) ?? "" },
      terms: parseTerms(r.terms),
      rounds: rounds
        .filter((x) => x.subsidyProgramId === r.id)
        .map((x) => ({
          id: x.id,
          name: x.name,
          opensOn: x.opensOn,
          closesOn: x.closesOn,
          preStartAllowed: x.preStartAllowed,
        })),
      frames: frames
        .filter((f) => f.subsidyProgramId === r.id)
        .map((f) => {
          // a round's own frame is its share of the year's budget
          const allocatedYen =
            f.roundId === null
              ? frames
                  .filter((x) => x.subsidyProgramId === r.id && x.roundId !== null)
                  .reduce((sum, x) => sum + x.budgetYen, 0)
              : 0;
          return {
            id: f.id,
            roundId: f.roundId,
            budgetYen: f.budgetYen,
            committedYen: f.committedYen,
            paidYen: f.paidYen,
            allocatedYen,
            remainingYen: f.budgetYen - f.committedYen - allocatedYen,
          };
        }),
      rubric: r.rubric === null ? null : rubricSchema.parse(r.rubric),
    };
  });
}

/** A subsidy program and its plan program, or 404 when missing or behind the confidential wall. */
export async function visibleProgram(
  db: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ row: repo.SubsidyProgramRow; program: SupportProgram; resource: Resource }> {
  const row = await repo.findProgram(db, actor.orgId, id, lock);
  const program = row ? await supportProgram(db, actor.orgId, row.programId) : null;
  if (!row || !program) throw notFound(SUBSIDY_PROGRAM);
  const resource = subsidyResource(actor.orgId, row.departmentId, program);
  requireAccess(actor, "support.read", resource, SUBSIDY_PROGRAM);
  return { row, program, resource };
}

export async function listSubsidyPrograms(db: Db, actor: Actor, fiscalYear: number): Promise<SubsidyProgram[]> {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, SUBSIDY_PROGRAM);
  const rows = await db.transaction(async (tx) => {
    await syncSubsidyPrograms(tx, actor.orgId, fiscalYear);
    return repo.programsOfYear(tx, actor.orgId, fiscalYear);
  });
  const programs = await supportProgramsByIds(
    db,
    actor.orgId,
    rows.map((r) => r.programId),
  );
  const visible = rows.filter((r) => {
    const p = programs.get(r.programId);
    return p !== undefined && can(actor, "support.read", subsidyResource(actor.orgId, r.departmentId, p));
  });
  const order = new Map([...programs.values()].map((p, i) => [p.id, i]));
  visible.sort((a, b) => (order.get(a.programId) ?? 0) - (order.get(b.programId) ?? 0));
  return toDtos(db, actor.orgId, visible);
}

/**
 * The configured terms of the year's subsidy programs, in the plan's order, after syncing the year
 * as the list does: for the operator's `shien subsidy calc` (no actor: the CLI sees every program).
 */
export async function subsidyTermsOfYear(
  db: Db,
  orgId: string,
  fiscalYear: number,
): Promise<{ code: string; name: string; terms: SubsidyProgramTerms }[]> {
  const rows = await db.transaction(async (tx) => {
    await syncSubsidyPrograms(tx, orgId, fiscalYear);
    return repo.programsOfYear(tx, orgId, fiscalYear);
  });
  const programs = await supportProgramsByIds(
    db,
    orgId,
    rows.map((r) => r.programId),
  );
  return [...programs.values()].flatMap((p) => {
    const row = rows.find((r) => r.programId === p.id);
    return row ? [{ code: p.code, name: p.name, terms: parseTerms(row.terms) }] : [];
  });
}

export async function getSubsidyProgram(db: Executor, actor: Actor, id: string): Promise<SubsidyProgram> {
  const { row } = await visibleProgram(db, actor, id);
  return (await toDtos(db, actor.orgId, [row]))[0] as SubsidyProgram;
}

export interface ProgramUpdate {
  terms?: SubsidyProgramTerms | undefined;
  /** The whole-year frame's budget; never below what is committed. */
  budgetYen?: number | undefined;
}

/** A manager of the 担当課 edits the terms (validated as a whole) and the whole-year budget. */
export async function updateSubsidyProgram(db: Db, actor: Actor, id: string, input: ProgramUpdate) {
  await db.transaction(async (tx) => {
    const { row, program, resource } = await visibleProgram(tx, actor, id, true);
    requireAccess(actor, "support.configure", resource, SUBSIDY_PROGRAM);
    const frame = await repo.findFrame(tx, actor.orgId, row.id, null);
    const before = { terms: row.terms, budgetYen: frame?.budgetYen ?? null };
    const after = { ...before };
    if (input.terms) {
      if (input.terms.programCode !== program.code) {
        throw invalidField("terms.programCode", {
          ja: `事業コードは「${program.code}」です（「${input.terms.programCode}」は別の事業のコードです）`,
          en: `The program code is "${program.code}", not "${input.terms.programCode}"`,
        });
      }
      await repo.updateTerms(tx, actor.orgId, row.id, input.terms);
      after.terms = input.terms;
    }
    if (input.budgetYen !== undefined && frame) {
      await repo.lockYearFrame(tx, actor.orgId, row.id);
      const allocated = await repo.roundAllocations(tx, actor.orgId, row.id);
      if (input.budgetYen < frame.committedYen + allocated) {
        throw conflict("budgetYen", {
          ja: `年間予算のうち ${yen(frame.committedYen)} が交付決定済み、${yen(allocated)} が公募回に配分済みです。予算額は ${yen(frame.committedYen + allocated)} 以上にしてください`,
          en: `¥${frame.committedYen} is committed and ¥${allocated} allocated to rounds; set the budget to at least ¥${frame.committedYen + allocated}`,
        });
      }
      const moved = await repo.setFrameBudget(tx, actor.orgId, frame.id, input.budgetYen);
      if (!moved) {
        throw conflict("budgetYen", {
          ja: `予算枠には既に ${yen(frame.committedYen)} が交付決定されています。予算額は ${yen(frame.committedYen)} 以上にしてください`,
          en: `¥${frame.committedYen} of the frame is already committed; set the budget to at least that`,
        });
      }
      after.budgetYen = input.budgetYen;
    }
    const changes = diffFields(before, after);
    if (changes.length > 0) {
      await recordAudit(tx, actor, { entity: "subsidy_program", entityId: row.id, action: "update", changes });
    }
  });
  return getSubsidyProgram(db, actor, id);
}

/** 公募回: a manager of the 担当課 adds a round with its window and, if set, its own budget frame. */
export async function addRound(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof subsidyRoundInputSchema>,
): Promise<SubsidyProgram> {
  if (input.closesOn < input.opensOn) {
    throw invalidField("closesOn", {
      ja: `公募期間の終了日（${input.closesOn}）が開始日（${input.opensOn}）より前です`,
      en: `The window closes (${input.closesOn}) before it opens (${input.opensOn})`,
    });
  }
  await db.transaction(async (tx) => {
    const { row, resource } = await visibleProgram(tx, actor, id);
    requireAccess(actor, "support.configure", resource, SUBSIDY_PROGRAM);
    const round = await repo.insertRound(tx, {
      orgId: actor.orgId,
      subsidyProgramId: row.id,
      name: input.name,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      preStartAllowed: input.preStartAllowed,
    });
    if (!round) {
      throw conflict("name", {
        ja: `公募回「${input.name}」は既にあります。別の名前にしてください`,
        en: `A round named "${input.name}" exists already; choose another name`,
      });
    }
    if (input.frameYen !== undefined && input.frameYen !== null) {
      // the round's frame is taken out of the year's budget: it must fit what is left of it
      const year = await repo.lockYearFrame(tx, actor.orgId, row.id);
      if (year) {
        const left = year.budgetYen - year.committedYen - (await repo.roundAllocations(tx, actor.orgId, row.id));
        if (input.frameYen > left) {
          throw conflict("frameYen", {
            ja: `年間予算の残り ${yen(left)} を超える ${yen(input.frameYen)} は公募回に配分できません`,
            en: `¥${input.frameYen} exceeds the ¥${left} left of the year's budget`,
          });
        }
      }
      await repo.insertFrameIfMissing(tx, {
        orgId: actor.orgId,
        subsidyProgramId: row.id,
        roundId: round.id,
        budgetYen: input.frameYen,
      });
    }
    await recordAudit(tx, actor, {
      entity: "subsidy_round",
      entityId: round.id,
      action: "create",
      changes: diffFields(undefined, { ...input, subsidyProgramId: row.id }),
    });
  });
  return getSubsidyProgram(db, actor, id);
}
