import type { Channel, ConsultationStatus, DispatchStatus, FactType, ReferralStatus } from "@shien/contracts";
import type { MessageKey } from "../../lib/i18n";

/**
 * The contract's label tables (CHANNEL_LABELS, FACT_TYPE_LABELS …) live in modules that build zod
 * schemas, so importing them would bring zod into the browser bundle; their words are repeated in
 * ./messages/support.ts instead (keep them the same), and each table below must name every value
 * of its contract enum, so a value added there fails `tsc -p web` until it has a label here.
 */
export const channelLabelKey = {
  window: "support.channel.window",
  visit: "support.channel.visit",
  phone: "support.channel.phone",
  online: "support.channel.online",
  outreach: "support.channel.outreach",
  satellite: "support.channel.satellite",
} as const satisfies Record<Channel, MessageKey>;
export const CHANNELS = Object.keys(channelLabelKey) as Channel[];
/** Channels held somewhere other than the center: the location is asked for (contract: CHANNELS_WITH_LOCATION). */
export const CHANNELS_WITH_LOCATION: readonly Channel[] = ["outreach", "satellite"];

export const consultationStatusLabelKey = {
  ongoing: "support.consultationStatus.ongoing",
  resolved: "support.consultationStatus.resolved",
  completed: "support.consultationStatus.completed",
  referred: "support.consultationStatus.referred",
  closed: "support.consultationStatus.closed",
} as const satisfies Record<ConsultationStatus, MessageKey>;
export const CONSULTATION_STATUSES = Object.keys(consultationStatusLabelKey) as ConsultationStatus[];

export const referralStatusLabelKey = {
  sent: "support.referralStatus.sent",
  accepted: "support.referralStatus.accepted",
  declined: "support.referralStatus.declined",
  completed: "support.referralStatus.completed",
} as const satisfies Record<ReferralStatus, MessageKey>;
export const REFERRAL_STATUSES = Object.keys(referralStatusLabelKey) as ReferralStatus[];

export const dispatchStatusLabelKey = {
  requested: "support.dispatchStatus.requested",
  approved: "support.dispatchStatus.approved",
  done: "support.dispatchStatus.done",
  reported: "support.dispatchStatus.reported",
  paid: "support.dispatchStatus.paid",
  rejected: "support.dispatchStatus.rejected",
  cancelled: "support.dispatchStatus.cancelled",
} as const satisfies Record<DispatchStatus, MessageKey>;
export const DISPATCH_STATUSES = Object.keys(dispatchStatusLabelKey) as DispatchStatus[];

export const factTypeLabelKey = {
  consultation: "support.fact.consultation",
  visit: "support.fact.visit",
  issue_resolved: "support.fact.issue_resolved",
  support_completed: "support.fact.support_completed",
  referral_sent: "support.fact.referral_sent",
  referral_accepted: "support.fact.referral_accepted",
  referral_declined: "support.fact.referral_declined",
  referral_completed: "support.fact.referral_completed",
  dispatch: "support.fact.dispatch",
  dispatch_completed: "support.fact.dispatch_completed",
  deal_closed: "support.fact.deal_closed",
  manual_figure: "support.fact.manual_figure",
  subsidy_applied: "support.fact.subsidy_applied",
  subsidy_adopted: "support.fact.subsidy_adopted",
  subsidy_rejected: "support.fact.subsidy_rejected",
  subsidy_decided: "support.fact.subsidy_decided",
  subsidy_confirmed: "support.fact.subsidy_confirmed",
  subsidy_paid: "support.fact.subsidy_paid",
  subsidy_withdrawn: "support.fact.subsidy_withdrawn",
} as const satisfies Record<FactType, MessageKey>;
export const FACT_TYPES = Object.keys(factTypeLabelKey) as FactType[];

export const referralStatusColor: Record<ReferralStatus, string> = {
  sent: "blue",
  accepted: "teal",
  declined: "gray",
  completed: "green",
};

export const dispatchStatusColor: Record<DispatchStatus, string> = {
  requested: "blue",
  approved: "indigo",
  done: "teal",
  reported: "cyan",
  paid: "green",
  rejected: "gray",
  cancelled: "gray",
};

export const consultationStatusColor: Record<ConsultationStatus, string> = {
  ongoing: "blue",
  resolved: "green",
  completed: "teal",
  referred: "grape",
  closed: "gray",
};
