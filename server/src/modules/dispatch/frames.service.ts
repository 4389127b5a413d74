import { type DispatchFrame, fiscalYearWareki } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { can, type Resource, requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import { type SupportProgram, supportPrograms, supportProgramsByIds } from "../plans/index.js";
import * as repo from "./frames.repository.js";

export const FRAME = { ja: "派遣枠", en: "The dispatch frame" };
/** 1事業者あたりの上限: what centers commonly allow per business per frame and year. */
export const DEFAULT_PER_COMPANY_CAP = 3;
/** The name of the one frame of a dispatch program whose plan states no counted output. */
export const DEFAULT_FRAME_NAME = "派遣";

/** Who may see and change a program's support records: its 担当課, and the confidential wall. */
export function programResource(orgId: string, program: SupportProgram): Resource {
  return { orgId, departmentIds: program.departmentIds, confidential: program.confidential };
}

/**
 * The frames a year's plan states. A dispatch program (or sub-program) gets one frame per
 * counted output in 回 (延べ195回 …), capped at its quantity. A dispatch program that states no
 * such output and leaves dispatching to none of its sub-programs gets one uncapped frame, so that
 * its dispatches can still be recorded; a parent whose sub-programs dispatch gets none (the
 * sub-programs' frames are the real ones).
 */
export function deriveFrames(programs: SupportProgram[]): repo.NewFrame[] {
  const dispatching = programs.filter((p) => p.kinds.includes("dispatch"));
  const byId = new Map(programs.map((p) => [p.id, p]));
  const hasDispatchingDescendant = new Set<string>();
  for (const p of dispatching) {
    for (let parent = p.parentId ? byId.get(p.parentId) : undefined; parent; ) {
      hasDispatchingDescendant.add(parent.id);
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
  }
  const frames: repo.NewFrame[] = [];
  for (const p of dispatching) {
    const counted = p.outputs.filter((o) => o.unit === "回" && o.cumulative);
    for (const o of counted) {
      frames.push({ programId: p.id, name: o.label, cap: o.quantity, perCompanyCap: DEFAULT_PER_COMPANY_CAP });
    }
    if (counted.length === 0 && !hasDispatchingDescendant.has(p.id)) {
      frames.push({ programId: p.id, name: DEFAULT_FRAME_NAME, cap: null, perCompanyCap: DEFAULT_PER_COMPANY_CAP });
    }
  }
  return frames;
}

/**
 * Creates the frames of an organization's year that the plan states and the table lacks. It is
 * idempotent and never changes or removes a frame: caps may have been set by a manager, and a
 * frame the plan no longer states keeps its dispatches (a manager can set its cap to 0).
 */
export async function syncFrames(tx: Executor, orgId: string, fiscalYear: number): Promise<repo.NewFrame[]> {
  const derived = deriveFrames(await supportPrograms(tx, orgId, fiscalYear));
  await repo.insertMissing(tx, orgId, fiscalYear, derived);
  return derived;
}

export function toFrameDto(r: repo.FrameRow, program: SupportProgram): DispatchFrame {
  return {
    id: r.id,
    fiscalYear: r.fiscalYear,
    program: { id: program.id, code: program.code, name: program.name },
    name: r.name,
    cap: r.cap,
    perCompanyCap: r.perCompanyCap,
    used: r.used,
    remaining: r.cap === null ? null : Math.max(r.cap - r.used, 0),
  };
}

/** A year's frames, in the plan's order, without those of confidential programs the actor may not see. */
export async function listFrames(db: Db, actor: Actor, fiscalYear: number): Promise<DispatchFrame[]> {
  const { derived, rows } = await db.transaction(async (tx) => {
    const derived = await syncFrames(tx, actor.orgId, fiscalYear);
    return { derived, rows: await repo.listOfYear(tx, actor.orgId, fiscalYear) };
  });
  const programs = await supportProgramsByIds(
    db,
    actor.orgId,
    rows.map((r) => r.programId),
  );
  // The plan's order: programs as the plan lists them, then frames as their outputs list them.
  const order = new Map(derived.map((f, i) => [`${f.programId}\u0000${f.name}`, i]));
  const rank = (r: repo.FrameRow) => order.get(`${r.programId}\u0000${r.name}`) ?? Number.MAX_SAFE_INTEGER;
  return rows
    .filter((r) => {
      const p = programs.get(r.programId);
      return p !== undefined && can(actor, "support.read", programResource(actor.orgId, p));
    })
    .sort((a, b) => rank(a) - rank(b))
    .map((r) => toFrameDto(r, programs.get(r.programId) as SupportProgram));
}

const snapshot = (r: repo.FrameRow) => ({ cap: r.cap, perCompanyCap: r.perCompanyCap });

/** A manager of the program's 担当課 sets the frame's caps; never below the slots already held. */
export async function updateFrame(
  db: Db,
  actor: Actor,
  id: string,
  input: { cap?: number | null | undefined; perCompanyCap?: number | null | undefined },
): Promise<DispatchFrame> {
  return db.transaction(async (tx) => {
    const before = await repo.findById(tx, actor.orgId, id, true);
    if (!before) throw notFound(FRAME);
    const program = (await supportProgramsByIds(tx, actor.orgId, [before.programId])).get(before.programId);
    if (!program) throw notFound(FRAME);
    requireAccess(actor, "support.read", programResource(actor.orgId, program), FRAME);
    requireAccess(actor, "support.configure", programResource(actor.orgId, program), FRAME);
    if (input.cap !== undefined && input.cap !== null && input.cap < before.used) {
      const year = fiscalYearWareki(before.fiscalYear);
      throw conflict("cap", {
        ja: `「${before.name}」は${year}すでに${before.used}回使われています。上限は${before.used}回以上にしてください（取消・却下で枠が空けば下げられます）`,
        en: `"${before.name}" already holds ${before.used} dispatches in fiscal ${before.fiscalYear}. Set the cap to ${before.used} or more (cancel or reject dispatches first to lower it further)`,
      });
    }
    const values: { cap?: number | null; perCompanyCap?: number | null } = {};
    if (input.cap !== undefined) values.cap = input.cap;
    if (input.perCompanyCap !== undefined) values.perCompanyCap = input.perCompanyCap;
    const after = Object.keys(values).length > 0 ? await repo.updateSettings(tx, actor.orgId, id, values) : before;
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0)
      await recordAudit(tx, actor, { entity: "dispatch_frame", entityId: id, action: "update", changes });
    return toFrameDto(after, program);
  });
}
