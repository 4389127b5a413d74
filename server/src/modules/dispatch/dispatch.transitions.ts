import {
  DISPATCH_STATUS_LABELS,
  DISPATCH_TRANSITIONS,
  type Dispatch,
  type DispatchAction,
  type DispatchStatus,
  type DispatchTransition,
  todayInTokyo,
} from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, invalidField, type Text } from "../../http/app-error.js";
import { type FactInput, syncFacts } from "../activities/index.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { type SupportProgram, supportProgramOn } from "../plans/index.js";
import * as repo from "./dispatch.repository.js";
import { DISPATCH, holdsSlot, snapshot, toDtos, visibleDispatch } from "./dispatch.service.js";
import * as frames from "./frames.repository.js";
import { programResource } from "./frames.service.js";

const ACTION_LABELS: Record<DispatchAction, Text> = {
  approve: { ja: "承認", en: "approve" },
  reject: { ja: "却下", en: "reject" },
  done: { ja: "実施済みに", en: "mark as done" },
  report: { ja: "報告受領に", en: "record the report of" },
  pay: { ja: "支払済みに", en: "mark as paid" },
  cancel: { ja: "取消", en: "cancel" },
};

const statusText = (statuses: readonly DispatchStatus[], lang: "ja" | "en") =>
  statuses
    .map((s) => (lang === "ja" ? `「${DISPATCH_STATUS_LABELS[s].ja}」` : DISPATCH_STATUS_LABELS[s].en))
    .join(lang === "ja" ? "・" : ", ");

/**
 * The facts a dispatch implies in its current state; `syncFacts` makes the stream match. A report
 * received in April for a March dispatch counts in the new year (supportProgramOn).
 */
export async function dispatchFacts(
  db: Executor,
  row: repo.DispatchRow,
  program: SupportProgram,
): Promise<FactInput[]> {
  const attributes = { frameId: row.frameId, frame: row.frameName, expertId: row.expertId, minutes: row.minutes };
  const base = { departmentId: row.departmentId, companyId: row.companyId, attributes };
  const facts: FactInput[] = [];
  const status = row.status as DispatchStatus;
  if ((status === "done" || status === "reported" || status === "paid") && row.heldOn) {
    const on = row.heldOn;
    const counted = await supportProgramOn(db, row.orgId, program, on);
    facts.push({ ...base, program: counted, type: "dispatch", occurredOn: on, amountYen: row.feeYen });
  }
  if ((status === "reported" || status === "paid") && row.reportedOn) {
    const on = row.reportedOn;
    const counted = await supportProgramOn(db, row.orgId, program, on);
    facts.push({ ...base, program: counted, type: "dispatch_completed", occurredOn: on });
  }
  return facts;
}

/** What an action writes besides the status. */
function changesOf(t: DispatchTransition, actor: Actor, today: string): Partial<repo.DispatchValues> {
  switch (t.action) {
    case "approve":
      return { approvedByLabel: actor.label };
    case "reject":
    case "cancel":
      return { reason: t.reason ?? null };
    case "done":
      return { heldOn: t.on ?? today, ...(t.minutes === undefined ? {} : { minutes: t.minutes }) };
    case "report":
      if (!t.reportText) {
        throw invalidField("reportText", {
          ja: "専門家の報告内容を入力してください",
          en: "Enter the expert's report",
        });
      }
      return { reportText: t.reportText, reportedOn: t.on ?? today };
    case "pay":
      return { paidOn: t.on ?? today };
  }
}

/**
 * Moves a dispatch along its workflow (DISPATCH_TRANSITIONS) under the dispatch's row lock, with
 * its facts, the slot it frees (却下・取消) and the audit entry in one transaction. 承認 and 却下
 * are a manager's decision (support.approve); the rest is the 担当課's work (support.write). An
 * action the actor may not take answers like a missing record.
 */
export async function transitionDispatch(db: Db, actor: Actor, id: string, t: DispatchTransition): Promise<Dispatch> {
  await db.transaction(async (tx) => {
    const { row: before, program } = await visibleDispatch(tx, actor, id, true);
    const resource = programResource(actor.orgId, program);
    const approving = t.action === "approve" || t.action === "reject";
    requireAccess(actor, approving ? "support.approve" : "support.write", resource, DISPATCH);
    const rule = DISPATCH_TRANSITIONS[t.action];
    const current = before.status as DispatchStatus;
    if (!rule.from.includes(current)) {
      const label = ACTION_LABELS[t.action];
      throw conflict("action", {
        ja: `この派遣は「${DISPATCH_STATUS_LABELS[current].ja}」のため${label.ja}できません（${label.ja}できるのは${statusText(rule.from, "ja")}のときです）`,
        en: `This dispatch is ${DISPATCH_STATUS_LABELS[current].en}; you can ${label.en} it only when it is ${statusText(rule.from, "en")}`,
      });
    }
    if (t.version !== before.version) {
      throw conflict("version", {
        ja: "この派遣は他の人が先に更新しました。画面を開き直して最新の内容を確認してから操作してください",
        en: "Someone else updated this dispatch first. Reload it and try again",
      });
    }
    await repo.update(tx, actor.orgId, id, { ...changesOf(t, actor, todayInTokyo()), status: rule.to });
    if (holdsSlot(current) && !holdsSlot(rule.to)) await frames.adjustUsed(tx, actor.orgId, before.frameId, -1);
    const after = (await repo.findById(tx, actor.orgId, id)) as repo.DispatchRow;
    await syncFacts(
      tx,
      actor,
      { module: "dispatch", id, dateField: "on" },
      await dispatchFacts(tx, after, program),
      `専門家派遣: ${DISPATCH_STATUS_LABELS[rule.to].ja}`,
    );
    await recordAudit(tx, actor, {
      entity: "dispatch",
      entityId: id,
      action: "update",
      changes: maskIfConfidential(
        before.confidential || after.confidential,
        diffFields(snapshot(before), snapshot(after)),
      ),
    });
  });
  const row = await repo.findById(db, actor.orgId, id);
  return (await toDtos(db, actor.orgId, [row as repo.DispatchRow]))[0] as Dispatch;
}
