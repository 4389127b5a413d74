import type { IndicatorCategory, KpiIndicator } from "@shien/contracts";
import type { MessageKey } from "../../lib/i18n";

/** The module that will write the facts of a 未計測 indicator (the contract's FEEDING_MODULES). */
export type FeedingModule = NonNullable<KpiIndicator["feed"]>;

/**
 * Words for the contract's FEEDING_MODULES, repeated in ./messages/kpi.ts (the contract's module
 * builds zod schemas, so its values stay out of the bundle); a module added there fails
 * `tsc -p web` until it has a label here.
 */
export const feedLabelKey = {
  seminars: "kpi.feed.seminars",
  subsidies: "kpi.feed.subsidies",
  lending: "kpi.feed.lending",
  loans: "kpi.feed.loans",
  matching: "kpi.feed.matching",
  facilities: "kpi.feed.facilities",
  surveys: "kpi.feed.surveys",
  startups: "kpi.feed.startups",
  "research-funding": "kpi.feed.research-funding",
  talent: "kpi.feed.talent",
  restructuring: "kpi.feed.restructuring",
} as const satisfies Record<FeedingModule, MessageKey>;

/** 重点 first, then 活動, then 参考: the order the dashboard lists them in. */
export const CATEGORY_ORDER = ["priority", "activity", "reference"] as const satisfies readonly IndicatorCategory[];

export const categoryColor: Record<IndicatorCategory, string> = {
  priority: "blue",
  activity: "teal",
  reference: "gray",
};

/** Section headings of the dashboard, one per category. */
export const categoryHeadingKey = {
  priority: "kpi.heading.priority",
  activity: "kpi.heading.activity",
  reference: "kpi.heading.reference",
} as const satisfies Record<IndicatorCategory, MessageKey>;
