import type { AuditChange, Consultation, ConsultationInput, ConsultationUpdate } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { can, requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, invalidField, notFound } from "../../http/app-error.js";
import { logConfidentialRead, recordFact, syncFacts } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { toDto } from "./consultations.dto.js";
import { EDIT_REASON, factSource, factsOf } from "./consultations.facts.js";
import * as repo from "./consultations.repository.js";
import { CONSULTATION, type Lookups, lookupsFor, type Resolved, resolveConsultation } from "./consultations.rules.js";

export const resourceOf = (r: repo.ConsultationRow) => ({
  orgId: r.orgId,
  departmentIds: [r.departmentId],
  confidential: r.confidential,
});

function valuesOf(r: Resolved) {
  const i = r.input;
  return {
    companyId: i.companyId ?? null,
    personName: i.personName ?? null,
    programId: r.program.id,
    departmentId: i.departmentId,
    channel: i.channel,
    location: i.location ?? null,
    occurredOn: i.occurredOn,
    startTime: i.startTime ?? null,
    durationMinutes: i.durationMinutes ?? null,
    topics: i.topics,
    notes: i.notes ?? null,
    nextAction: i.nextAction ?? null,
    followUpOn: i.followUpOn ?? null,
    status: i.status,
    visit: i.visit ?? null,
    // The program decides, as for its facts: a record of a confidential program is confidential.
    confidential: r.program.confidential,
  };
}

/** The stored record as input again: the base an edit is merged onto. */
function inputOf(r: repo.ConsultationRow, staffUserIds: string[]): ConsultationInput {
  return {
    companyId: r.companyId,
    personName: r.personName,
    programId: r.programId,
    departmentId: r.departmentId,
    channel: r.channel as ConsultationInput["channel"],
    location: r.location,
    occurredOn: r.occurredOn,
    startTime: r.startTime,
    durationMinutes: r.durationMinutes,
    staffUserIds,
    topics: r.topics,
    notes: r.notes,
    nextAction: r.nextAction,
    followUpOn: r.followUpOn,
    status: r.status as ConsultationInput["status"],
    visit: r.visit as ConsultationInput["visit"],
  };
}

const snapshot = (r: repo.ConsultationRow, staffUserIds: string[]) => ({
  ...inputOf(r, staffUserIds),
  followUpDoneAt: r.followUpDoneAt,
});

/** Confidential support keeps its content out of the audit log too: which fields changed, not to what. */
function auditChanges(before: object | undefined, after: object, confidential: boolean): AuditChange[] {
  const changes = diffFields(before as Record<string, unknown> | undefined, after as Record<string, unknown>);
  return maskIfConfidential(confidential, changes);
}

/**
 * Stores a checked consultation, its coordinators and its facts in the caller's transaction. The
 * API and the import both write through here; the caller records the audit entry.
 */
export async function writeConsultation(tx: Executor, actor: Actor, r: Resolved): Promise<repo.ConsultationRow> {
  const row = await repo.insert(tx, actor.orgId, {
    ...valuesOf(r),
    recordedBy: actor.userId,
    recordedByLabel: actor.label,
  });
  // A new record has no staff rows or facts yet: insert them without the replace steps of an edit.
  await repo.addStaff(tx, actor.orgId, row.id, r.input.staffUserIds);
  await recordFact(tx, actor, factSource(row.id), factsOf(row, r.program, r.input.staffUserIds.length));
  return row;
}

/** Checks and stores one consultation in the caller's transaction, audited (the import's unit of work). */
export async function recordConsultation(
  tx: Executor,
  actor: Actor,
  input: ConsultationInput,
  look: Lookups = lookupsFor(tx, actor),
): Promise<repo.ConsultationRow> {
  const resolved = await resolveConsultation(look, actor, input);
  const row = await writeConsultation(tx, actor, resolved);
  await recordAudit(tx, actor, {
    entity: "consultation",
    entityId: row.id,
    action: "create",
    changes: auditChanges(undefined, snapshot(row, resolved.input.staffUserIds), row.confidential),
  });
  return row;
}

export async function createConsultation(db: Db, actor: Actor, input: ConsultationInput): Promise<Consultation> {
  const row = await db.transaction((tx) => recordConsultation(tx, actor, input));
  return toDto(db, actor.orgId, row);
}

export async function getConsultation(db: Db, actor: Actor, id: string): Promise<Consultation> {
  const row = await repo.findById(db, actor.orgId, id);
  if (!row || !can(actor, "support.read", resourceOf(row))) throw notFound(CONSULTATION);
  if (row.confidential) await logConfidentialRead(db, actor, "consultation", row.id, [row.id]);
  return toDto(db, actor.orgId, row);
}

/** Whether this person may see the consultation (another module names it only if so); logs no read. */
export async function consultationVisibleTo(db: Executor, actor: Actor, id: string): Promise<boolean> {
  const row = await repo.findById(db, actor.orgId, id);
  return row !== undefined && can(actor, "support.read", resourceOf(row));
}

/** Locks the record and checks that the editor may write it and read the version they edit. */
async function lockForEdit(tx: Executor, actor: Actor, id: string, version: number) {
  const before = await repo.findById(tx, actor.orgId, id, true);
  if (!before) throw notFound(CONSULTATION);
  requireAccess(actor, "support.write", resourceOf(before), CONSULTATION);
  if (before.version !== version) {
    throw conflict("version", {
      ja: "他の人が先に保存しました。画面を再読み込みしてから修正してください",
      en: "Someone else saved this record first. Reload the page and edit again",
    });
  }
  return before;
}

export async function updateConsultation(
  db: Db,
  actor: Actor,
  id: string,
  patch: ConsultationUpdate,
): Promise<Consultation> {
  const row = await db.transaction(async (tx) => {
    const { version, ...fields } = patch;
    const before = await lockForEdit(tx, actor, id, version);
    const staffBefore = (await repo.staffOf(tx, actor.orgId, [id])).get(id) ?? [];
    const merged: ConsultationInput = { ...inputOf(before, staffBefore) };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    // A new program without a department named picks its default department again.
    if (fields.programId && fields.programId !== before.programId && !fields.departmentId) delete merged.departmentId;
    const resolved = await resolveConsultation(lookupsFor(tx, actor), actor, merged, {
      topics: before.topics,
      staffUserIds: staffBefore,
    });
    const values = valuesOf(resolved);
    const staff = resolved.input.staffUserIds;
    const changes = auditChanges(
      snapshot(before, staffBefore),
      { ...inputOf({ ...before, ...values }, staff), followUpDoneAt: before.followUpDoneAt },
      before.confidential || values.confidential,
    );
    if (changes.length === 0) return before;
    // A new follow-up date is a new follow-up: it is open again.
    const reopen = values.followUpOn !== before.followUpOn ? { followUpDoneAt: null } : {};
    const after = await repo.update(tx, actor.orgId, id, { ...values, ...reopen });
    if (staff.join() !== staffBefore.join()) await repo.setStaff(tx, actor.orgId, id, staff);
    await syncFacts(tx, actor, factSource(id), factsOf(after, resolved.program, staff.length), EDIT_REASON);
    await recordAudit(tx, actor, { entity: "consultation", entityId: id, action: "update", changes });
    return after;
  });
  return toDto(db, actor.orgId, row);
}

/** アフターフォロー済み: closes the open follow-up of a consultation. */
export async function completeFollowUp(db: Db, actor: Actor, id: string, version: number): Promise<Consultation> {
  const row = await db.transaction(async (tx) => {
    const before = await lockForEdit(tx, actor, id, version);
    if (!before.followUpOn) {
      throw invalidField("followUpOn", {
        ja: "この相談にはフォロー予定日がありません。先にフォロー予定日を入力してください",
        en: "This consultation has no follow-up date; set one first",
      });
    }
    if (before.followUpDoneAt) return before;
    const after = await repo.update(tx, actor.orgId, id, { followUpDoneAt: new Date() });
    await recordAudit(tx, actor, {
      entity: "consultation",
      entityId: id,
      action: "update",
      // When a confidential case was followed up is part of the case, like every other field of it.
      changes: maskIfConfidential(after.confidential, [
        { field: "followUpDoneAt", from: null, to: after.followUpDoneAt?.toISOString() ?? null },
      ]),
    });
    return after;
  });
  return toDto(db, actor.orgId, row);
}
