import type { FundingSource, IndicatorCategory, ProgramKind, ProgramStatus } from "@shien/contracts";
import type { MessageKey, Translate } from "../../lib/i18n";

/** 国 / 県 / 市 / 自主財源 / その他, in the order the documents list them. */
export const sourceLabelKey = {
  national: "source.national",
  prefecture: "source.prefecture",
  municipal: "source.municipal",
  own: "source.own",
  other: "source.other",
} as const satisfies Record<FundingSource, MessageKey>;

export const SOURCE_ORDER = Object.keys(sourceLabelKey) as FundingSource[];

export const programStatusLabelKey = {
  new: "programStatus.new",
  continuing: "programStatus.continuing",
  expanded: "programStatus.expanded",
} as const satisfies Record<ProgramStatus, MessageKey>;

export const programStatusColor: Record<ProgramStatus, string> = {
  new: "teal",
  continuing: "gray",
  expanded: "orange",
};

export const kindLabelKey = {
  consultation: "kind.consultation",
  dispatch: "kind.dispatch",
  seminar: "kind.seminar",
  subsidy: "kind.subsidy",
  lending: "kind.lending",
  loan: "kind.loan",
  fund: "kind.fund",
  matching: "kind.matching",
  facility: "kind.facility",
  survey: "kind.survey",
  information: "kind.information",
  administration: "kind.administration",
  other: "kind.other",
} as const satisfies Record<ProgramKind, MessageKey>;

export const categoryLabelKey = {
  priority: "category.priority",
  activity: "category.activity",
  reference: "category.reference",
} as const satisfies Record<IndicatorCategory, MessageKey>;

/** "国・県" in document order, whatever order the data has. */
export function sourcesText(sources: readonly FundingSource[], t: Translate): string {
  return SOURCE_ORDER.filter((s) => sources.includes(s))
    .map((s) => t(sourceLabelKey[s]))
    .join(t("source.separator"));
}

/** The short 令和 year the documents use in column heads: 2026 → 8 (R8), 2025 → 7. */
export function reiwaYear(fiscalYear: number): number {
  return fiscalYear - 2018;
}
