import {
  DISPATCH_RELEASED,
  type Dispatch,
  type DispatchInput,
  type DispatchQuery,
  type DispatchStatus,
  fiscalYearOf,
  fiscalYearWareki,
} from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, invalidField, notFound } from "../../http/app-error.js";
import { confidentialScope, logConfidentialRead } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { companyEntity, companyNames } from "../companies/index.js";
import { departmentsByIds } from "../departments/index.js";
import { type SupportProgram, supportProgram, supportProgramByCode, supportProgramsByIds } from "../plans/index.js";
import * as repo from "./dispatch.repository.js";
import { expertForDispatch } from "./experts.service.js";
import * as frames from "./frames.repository.js";
import { FRAME, programResource } from "./frames.service.js";

export const DISPATCH = { ja: "専門家派遣", en: "The dispatch" };

/** What the audit log records of a dispatch, before and after each change. */
export const snapshot = (r: repo.DispatchValues) => ({
  frameId: r.frameId,
  companyId: r.companyId,
  expertId: r.expertId,
  scheduledOn: r.scheduledOn,
  heldOn: r.heldOn,
  minutes: r.minutes,
  feeYen: r.feeYen,
  companyShareYen: r.companyShareYen,
  purpose: r.purpose,
  status: r.status,
  reportText: r.reportText,
  reportedOn: r.reportedOn,
  paidOn: r.paidOn,
  reason: r.reason,
});

/** DTOs for rows, with the names other modules keep (program, department, company) in one query each. */
export async function toDtos(db: Executor, orgId: string, rows: repo.DispatchRow[]): Promise<Dispatch[]> {
  if (rows.length === 0) return [];
  const [programs, departments, companies] = await Promise.all([
    supportProgramsByIds(
      db,
      orgId,
      rows.map((r) => r.programId),
    ),
    departmentsByIds(db, orgId, [...new Set(rows.map((r) => r.departmentId))]),
    companyNames(
      db,
      orgId,
      rows.map((r) => r.companyId),
    ),
  ]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  return rows.map((r) => {
    const p = programs.get(r.programId);
    return {
      id: r.id,
      frame: { id: r.frameId, name: r.frameName },
      fiscalYear: r.fiscalYear,
      program: { id: r.programId, code: p?.code ?? "", name: p?.name ?? "" },
      department: { id: r.departmentId, name: deptName.get(r.departmentId) ?? "" },
      company: { id: r.companyId, name: companies.get(r.companyId) ?? "" },
      expert: { id: r.expertId, name: r.expertName },
      scheduledOn: r.scheduledOn,
      heldOn: r.heldOn,
      minutes: r.minutes,
      feeYen: r.feeYen,
      companyShareYen: r.companyShareYen,
      purpose: r.purpose,
      status: r.status as DispatchStatus,
      reportText: r.reportText,
      reportedOn: r.reportedOn,
      paidOn: r.paidOn,
      approvedBy: r.approvedByLabel,
      reason: r.reason,
      requestedBy: r.requestedByLabel,
      confidential: r.confidential,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** A dispatch and its program, or 404 when it is missing or behind the confidential wall. */
export async function visibleDispatch(
  db: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ row: repo.DispatchRow; program: SupportProgram }> {
  const row = await repo.findById(db, actor.orgId, id, lock);
  const program = row ? await supportProgram(db, actor.orgId, row.programId) : null;
  if (!row || !program) throw notFound(DISPATCH);
  requireAccess(actor, "support.read", programResource(actor.orgId, program), DISPATCH);
  return { row, program };
}

export async function getDispatch(db: Db, actor: Actor, id: string): Promise<Dispatch> {
  const { row } = await visibleDispatch(db, actor, id);
  if (row.confidential) await logConfidentialRead(db, actor, "dispatch", row.id, [row.id]);
  return (await toDtos(db, actor.orgId, [row]))[0] as Dispatch;
}

export async function listDispatches(
  db: Db,
  actor: Actor,
  q: DispatchQuery,
): Promise<{ items: Dispatch[]; total: number; page: number; pageSize: number }> {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, DISPATCH);
  const { rows, total } = await repo.list(db, actor.orgId, {
    fiscalYear: q.fiscalYear,
    frameId: q.frameId,
    companyId: q.companyId,
    expertId: q.expertId,
    status: q.status,
    visibleConfidential: confidentialScope(actor),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const read = rows.filter((r) => r.confidential).map((r) => r.id);
  if (read.length > 0) await logConfidentialRead(db, actor, "dispatch_list", actor.orgId, read);
  return { items: await toDtos(db, actor.orgId, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The checks that need no lock: who may request, and whether the request makes sense. */
async function checkRequest(db: Db, actor: Actor, input: DispatchInput) {
  const frame = await frames.findById(db, actor.orgId, input.frameId);
  const program = frame ? await supportProgram(db, actor.orgId, frame.programId) : null;
  if (!frame || !program) throw notFound(FRAME);
  requireAccess(actor, "support.write", programResource(actor.orgId, program), FRAME);
  const departmentId = program.departmentIds[0];
  if (!departmentId) {
    throw invalidField("frameId", {
      ja: `事業「${program.label}」に担当課がありません。事業計画で担当課を設定してください`,
      en: `The program "${program.label}" has no department. Set its department in the plan`,
    });
  }
  const company = await companyEntity(db, actor, input.companyId);
  if (!company) {
    throw invalidField("companyId", {
      ja: "事業者が見つかりません。事業者を検索して選び直してください",
      en: "The business was not found. Search for it and pick it again",
    });
  }
  const expert = await expertForDispatch(db, actor.orgId, input.expertId);
  if (!expert?.active) {
    throw invalidField("expertId", {
      ja: expert
        ? `専門家「${expert.name}」は登録が無効です。有効な専門家を選んでください`
        : "専門家が見つかりません。専門家を選び直してください",
      en: expert
        ? `The expert "${expert.name}" is inactive. Choose an active expert`
        : "The expert was not found. Pick one again",
    });
  }
  if (input.companyShareYen > input.feeYen) {
    throw invalidField("companyShareYen", {
      ja: `企業負担（${input.companyShareYen.toLocaleString("ja-JP")}円）が謝金（${input.feeYen.toLocaleString("ja-JP")}円）を超えています。謝金以下にしてください`,
      en: `The company's share (¥${input.companyShareYen}) exceeds the fee (¥${input.feeYen}). Make it no more than the fee`,
    });
  }
  const year = fiscalYearOf(input.scheduledOn);
  if (year !== frame.fiscalYear) {
    throw invalidField("scheduledOn", {
      ja: `${input.scheduledOn} は${fiscalYearWareki(year)}の日付です。「${frame.name}」は${fiscalYearWareki(frame.fiscalYear)}の枠です。日付か、その年度の枠を選び直してください`,
      en: `${input.scheduledOn} falls in fiscal ${year}; "${frame.name}" is a frame of fiscal ${frame.fiscalYear}. Change the date or choose that year's frame`,
    });
  }
  return { frame, program, departmentId, company };
}

/**
 * 派遣申請. The caps are decided under the frame's row lock: concurrent requests for one frame
 * queue on it, each sees the count the previous one left, and the slot is taken (`used` + 1) in
 * the same transaction as the dispatch row. The table's check on `used` is the last line.
 */
export async function requestDispatch(db: Db, actor: Actor, input: DispatchInput): Promise<Dispatch> {
  const { frame, program, departmentId, company } = await checkRequest(db, actor, input);
  const id = await db.transaction(async (tx) => {
    const locked = await frames.findById(tx, actor.orgId, frame.id, true);
    if (!locked) throw notFound(FRAME);
    const year = fiscalYearWareki(locked.fiscalYear);
    if (locked.cap !== null && locked.used >= locked.cap) {
      throw conflict("frameId", {
        ja: `「${locked.name}」の${year}の派遣枠（${locked.cap}回）はすべて使われています。別の枠を選ぶか、枠の上限を担当課の管理者に相談してください`,
        en: `All ${locked.cap} dispatches of "${locked.name}" for fiscal ${locked.fiscalYear} are taken. Choose another frame or ask the department's manager about the cap`,
      });
    }
    if (locked.perCompanyCap !== null) {
      // 名寄せ: a business registered twice still gets its limit once.
      const held = await repo.countHolding(
        tx,
        actor.orgId,
        locked.id,
        company.members.map((m) => m.id),
        DISPATCH_RELEASED,
      );
      if (held >= locked.perCompanyCap) {
        throw conflict("companyId", {
          ja: `この事業者は「${locked.name}」を${year}すでに${held}回利用しています（上限${locked.perCompanyCap}回）。別の枠を選んでください`,
          en: `This business has already used "${locked.name}" ${held} times in fiscal ${locked.fiscalYear} (limit ${locked.perCompanyCap}). Choose another frame`,
        });
      }
    }
    const row = await repo.insert(tx, {
      orgId: actor.orgId,
      frameId: locked.id,
      programId: program.id,
      departmentId,
      companyId: company.id,
      expertId: input.expertId,
      scheduledOn: input.scheduledOn,
      minutes: input.minutes,
      feeYen: input.feeYen,
      companyShareYen: input.companyShareYen,
      purpose: input.purpose ?? null,
      status: "requested",
      confidential: program.confidential,
      requestedBy: actor.userId,
      requestedByLabel: actor.label,
    });
    await frames.adjustUsed(tx, actor.orgId, locked.id, 1);
    const created = (await repo.findById(tx, actor.orgId, row.id)) as repo.DispatchRow;
    await recordAudit(tx, actor, {
      entity: "dispatch",
      entityId: row.id,
      action: "create",
      changes: maskIfConfidential(created.confidential, diffFields(undefined, snapshot(created))),
    });
    return row.id;
  });
  const created = await repo.findById(db, actor.orgId, id);
  return (await toDtos(db, actor.orgId, [created as repo.DispatchRow]))[0] as Dispatch;
}

/** Whether a status still holds a slot of its frame. */
export const holdsSlot = (status: string) => !DISPATCH_RELEASED.includes(status as DispatchStatus);

/** The statuses in which the expert has seen the business (実施済み and later). */
const COMPLETED: readonly DispatchStatus[] = ["done", "reported", "paid"];

/**
 * Whether a business (any of its 名寄せ records) received a dispatch in the program of this code,
 * in this fiscal year or the one before (a diagnosis in March counts for an April application),
 * optionally in the frame of that name: the prior step other programs require (米国関税措置補助金
 * needs the diagnosis of I-1-7-1). A dispatch that has taken place counts (done, reported, paid).
 */
export async function hasCompletedDispatch(
  db: Executor,
  orgId: string,
  q: { programCode: string; fiscalYear: number; companyIds: readonly string[]; frameName?: string },
): Promise<boolean> {
  const programs = await Promise.all(
    [q.fiscalYear, q.fiscalYear - 1].map((fy) => supportProgramByCode(db, orgId, fy, q.programCode)),
  );
  return repo.existsForCompanies(db, orgId, {
    programIds: programs.flatMap((p) => (p ? [p.id] : [])),
    companyIds: q.companyIds,
    statuses: COMPLETED,
    ...(q.frameName === undefined ? {} : { frameName: q.frameName }),
  });
}
