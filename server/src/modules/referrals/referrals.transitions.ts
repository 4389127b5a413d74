import {
  REFERRAL_STATUS_LABELS,
  REFERRAL_TRANSITIONS,
  type Referral,
  type ReferralAction,
  type ReferralStatus,
  type ReferralTransition,
} from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, invalidField, notFound } from "../../http/app-error.js";
import { syncFacts } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { supportProgram } from "../plans/index.js";
import { answeringDepartment, snapshot, toDtos } from "./referrals.dto.js";
import { referralFacts } from "./referrals.facts.js";
import * as repo from "./referrals.repository.js";
import { canSee, isConfidentialReferral, REFERRAL } from "./referrals.service.js";

const ACTION_LABELS: Record<ReferralAction, { ja: string; en: string }> = {
  accept: { ja: "受入", en: "accepted" },
  decline: { ja: "辞退", en: "declined" },
  complete: { ja: "完了", en: "completed" },
};

function illegal(action: ReferralAction, current: ReferralStatus) {
  const status = REFERRAL_STATUS_LABELS[current];
  const from = REFERRAL_STATUS_LABELS[REFERRAL_TRANSITIONS[action].from];
  const verb = ACTION_LABELS[action];
  return conflict("action", {
    ja: `この橋渡しは「${status.ja}」のため${verb.ja}できません。${verb.ja}できるのは「${from.ja}」の橋渡しだけです`,
    en: `This referral is "${status.en}", so it cannot be ${verb.en}; only "${from.en}" referrals can be ${verb.en}`,
  });
}

const stale = () =>
  conflict("version", {
    ja: "この橋渡しは他の人が更新しました。画面を再読み込みして、最新の状態を確認してください",
    en: "Someone else updated this referral; reload to see its current state",
  });

/** What a move writes onto the row, after checking the note and the date it carries. */
function change(row: repo.ReferralRow, input: ReferralTransition): repo.ReferralChange {
  const note = input.note?.trim() || null;
  const to = REFERRAL_TRANSITIONS[input.action].to;
  if (input.action === "complete") {
    const since = row.respondedOn ?? row.sentOn;
    if (input.on < since) {
      throw invalidField("on", {
        ja: `完了日は受入日（${since}）以降の日付にしてください`,
        en: `The completion date must be on or after the acceptance date (${since})`,
      });
    }
    return { status: to, completedOn: input.on, outcome: note };
  }
  if (input.on < row.sentOn) {
    throw invalidField("on", {
      ja: `${ACTION_LABELS[input.action].ja}日は送付日（${row.sentOn}）以降の日付にしてください`,
      en: `The answer date must be on or after the date it was sent (${row.sentOn})`,
    });
  }
  if (input.action === "decline") {
    if (!note) {
      throw invalidField("note", {
        ja: "辞退の理由を入力してください（送付元の部署に伝わります）",
        en: "Enter why the referral is declined (the sending department will see it)",
      });
    }
    return { status: to, respondedOn: input.on, declineReason: note };
  }
  return { status: to, respondedOn: input.on };
}

/**
 * Moves a referral along its state machine (REFERRAL_TRANSITIONS): accept or decline it, then
 * complete it. The receiving department answers; for an outside agency the sending department
 * records the agency's answer. The row is locked for the whole move, so of two answers given at
 * the same moment exactly one wins and the other is told the referral's new status.
 */
export async function transitionReferral(
  db: Db,
  actor: Actor,
  id: string,
  input: ReferralTransition,
): Promise<Referral> {
  const row = await db.transaction(async (tx) => {
    const before = await repo.findById(tx, actor.orgId, id, { lock: true });
    if (!before || !canSee(actor, before)) throw notFound(REFERRAL);
    const program = await supportProgram(tx, actor.orgId, before.programId);
    if (!program) throw new Error(`referral ${id}: program ${before.programId} missing`);
    // A referral sent to the 協議会 before the rule existed (or before its plan named a confidential
    // program) becomes confidential when it is answered, before its answer is written anywhere.
    // Never the other way: once walled, a referral stays walled.
    const confidential =
      before.confidential || (await isConfidentialReferral(tx, actor.orgId, program, before.toDepartmentId));
    requireAccess(
      actor,
      "support.write",
      { orgId: before.orgId, departmentIds: [answeringDepartment(before)], confidential },
      REFERRAL,
    );
    // The status is checked before the version: "it was already declined" helps more than "reload".
    if (before.status !== REFERRAL_TRANSITIONS[input.action].from)
      throw illegal(input.action, before.status as ReferralStatus);
    if (before.version !== input.version) throw stale();
    const after = await repo.applyChange(tx, actor.orgId, id, before.version, {
      ...change(before, input),
      confidential,
    });
    if (!after) throw stale();
    await syncFacts(
      tx,
      actor,
      { module: "referrals", id, dateField: "on" },
      await referralFacts(tx, after, program),
      `橋渡しの${ACTION_LABELS[input.action].ja}`,
    );
    await recordAudit(tx, actor, {
      entity: "referral",
      entityId: id,
      action: "update",
      changes: maskIfConfidential(after.confidential, diffFields(snapshot(before), snapshot(after))),
    });
    return after;
  });
  return (await toDtos(db, actor.orgId, [row]))[0] as Referral;
}
