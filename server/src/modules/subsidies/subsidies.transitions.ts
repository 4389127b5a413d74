import {
  defaultReportDueOn,
  SUBSIDY_STATUS_LABELS,
  SUBSIDY_TRANSITIONS,
  type SubsidyAction,
  type SubsidyApplication,
  type SubsidyProgramTerms,
  type SubsidyStatus,
  type SubsidyTaxTreatment,
  type SubsidyTransition,
  todayInTokyo,
} from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, invalidField, type Text } from "../../http/app-error.js";
import { diffFields, maskIfConfidential, recordAudit } from "../audit/index.js";
import { companyEntity } from "../companies/index.js";
import { findOrganizationById } from "../organizations/index.js";
import * as repo from "./applications.repository.js";
import { confirmSubsidy, resolveTerms } from "./arithmetic/index.js";
import { bindingFloor, unitRule } from "./arithmetic/terms.js";
import { warekiDate } from "./notices/format.js";
import * as programs from "./programs.repository.js";
import { refusalError } from "./subsidies.eligibility.js";
import { parseTerms } from "./subsidies.programs.js";
import {
  APPLICATION,
  type CalcSubject,
  type Calculation,
  calculate,
  calculationSchema,
  linesSchema,
  loadDto,
  snapshot,
  syncApplicationFacts,
  visibleApplication,
} from "./subsidies.service.js";

const ACTION_LABELS: Record<SubsidyAction, Text> = {
  check: { ja: "形式審査済みに", en: "mark as checked" },
  return: { ja: "差戻し", en: "return" },
  resubmit: { ja: "再提出に", en: "resubmit" },
  adopt: { ja: "採択", en: "adopt" },
  reject: { ja: "不採択に", en: "reject" },
  decide: { ja: "交付決定", en: "decide the grant of" },
  change: { ja: "変更承認", en: "approve a change to" },
  report: { ja: "実績報告受理に", en: "record the report of" },
  confirm: { ja: "額の確定", en: "confirm the amount of" },
  claim: { ja: "請求受理に", en: "record the claim of" },
  pay: { ja: "支払済みに", en: "mark as paid" },
  withdraw: { ja: "辞退に", en: "withdraw" },
  cancel: { ja: "取消", en: "cancel" },
};

/** 決裁: the decisions are a manager's (support.approve); the paperwork is the 担当課's (support.write). */
const APPROVING: ReadonlySet<SubsidyAction> = new Set([
  "adopt",
  "reject",
  "decide",
  "change",
  "confirm",
  "pay",
  "withdraw",
  "cancel",
]);

const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

/** A given 実績報告の期限: only with a decision or a change, never before the decision. */
function reportDueOf(ctx: Ctx, decidedOn: string): string | undefined {
  const due = ctx.t.reportDueOn;
  if (due !== undefined && due < decidedOn) {
    throw invalidField("reportDueOn", {
      ja: `実績報告の期限（${warekiDate(due)}）が交付決定日（${warekiDate(decidedOn)}）より前です。交付決定日以降の日付を入力してください`,
      en: `The report due date ${due} is before the decision date (${decidedOn})`,
    });
  }
  return due;
}

const statusText = (statuses: readonly SubsidyStatus[], lang: "ja" | "en") =>
  statuses
    .map((s) => (lang === "ja" ? `「${SUBSIDY_STATUS_LABELS[s].ja}」` : SUBSIDY_STATUS_LABELS[s].en))
    .join(lang === "ja" ? "・" : ", ");

/**
 * 文書番号 from the gap-free counter: 「<略称>第<年度>-<事業コード>-<連番4桁>号」 for 交付決定
 * (三産支第2026-11-0001号), 「<略称>確第…号」 for 額の確定 and 「<略称>不第…号」 for 不採択通知. The counter runs per subsidy program
 * (a program is one year's) and kind, so the program code keeps two programs' numbers apart. The
 * 略称 is the center's (by slug); others get 「補助」 until configured.
 */
const ORG_ABBREVIATION: Record<string, string> = { fukushima: "福産振", mie: "三産支" };
const KIND_MARK = { decision: "", confirmation: "確", rejection: "不" } as const;

async function noticeNo(tx: Executor, ctx: Ctx, kind: keyof typeof KIND_MARK): Promise<string> {
  const n = await programs.nextNoticeNo(tx, ctx.actor.orgId, ctx.sp.id, kind);
  const org = await findOrganizationById(tx, ctx.actor.orgId);
  const abbr = (org && ORG_ABBREVIATION[org.slug]) ?? "補助";
  return `${abbr}${KIND_MARK[kind]}第${ctx.sp.fiscalYear}-${ctx.programCode}-${String(n).padStart(4, "0")}号`;
}

/** What an application holds of its frame: the decided amount while the grant stands, the paid amount once paid. */
function committedOf(r: Pick<repo.ApplicationValues, "status" | "decidedYen" | "paidYen">): number {
  if (r.status === "paid") return r.paidYen ?? 0;
  if ((repo.GRANTED as readonly string[]).includes(r.status)) return r.decidedYen ?? 0;
  return 0;
}

interface Ctx {
  tx: Executor;
  actor: Actor;
  before: repo.ApplicationRow;
  sp: programs.SubsidyProgramRow;
  programCode: string;
  terms: SubsidyProgramTerms;
  t: SubsidyTransition;
  on: string;
}

interface StepResult {
  values: Partial<repo.NewApplication>;
  amountYen?: number | null;
  number?: keyof typeof KIND_MARK;
}

const subjectOf = (r: repo.ApplicationRow, lines = linesSchema.parse(r.lines)): CalcSubject => ({
  course: r.course,
  type: r.type,
  lines,
  taxIncluded: r.taxIncluded,
  taxTreatment: r.taxTreatment,
});

async function memberIds(ctx: Ctx): Promise<string[]> {
  const entity = await companyEntity(ctx.tx, ctx.actor, ctx.before.companyId);
  return entity ? entity.members.map((m) => m.id) : [ctx.before.companyId];
}

/** The arithmetic on new lines, with the business's other grants in this program as already used. */
async function recalculate(ctx: Ctx, lines: SubsidyTransition["lines"] & object) {
  const used = await repo.decidedForCompanies(ctx.tx, ctx.actor.orgId, ctx.sp.id, await memberIds(ctx), ctx.before.id);
  const calc = calculate(ctx.terms, subjectOf(ctx.before, lines), used);
  if ("refused" in calc) throw refusalError(calc.refused);
  const calculation: Calculation = calculationSchema.parse({ steps: calc.steps, refusal: null });
  return { lines: linesSchema.parse(lines), computedYen: calc.amount, calculation };
}

/** 交付決定額: positive, never above the computed amount, and within the remaining 1事業者あたり上限. */
async function checkAmount(ctx: Ctx, amount: number, computedYen: number): Promise<void> {
  if (amount <= 0 || amount > computedYen) {
    throw invalidField("amountYen", {
      ja: `交付決定額は1円以上、算定額 ${yen(computedYen)} 以下にしてください（入力 ${yen(amount)}）`,
      en: `The decided amount must be at least ¥1 and at most the computed ¥${computedYen} (got ¥${amount})`,
    });
  }
  // the program's own rules bind a decided amount as they bind the computed one: its unit
  // (千円未満切捨て) and its 下限額
  const resolved = resolveTerms(ctx.terms, {
    course: ctx.before.course ?? undefined,
    type: ctx.before.type ?? undefined,
  });
  if (resolved.ok) {
    const { unit, floors } = resolved.terms;
    if (BigInt(amount) % unit !== 0n) {
      const rule = unitRule(unit);
      throw invalidField("amountYen", {
        ja: `交付決定額は${rule.ja}の額にしてください（入力 ${yen(amount)}、例 ${yen(Number((BigInt(amount) / unit) * unit))}）`,
        en: `The decided amount must be ${rule.en} (got ¥${amount})`,
      });
    }
    const floor = bindingFloor(floors);
    if (floor && BigInt(amount) < floor.yen) {
      throw invalidField("amountYen", {
        ja: `交付決定額 ${yen(amount)} が下限額${floor.where.ja} ${yen(Number(floor.yen))} を下回ります。下限額以上にするか、不採択・取消としてください`,
        en: `The decided amount ¥${amount} is below the floor${floor.where.en} of ¥${floor.yen}`,
      });
    }
  }
  const cap = ctx.terms.perCompanyCapYen;
  if (cap === undefined) return;
  const used = await repo.decidedForCompanies(ctx.tx, ctx.actor.orgId, ctx.sp.id, await memberIds(ctx), ctx.before.id);
  if (amount > cap - used) {
    throw conflict("amountYen", {
      ja: `1事業者あたりの上限 ${yen(cap)} のうち ${yen(used)} が交付決定済みです。残り ${yen(Math.max(cap - used, 0))} を超える ${yen(amount)} は交付決定できません`,
      en: `Of the per-company cap of ¥${cap}, ¥${used} is already decided; ¥${amount} exceeds the remaining ¥${Math.max(cap - used, 0)}`,
    });
  }
}

const STEPS: Record<SubsidyAction, (ctx: Ctx) => Promise<StepResult> | StepResult> = {
  check: () => ({ values: {} }),
  return: ({ t }) => {
    if (!t.note) {
      throw invalidField("note", { ja: "差戻しの理由を入力してください", en: "Enter the reason for returning it" });
    }
    return { values: {} };
  },
  resubmit: async (ctx) => {
    if (!ctx.t.lines) return { values: {} };
    const r = await recalculate(ctx, ctx.t.lines);
    return { values: r, amountYen: r.computedYen };
  },
  adopt: () => ({ values: {} }),
  reject: () => ({ values: {}, number: "rejection" }),
  decide: async (ctx) => {
    const amount = ctx.t.amountYen ?? ctx.before.computedYen;
    await checkAmount(ctx, amount, ctx.before.computedYen);
    const { tx, actor, before } = ctx;
    // A round with its own frame draws on that frame alone (its allocation of the year's budget);
    // every other application draws on the program's whole-year frame.
    const frame =
      (before.roundId ? await programs.findFrame(tx, actor.orgId, ctx.sp.id, before.roundId) : undefined) ??
      (await programs.findFrame(tx, actor.orgId, ctx.sp.id, null));
    if (!frame) {
      throw conflict("amountYen", {
        ja: "この補助金には予算枠が設定されていません。担当課の管理者に予算枠の設定を依頼してください",
        en: "This subsidy program has no budget frame; ask the department's manager to set one",
      });
    }
    const reportDueOn = reportDueOf(ctx, ctx.on) ?? defaultReportDueOn(ctx.on, ctx.sp.fiscalYear);
    return {
      values: { decidedYen: amount, decidedOn: ctx.on, frameId: frame.id, reportDueOn },
      amountYen: amount,
      number: "decision",
    };
  },
  change: async (ctx) => {
    const { t, before } = ctx;
    if (!t.lines && t.amountYen === undefined && t.reportDueOn === undefined) {
      throw invalidField("lines", {
        ja: "変更内容（経費明細・交付決定額・実績報告の期限のいずれか）を入力してください",
        en: "Enter the changed expense lines, decided amount or report due date",
      });
    }
    const content: Partial<Awaited<ReturnType<typeof recalculate>>> = t.lines ? await recalculate(ctx, t.lines) : {};
    const computedYen = content.computedYen ?? before.computedYen;
    // Changed content never raises the grant by itself: an increase is an explicit amountYen.
    const amount = t.amountYen ?? Math.min(before.decidedYen ?? 0, computedYen);
    await checkAmount(ctx, amount, computedYen);
    const reportDueOn = reportDueOf(ctx, before.decidedOn ?? ctx.on);
    return {
      values: { ...content, decidedYen: amount, ...(reportDueOn === undefined ? {} : { reportDueOn }) },
      amountYen: amount,
    };
  },
  report: (ctx) => {
    if (!ctx.t.lines) {
      throw invalidField("lines", { ja: "実績の経費明細を入力してください", en: "Enter the actual expense lines" });
    }
    // The lines must name the program's expense categories now, not at 額の確定.
    const check = confirmSubsidy(ctx.terms, {
      decidedYen: ctx.before.decidedYen ?? 0,
      actual: { ...actualOf(ctx.before), lines: ctx.t.lines },
    });
    if ("refused" in check && check.refused.code.endsWith("_category")) throw refusalError(check.refused);
    return { values: { actualLines: linesSchema.parse(ctx.t.lines) } };
  },
  confirm: (ctx) => {
    const { before } = ctx;
    const result = confirmSubsidy(ctx.terms, {
      decidedYen: before.decidedYen ?? 0,
      actual: { ...actualOf(before), lines: linesSchema.parse(before.actualLines ?? []) },
    });
    if ("refused" in result) {
      throw conflict("lines", {
        ja: `${result.refused.ja} 額を確定できません。実績を確認し、補助の対象にならない場合は交付決定を取り消してください`,
        en: `${result.refused.en} The amount cannot be confirmed; check the report, or cancel the grant`,
      });
    }
    const calculation = calculationSchema.parse({
      ...calculationSchema.parse(before.calculation),
      confirmation: { steps: result.steps },
    });
    return { values: { confirmedYen: result.amount, calculation }, amountYen: result.amount, number: "confirmation" };
  },
  claim: () => ({ values: {} }),
  pay: ({ before, on }) => ({
    values: { paidYen: before.confirmedYen, paidOn: on },
    amountYen: before.confirmedYen,
  }),
  withdraw: () => ({ values: {} }),
  cancel: ({ before }) => {
    // 取消 after payment: the payment stays on record and the whole of it is claimed back (返還).
    const repaymentYen = before.status === "paid" ? before.paidYen : null;
    return { values: { repaymentYen }, amountYen: repaymentYen };
  },
};

function actualOf(r: repo.ApplicationRow) {
  return {
    ...(r.course === null ? {} : { course: r.course }),
    ...(r.type === null ? {} : { type: r.type }),
    taxIncluded: r.taxIncluded,
    taxTreatment: r.taxTreatment as SubsidyTaxTreatment,
  };
}

/**
 * The frame follows the application: a decision commits, a change commits or releases the
 * difference, a payment releases what was not paid, 辞退 and 取消 release what is held. One
 * conditional statement each time; a commitment that does not fit is refused with what is left.
 */
async function moveFrame(ctx: Ctx, after: repo.ApplicationValues): Promise<void> {
  const delta = committedOf(after) - committedOf(ctx.before);
  const paidDelta = (after.paidYen ?? 0) - (ctx.before.paidYen ?? 0);
  if (delta === 0 && paidDelta === 0) return;
  const frameId = after.frameId;
  if (!frameId) throw new Error(`subsidy application ${ctx.before.id}: a frame move without a frame`);
  // on the whole-year frame, what its rounds' frames took out of it is not there to commit
  let allocated = 0;
  if (delta > 0) {
    const year = await programs.lockYearFrame(ctx.tx, ctx.actor.orgId, ctx.sp.id);
    if (year?.id === frameId) allocated = await programs.roundAllocations(ctx.tx, ctx.actor.orgId, ctx.sp.id);
  }
  const frame = await programs.findFrameById(ctx.tx, ctx.actor.orgId, frameId);
  // a release always fits; a commitment must fit beside the allocations (moveFrame re-checks the rest)
  const fits = delta <= 0 || (frame !== undefined && frame.committedYen + delta + allocated <= frame.budgetYen);
  if (fits && (await programs.moveFrame(ctx.tx, ctx.actor.orgId, frameId, delta, paidDelta))) return;
  const left = frame ? frame.budgetYen - frame.committedYen - allocated : 0;
  const increase = ctx.t.action === "change";
  throw conflict("amountYen", {
    ja: increase
      ? `予算枠不足: 残り ${yen(left)}に対して増額分 ${yen(delta)}は変更承認できません`
      : `予算枠不足: 残り ${yen(left)}に対して ${yen(delta)}は交付決定できません`,
    en: `Budget frame exhausted: ¥${left} left, ¥${delta} cannot be ${increase ? "added" : "decided"}`,
  });
}

/** Decisions and changes under a 1事業者あたり上限: the business's applications in the program are locked first. */
async function lockForCompanyCap(tx: Executor, actor: Actor, id: string): Promise<void> {
  const peek = await repo.findById(tx, actor.orgId, id);
  const sp = peek ? await programs.findProgram(tx, actor.orgId, peek.subsidyProgramId) : undefined;
  if (!peek || !sp || parseTerms(sp.terms).perCompanyCapYen === undefined) return;
  const entity = await companyEntity(tx, actor, peek.companyId);
  const ids = entity ? entity.members.map((m) => m.id) : [peek.companyId];
  await repo.lockCompanyApplications(tx, actor.orgId, sp.id, ids);
}

/**
 * Moves an application along SUBSIDY_TRANSITIONS under its row lock (FOR UPDATE) and the
 * optimistic version, with the frame, the notice number, the event, the facts and the audit entry
 * in one transaction. An action the actor may not take answers like a missing record.
 */
export async function transitionApplication(
  db: Db,
  actor: Actor,
  id: string,
  t: SubsidyTransition,
): Promise<SubsidyApplication> {
  await db.transaction(async (tx) => {
    if (t.action === "decide" || t.action === "change") await lockForCompanyCap(tx, actor, id);
    const { row: before, program, resource } = await visibleApplication(tx, actor, id, true);
    requireAccess(actor, APPROVING.has(t.action) ? "support.approve" : "support.write", resource, APPLICATION);
    const rule = SUBSIDY_TRANSITIONS[t.action];
    const current = before.status as SubsidyStatus;
    if (!rule.from.includes(current)) {
      const label = ACTION_LABELS[t.action];
      throw conflict("action", {
        ja: `この申請は「${SUBSIDY_STATUS_LABELS[current].ja}」のため${label.ja}できません（${label.ja}できるのは${statusText(rule.from, "ja")}のときです）`,
        en: `This application is ${SUBSIDY_STATUS_LABELS[current].en}; you can ${label.en} it only when it is ${statusText(rule.from, "en")}`,
      });
    }
    if (t.version !== before.version) {
      throw conflict("version", {
        ja: "この申請は他の人が先に更新しました。画面を開き直して最新の内容を確認してから操作してください",
        en: "Someone else updated this application first. Reload it and try again",
      });
    }
    const today = todayInTokyo();
    const on = t.on ?? today;
    if (on > today) {
      throw invalidField("on", {
        ja: `未来の日付では記録できません（${on}。今日は ${today}）`,
        en: `A step cannot be recorded with a future date (${on}; today is ${today})`,
      });
    }
    if (t.reportDueOn !== undefined && t.action !== "decide" && t.action !== "change") {
      throw invalidField("reportDueOn", {
        ja: "実績報告の期限は交付決定か変更承認のときに入力してください",
        en: "The report due date is set with the decision or a change",
      });
    }
    if (on < before.receivedOn) {
      throw invalidField("on", {
        ja: `日付 ${on} が申請の受付日 ${before.receivedOn} より前です`,
        en: `${on} is before the application was received (${before.receivedOn})`,
      });
    }
    const last = await repo.lastStepOn(tx, actor.orgId, id);
    if (last && on < last) {
      throw invalidField("on", {
        ja: `日付 ${warekiDate(on)} が前の手続きの日付 ${warekiDate(last)} より前です。手続きは起きた順に、その日以降の日付で記録してください`,
        en: `${on} is before the previous step of this application (${last}); steps are recorded in order`,
      });
    }
    const sp = (await programs.findProgram(tx, actor.orgId, before.subsidyProgramId)) as programs.SubsidyProgramRow;
    const ctx: Ctx = { tx, actor, before, sp, programCode: program.code, terms: parseTerms(sp.terms), t, on };
    const step = await STEPS[t.action](ctx);
    const values: Partial<repo.NewApplication> = {
      ...step.values,
      status: rule.to,
      ...(t.note === undefined ? {} : { note: t.note }),
    };
    // The frame first, the number after it: a decision refused for budget takes no number.
    await moveFrame(ctx, { ...before, ...values } as repo.ApplicationValues);
    if (step.number === "decision") values.decisionNo = await noticeNo(tx, ctx, "decision");
    if (step.number === "confirmation") values.confirmationNo = await noticeNo(tx, ctx, "confirmation");
    if (step.number === "rejection") values.rejectionNo = await noticeNo(tx, ctx, "rejection");
    await repo.update(tx, actor.orgId, id, values);
    await repo.insertEvent(tx, {
      orgId: actor.orgId,
      applicationId: id,
      action: t.action,
      fromStatus: current,
      toStatus: rule.to,
      on,
      note: t.note ?? null,
      amountYen: step.amountYen ?? null,
      byLabel: actor.label,
    });
    const after = (await repo.findById(tx, actor.orgId, id)) as repo.ApplicationRow;
    await syncApplicationFacts(tx, actor, after, program, `補助金: ${SUBSIDY_STATUS_LABELS[rule.to].ja}`);
    await recordAudit(tx, actor, {
      entity: "subsidy_application",
      entityId: id,
      action: "update",
      changes: maskIfConfidential(
        before.confidential || after.confidential,
        diffFields(snapshot(before), snapshot(after)),
      ),
    });
  });
  return loadDto(db, actor.orgId, id);
}
