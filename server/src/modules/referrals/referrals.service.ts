import type { Referral, ReferralInput, ReferralQuery } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { isForeignKeyViolation } from "../../db/errors.js";
import { can, requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { invalidField, notFound } from "../../http/app-error.js";
import { confidentialScope, logConfidentialRead, syncFacts } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { companyEntity } from "../companies/index.js";
import { consultationVisibleTo } from "../consultations/index.js";
import { departmentsByIds } from "../departments/index.js";
import { runsConfidentialProgram, type SupportProgram, supportProgram } from "../plans/index.js";
import { vocabNames } from "../vocab/index.js";
import { referralResource, snapshot, toDtos } from "./referrals.dto.js";
import { referralFacts } from "./referrals.facts.js";
import * as repo from "./referrals.repository.js";

export const REFERRAL = { ja: "橋渡し", en: "The referral" };
const DEPARTMENT = { ja: "部署", en: "The department" };

/** The sending department: the one asked for, or the first of the program's that the sender works in. */
function sendingDepartment(actor: Actor, program: SupportProgram, requested: string | undefined): string {
  if (requested !== undefined) {
    if (!program.departmentIds.includes(requested)) {
      throw invalidField("fromDepartmentId", {
        ja: `送付元の部署は事業「${program.label}」の担当課から選んでください`,
        en: `The sending department must be one of the departments of "${program.label}"`,
      });
    }
    return requested;
  }
  // Admins may send for a department they do not belong to; the access check decides.
  const own = program.departmentIds.find((d) => actor.departmentIds.includes(d)) ?? program.departmentIds[0];
  if (!own) {
    throw invalidField("programId", {
      ja: `事業「${program.label}」には担当課がありません。事業計画で担当課を設定するか、別の事業を選んでください`,
      en: `"${program.label}" has no department; set one in the plan or choose another program`,
    });
  }
  return own;
}

async function resolveTarget(
  db: Db,
  actor: Actor,
  from: string,
  target: ReferralInput["target"],
): Promise<{ toDepartmentId: string | null; agency: string | null }> {
  if (target.kind === "agency") {
    // Archived agencies stay on old referrals but take no new ones.
    const known = (await vocabNames(db, actor.orgId, "agency")).find((v) => v.name === target.agency);
    if (!known || known.archived) {
      throw invalidField("target.agency", {
        ja: `「${target.agency}」は連携先機関の一覧にありません。一覧から選ぶか、管理者に連携先機関の追加を依頼してください`,
        en: `"${target.agency}" is not in the list of partner agencies; pick one from the list or ask an administrator to add it`,
      });
    }
    return { toDepartmentId: null, agency: target.agency };
  }
  if (target.departmentId === from) {
    throw invalidField("target.departmentId", {
      ja: "送付元と同じ部署には橋渡しできません。別の部署か連携先機関を選んでください",
      en: "A referral cannot go to the sending department itself; choose another department or an agency",
    });
  }
  const [dept] = await departmentsByIds(db, actor.orgId, [target.departmentId]);
  if (!dept || dept.archived) {
    throw invalidField("target.departmentId", {
      ja: "連携先の部署が見つからないか、廃止されています。一覧から選び直してください",
      en: "The receiving department does not exist or is archived; choose again from the list",
    });
  }
  return { toDepartmentId: dept.id, agency: null };
}

async function resolveSubject(db: Db, actor: Actor, input: ReferralInput) {
  const personName = input.personName?.trim() || null;
  const companyId = input.companyId ?? null;
  if (companyId !== null && !(await companyEntity(db, actor, companyId))) {
    throw invalidField("companyId", {
      ja: "事業者が見つかりません。事業者を検索して選び直してください",
      en: "The business was not found; search and choose it again",
    });
  }
  if (companyId === null && personName === null) {
    throw invalidField("companyId", {
      ja: "事業者を選ぶか、相談者名を入力してください",
      en: "Choose a business or enter the person's name",
    });
  }
  return { companyId, personName };
}

/**
 * Whether a referral is confidential: when its program is, and also when it goes to a department
 * that runs a confidential program that year (中小企業活性化協議会). A referral there from an open
 * program is still the start of a confidential case: the reason it was sent, the 協議会's answer
 * and its outcome are the case's, and a business being sent to the 協議会 at all tells others it
 * may be in difficulty. Such a referral is then walled like any confidential record: the sending
 * and receiving departments see it, its facts are confidential, its audit entries name fields only.
 * A referral to an outside agency is as confidential as its program.
 */
export async function isConfidentialReferral(
  db: Executor,
  orgId: string,
  program: SupportProgram,
  toDepartmentId: string | null,
): Promise<boolean> {
  if (program.confidential) return true;
  if (toDepartmentId === null) return false;
  return runsConfidentialProgram(db, orgId, toDepartmentId, program.fiscalYear);
}

/** Sends a referral (橋渡し) and writes its referral_sent fact in the same transaction. */
export async function createReferral(db: Db, actor: Actor, input: ReferralInput): Promise<Referral> {
  const program = await supportProgram(db, actor.orgId, input.programId);
  if (!program) {
    throw invalidField("programId", {
      ja: "事業が見つかりません。事業計画の事業から選び直してください",
      en: "The program was not found; choose one of the plan's programs",
    });
  }
  const from = sendingDepartment(actor, program, input.fromDepartmentId);
  requireAccess(
    actor,
    "support.write",
    { orgId: actor.orgId, departmentIds: [from], confidential: program.confidential },
    REFERRAL,
  );
  const target = await resolveTarget(db, actor, from, input.target);
  const subject = await resolveSubject(db, actor, input);
  const confidential = await isConfidentialReferral(db, actor.orgId, program, target.toDepartmentId);
  // a consultation the sender may not see is named as if it did not exist (its existence is not theirs to learn)
  if (input.consultationId && !(await consultationVisibleTo(db, actor, input.consultationId))) {
    throw consultationNotFound();
  }
  try {
    const row = await db.transaction(async (tx) => {
      const inserted = await repo.insert(tx, {
        orgId: actor.orgId,
        ...subject,
        programId: program.id,
        fromDepartmentId: from,
        ...target,
        reason: input.reason,
        sentOn: input.sentOn,
        // Only the consultation's id is kept: its record belongs to the consultations module.
        consultationId: input.consultationId ?? null,
        confidential,
        sentBy: actor.userId,
        sentByLabel: actor.label,
      });
      const facts = await referralFacts(tx, inserted, program);
      await syncFacts(tx, actor, { module: "referrals", id: inserted.id, dateField: "sentOn" }, facts, "橋渡しの送付");
      await recordAudit(tx, actor, {
        entity: "referral",
        entityId: inserted.id,
        action: "create",
        changes: maskIfConfidential(inserted.confidential, diffFields(undefined, snapshot(inserted))),
      });
      return inserted;
    });
    return (await toDtos(db, actor.orgId, [row]))[0] as Referral;
  } catch (err) {
    // Every other reference was checked above; the consultation is the one taken on trust.
    if (isForeignKeyViolation(err)) throw consultationNotFound();
    throw err;
  }
}

const consultationNotFound = () =>
  invalidField("consultationId", {
    ja: "元の相談記録が見つかりません。相談記録から橋渡しし直すか、相談の指定を外してください",
    en: "The consultation was not found; refer again from the consultation or leave it out",
  });

export async function getReferral(db: Db, actor: Actor, id: string): Promise<Referral> {
  const row = await repo.findById(db, actor.orgId, id);
  if (!row) throw notFound(REFERRAL);
  requireAccess(actor, "support.read", referralResource(row), REFERRAL);
  if (row.confidential) await logConfidentialRead(db, actor, "referral", row.id, [row.id]);
  return (await toDtos(db, actor.orgId, [row]))[0] as Referral;
}

/** The departments whose queue is read: the one asked for (an admin may read any), or the reader's own. */
async function queueDepartments(db: Db, actor: Actor, departmentId: string | undefined): Promise<readonly string[]> {
  if (departmentId === undefined) return actor.departmentIds;
  if (actor.departmentIds.includes(departmentId)) return [departmentId];
  const overseer = actor.role === "admin" || actor.role === "system";
  if (!overseer || (await departmentsByIds(db, actor.orgId, [departmentId])).length === 0) throw notFound(DEPARTMENT);
  return [departmentId];
}

/**
 * A department's referral queues: incoming (addressed to it), outgoing (sent by it) or both.
 * Without a department, a company's list (box "all" with companyId) shows every referral of the
 * business the reader may see, as its page needs; otherwise the reader's departments are the box.
 */
export async function listReferrals(db: Db, actor: Actor, q: ReferralQuery) {
  requireAccess(actor, "support.read", { orgId: actor.orgId }, REFERRAL);
  const departmentIds = await queueDepartments(db, actor, q.departmentId);
  const companyPage = q.box === "all" && q.companyId !== undefined && q.departmentId === undefined;
  const { rows, total } = await repo.list(db, actor.orgId, {
    box: companyPage ? null : q.box,
    departmentIds,
    companyId: q.companyId,
    status: q.status,
    visibleConfidential: confidentialScope(actor),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const confidentialRead = rows.filter((r) => r.confidential).map((r) => r.id);
  if (confidentialRead.length > 0) {
    const listed = q.companyId ?? q.departmentId ?? actor.userId ?? actor.label;
    await logConfidentialRead(db, actor, "referral_list", listed, confidentialRead);
  }
  return { items: await toDtos(db, actor.orgId, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Whether the reader may see the referral at all (used before telling them anything about it). */
export function canSee(actor: Actor, row: repo.ReferralRow): boolean {
  return can(actor, "support.read", referralResource(row));
}
