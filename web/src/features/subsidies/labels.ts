import type {
  SUBSIDY_TRANSITIONS as ContractTransitions,
  SUBSIDY_YEN_MAX as ContractYenMax,
  SubsidyAction,
  SubsidyStatus,
  SubsidyTaxRate,
  SubsidyTaxTreatment,
  SubsidyUnit,
} from "@shien/contracts";
import type { MessageKey } from "../../lib/i18n";

/**
 * The contract's subsidy tables (SUBSIDY_STATUS_LABELS, SUBSIDY_TRANSITIONS …) live in modules that
 * build zod schemas, so importing their values would bring zod into the browser bundle. They are
 * repeated here (words in ./messages/subsidies.ts, keep them the same as the contract's), and each
 * table must name every value of its contract type, so a status or action added there fails
 * `tsc -p web` until it is added here.
 */

/** The largest yen figure the server accepts (1兆円); typed as the contract's literal. */
export const SUBSIDY_YEN_MAX: typeof ContractYenMax = 1_000_000_000_000;

export const subsidyStatusLabelKey = {
  received: "subsidies.status.received",
  returned: "subsidies.status.returned",
  checked: "subsidies.status.checked",
  adopted: "subsidies.status.adopted",
  rejected: "subsidies.status.rejected",
  decided: "subsidies.status.decided",
  reported: "subsidies.status.reported",
  confirmed: "subsidies.status.confirmed",
  claimed: "subsidies.status.claimed",
  paid: "subsidies.status.paid",
  withdrawn: "subsidies.status.withdrawn",
  cancelled: "subsidies.status.cancelled",
} as const satisfies Record<SubsidyStatus, MessageKey>;
export const SUBSIDY_STATUSES = Object.keys(subsidyStatusLabelKey) as SubsidyStatus[];

export const subsidyStatusColor: Record<SubsidyStatus, string> = {
  received: "blue",
  returned: "orange",
  checked: "indigo",
  adopted: "cyan",
  rejected: "gray",
  decided: "teal",
  reported: "grape",
  confirmed: "violet",
  claimed: "lime",
  paid: "green",
  withdrawn: "gray",
  cancelled: "red",
};

/**
 * The only moves an application can make: the contract's SUBSIDY_TRANSITIONS, copied (keep the
 * two the same; the server refuses anything else with a 409 naming the current status). The key
 * order is the order the detail page offers the moves in.
 */
export const SUBSIDY_TRANSITIONS = {
  check: { from: ["received"], to: "checked" },
  return: { from: ["received"], to: "returned" },
  resubmit: { from: ["returned"], to: "received" },
  adopt: { from: ["checked"], to: "adopted" },
  reject: { from: ["checked"], to: "rejected" },
  decide: { from: ["adopted"], to: "decided" },
  change: { from: ["decided"], to: "decided" },
  report: { from: ["decided"], to: "reported" },
  confirm: { from: ["reported"], to: "confirmed" },
  claim: { from: ["confirmed"], to: "claimed" },
  pay: { from: ["claimed"], to: "paid" },
  withdraw: { from: ["received", "returned", "checked", "adopted", "decided"], to: "withdrawn" },
  cancel: { from: ["decided", "reported", "confirmed", "claimed", "paid"], to: "cancelled" },
} as const satisfies typeof ContractTransitions;
export const SUBSIDY_ACTIONS = Object.keys(SUBSIDY_TRANSITIONS) as SubsidyAction[];

/** The moves open to an application in this status, in the order they are offered. */
export function actionsFrom(status: SubsidyStatus): SubsidyAction[] {
  return SUBSIDY_ACTIONS.filter((a) => (SUBSIDY_TRANSITIONS[a].from as readonly SubsidyStatus[]).includes(status));
}

/** 決裁 (the server's support.approve): the decisions; the paperwork is the 担当課's (support.write). */
export const APPROVING_ACTIONS: ReadonlySet<SubsidyAction> = new Set([
  "adopt",
  "reject",
  "decide",
  "change",
  "confirm",
  "pay",
  "withdraw",
  "cancel",
]);

/** Moves that end or undo something: shown in red. */
export const DESTRUCTIVE_ACTIONS: ReadonlySet<SubsidyAction> = new Set(["return", "reject", "withdraw", "cancel"]);

export const subsidyActionLabelKey = {
  check: "subsidies.action.check",
  return: "subsidies.action.return",
  resubmit: "subsidies.action.resubmit",
  adopt: "subsidies.action.adopt",
  reject: "subsidies.action.reject",
  decide: "subsidies.action.decide",
  change: "subsidies.action.change",
  report: "subsidies.action.report",
  confirm: "subsidies.action.confirm",
  claim: "subsidies.action.claim",
  pay: "subsidies.action.pay",
  withdraw: "subsidies.action.withdraw",
  cancel: "subsidies.action.cancel",
} as const satisfies Record<SubsidyAction, MessageKey>;

export const subsidyActionHelpKey = {
  check: "subsidies.action.check.help",
  return: "subsidies.action.return.help",
  resubmit: "subsidies.action.resubmit.help",
  adopt: "subsidies.action.adopt.help",
  reject: "subsidies.action.reject.help",
  decide: "subsidies.action.decide.help",
  change: "subsidies.action.change.help",
  report: "subsidies.action.report.help",
  confirm: "subsidies.action.confirm.help",
  claim: "subsidies.action.claim.help",
  pay: "subsidies.action.pay.help",
  withdraw: "subsidies.action.withdraw.help",
  cancel: "subsidies.action.cancel.help",
} as const satisfies Record<SubsidyAction, MessageKey>;

export const subsidyActionDoneKey = {
  check: "subsidies.action.check.done",
  return: "subsidies.action.return.done",
  resubmit: "subsidies.action.resubmit.done",
  adopt: "subsidies.action.adopt.done",
  reject: "subsidies.action.reject.done",
  decide: "subsidies.action.decide.done",
  change: "subsidies.action.change.done",
  report: "subsidies.action.report.done",
  confirm: "subsidies.action.confirm.done",
  claim: "subsidies.action.claim.done",
  pay: "subsidies.action.pay.done",
  withdraw: "subsidies.action.withdraw.done",
  cancel: "subsidies.action.cancel.done",
} as const satisfies Record<SubsidyAction, MessageKey>;

/** The state log also holds the first step, 申請受付 (`receive`), which is not a transition. */
export function eventActionLabelKey(action: string): MessageKey | null {
  if (action === "receive") return "subsidies.events.receive";
  return action in subsidyActionLabelKey ? subsidyActionLabelKey[action as SubsidyAction] : null;
}

/** 消費税の扱い (contract: SUBSIDY_TAX_TREATMENTS). */
export const taxTreatmentLabelKey = {
  standard: "subsidies.taxTreatment.standard",
  exempt: "subsidies.taxTreatment.exempt",
  simplified: "subsidies.taxTreatment.simplified",
} as const satisfies Record<SubsidyTaxTreatment, MessageKey>;
export const TAX_TREATMENTS = Object.keys(taxTreatmentLabelKey) as SubsidyTaxTreatment[];

/** 消費税率 of a line (contract: SUBSIDY_TAX_RATES). */
export const taxRateLabelKey = {
  standard: "subsidies.taxRate.standard",
  reduced: "subsidies.taxRate.reduced",
  none: "subsidies.taxRate.none",
} as const satisfies Record<SubsidyTaxRate, MessageKey>;
export const TAX_RATES = Object.keys(taxRateLabelKey) as SubsidyTaxRate[];

/** 端数処理 (contract: SUBSIDY_UNITS). */
export const unitLabelKey = {
  1: "subsidies.unit.1",
  10: "subsidies.unit.10",
  100: "subsidies.unit.100",
  1000: "subsidies.unit.1000",
  10000: "subsidies.unit.10000",
} as const satisfies Record<SubsidyUnit, MessageKey>;
