import type { AmountLineDto, AmountLineUpdate, IndicatorDto, IndicatorUpdate } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError, conflict, notFound, type Text } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import * as repo from "./plans.repository.js";
import { amountDto, indicatorDto, loadPlan, PLAN } from "./plans.service.js";

const LINE = { ja: "金額の行", en: "The amount line" };
const INDICATOR = { ja: "指標", en: "The indicator" };

/** Two managers editing one line: the second one's stale form must not overwrite the first one's save. */
function requireVersion(current: number, sent: number, what: Text): void {
  if (current === sent) return;
  throw conflict("version", {
    ja: `この${what.ja}は他の人が先に更新しました。画面を開き直して最新の内容を確認してから修正してください`,
    en: `${what.en} was updated by someone else first. Reload it and edit again`,
  });
}

const adoptedIsReadOnly = () =>
  new AppError("CONFLICT", {
    ja: "採択済みの計画は編集できません。変更が必要な場合は、管理者が「見直し」を行ってから編集してください。",
    en: "An adopted plan is read-only. An admin must open a revision before it can be edited.",
  });

/**
 * The one gate for plan edits: the record is in this plan, the actor may edit its program (admin,
 * or a manager of its 担当課), and the plan is open. The plan row stays locked until commit.
 */
async function authorizeEdit<T extends { program: { id: string } }>(
  tx: Executor,
  actor: Actor,
  planId: string,
  find: () => Promise<T | undefined>,
  what: Text,
): Promise<T> {
  // Plan lock first, then the record: concurrent edits of one plan queue, and each one reads the
  // record as the previous one left it (the audit "from" values are never stale).
  const plan = await loadPlan(tx, actor, planId, true);
  const found = await find();
  if (!found) throw notFound(what);
  const departmentIds = await repo.owningDepartmentIds(tx, actor.orgId, found.program.id);
  requireAccess(actor, "plan.edit", { orgId: actor.orgId, departmentIds }, what);
  if (plan.status === "adopted") throw adoptedIsReadOnly();
  return found;
}

/**
 * 前年度比 after an edit of the amount or the previous-year amount. Typed figures on both sides
 * decide it exactly. With no previous-year amount, a difference the document printed on its own
 * (often 約) is all there is: it moves with the amount and stays as approximate as it was; one that
 * was worked out from a previous-year amount now being cleared has nothing left to stand on.
 */
function differenceAfter(
  before: repo.AmountRow,
  yen: number,
  previousYen: number | null,
): { differenceYen: number | null; differenceApproximate: boolean } {
  if (previousYen !== null) return { differenceYen: yen - previousYen, differenceApproximate: false };
  if (before.previousYen === null && before.differenceYen !== null) {
    return {
      differenceYen: before.differenceYen + (yen - before.yen),
      differenceApproximate: before.differenceApproximate,
    };
  }
  return { differenceYen: null, differenceApproximate: false };
}

export async function updateAmountLine(
  db: Db,
  actor: Actor,
  planId: string,
  lineId: string,
  patch: AmountLineUpdate,
): Promise<AmountLineDto> {
  return db.transaction(async (tx) => {
    const found = await authorizeEdit(
      tx,
      actor,
      planId,
      () => repo.findAmountLine(tx, actor.orgId, planId, lineId),
      LINE,
    );
    const before = found.line;
    requireVersion(before.version, patch.version, LINE);
    const yen = patch.yen ?? before.yen;
    const previousYen = patch.previousYen !== undefined ? patch.previousYen : before.previousYen;
    const figuresChanged = patch.yen !== undefined || patch.previousYen !== undefined;
    const after = await repo.updateAmountLine(tx, actor.orgId, lineId, {
      ...(patch.yen !== undefined ? { yen, approximate: false } : {}),
      ...(patch.previousYen !== undefined ? { previousYen, previousApproximate: false } : {}),
      ...(figuresChanged ? differenceAfter(before, yen, previousYen) : {}),
      version: before.version + 1,
      ...(patch.fundingSources !== undefined ? { fundingSources: patch.fundingSources } : {}),
      ...(patch.payer !== undefined ? { payer: patch.payer } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
    });
    const snapshot = (r: repo.AmountRow) => ({
      yen: r.yen,
      previousYen: r.previousYen,
      differenceYen: r.differenceYen,
      fundingSources: r.fundingSources,
      payer: r.payer,
      note: r.note,
    });
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0)
      await recordAudit(tx, actor, { entity: "amount_line", entityId: lineId, action: "update", changes });
    return amountDto(after);
  });
}

/**
 * A 内訳's labels (国内 / 外国) are the plan's structure; an edit changes their targets only, so the
 * figures reported per label keep meaning what the plan said.
 */
function requireSameBreakdownLabels(current: unknown, sent: { label: string }[]): void {
  const labels = Array.isArray(current) ? current.map((b: { label: string }) => b.label) : [];
  if (labels.length > 0 && labels.join("\u0000") === sent.map((b) => b.label).join("\u0000")) return;
  throw new AppError(
    "VALIDATION_FAILED",
    labels.length === 0
      ? { ja: "この指標には内訳がありません。", en: "This indicator has no breakdown." }
      : {
          ja: `内訳の項目は計画のとおり（${labels.join("・")}）にして、目標の数だけを変えてください。`,
          en: `Keep the breakdown's labels as the plan has them (${labels.join(", ")}) and change only the targets.`,
        },
    [
      {
        field: "breakdown",
        message: { ja: "内訳の項目が計画と一致しません", en: "The breakdown's labels differ from the plan's" },
      },
    ],
  );
}

export async function updateIndicator(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  patch: IndicatorUpdate,
): Promise<IndicatorDto> {
  return db.transaction(async (tx) => {
    const found = await authorizeEdit(
      tx,
      actor,
      planId,
      () => repo.findIndicator(tx, actor.orgId, planId, indicatorId),
      INDICATOR,
    );
    const before = found.indicator;
    requireVersion(before.version, patch.version, INDICATOR);
    if (
      patch.name !== undefined &&
      patch.name !== before.name &&
      (await repo.indicatorNameTaken(tx, actor.orgId, before.programId, before.category, patch.name))
    ) {
      throw conflict("name", {
        ja: `この事業の同じ区分に「${patch.name}」という指標が既にあります。別の名前にしてください`,
        en: `This program already has an indicator named "${patch.name}" in the same category. Choose another name`,
      });
    }
    if (patch.breakdown !== undefined) requireSameBreakdownLabels(before.breakdown, patch.breakdown);
    const after = await repo.updateIndicator(tx, actor.orgId, indicatorId, {
      version: before.version + 1,
      ...(patch.breakdown !== undefined ? { breakdown: patch.breakdown } : {}),
      ...(patch.target !== undefined ? { target: patch.target === null ? null : String(patch.target) } : {}),
      // A number replaces a "未定"-style text; clearing the number may come with a text.
      ...(patch.target !== undefined && patch.target !== null ? { targetText: null } : {}),
      ...(patch.targetText !== undefined ? { targetText: patch.targetText } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
    });
    const snapshot = (r: repo.IndicatorRow) => ({
      breakdown: r.breakdown,
      target: r.target === null ? null : Number(r.target),
      targetText: r.targetText,
      name: r.name,
      unit: r.unit,
      note: r.note,
    });
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0)
      await recordAudit(tx, actor, { entity: "indicator", entityId: indicatorId, action: "update", changes });
    return indicatorDto(after);
  });
}

/** 採択: the plan becomes read-only. */
export async function adoptPlan(db: Db, actor: Actor, planId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await loadPlan(tx, actor, planId, true);
    requireAccess(actor, "plan.revise", { orgId: plan.orgId }, PLAN);
    if (plan.status === "adopted") return;
    await repo.setPlanStatus(tx, actor.orgId, plan.id, "adopted");
    await recordAudit(tx, actor, {
      entity: "plan",
      entityId: plan.id,
      action: "update",
      changes: [{ field: "status", from: plan.status, to: "adopted" }],
    });
  });
}

/** 見直し: an admin reopens an adopted plan for editing; the revision number and reason are kept. */
export async function revisePlan(db: Db, actor: Actor, planId: string, reason: string): Promise<{ revision: number }> {
  return db.transaction(async (tx) => {
    const plan = await loadPlan(tx, actor, planId, true);
    requireAccess(actor, "plan.revise", { orgId: plan.orgId }, PLAN);
    if (plan.status !== "adopted") {
      throw new AppError("CONFLICT", {
        ja: "この計画は既に編集中（見直し中）です。",
        en: "This plan is already open for editing.",
      });
    }
    const revision = plan.revision + 1;
    await repo.setPlanStatus(tx, actor.orgId, plan.id, "draft", revision);
    await repo.insertRevision(tx, { orgId: actor.orgId, planId: plan.id, revision, reason, actorLabel: actor.label });
    await recordAudit(tx, actor, {
      entity: "plan",
      entityId: plan.id,
      action: "update",
      changes: [
        { field: "status", from: "adopted", to: "draft" },
        { field: "revision", from: plan.revision, to: revision },
        { field: "reason", to: reason },
      ],
    });
    return { revision };
  });
}
