import type { IndicatorCategory } from "@shien/contracts";
import { currentFiscalYear } from "../support/format";
import { CATEGORY_ORDER } from "./labels";
import { defaultAsOf, fiscalYearEnd, fiscalYearStart } from "./pace";

/**
 * The dashboard's year, as-of date and filters live in the address (?fiscalYear=2026&asOf=…), so a
 * view can be bookmarked or sent, and the way back from a drill-down finds it as it was.
 */
export interface DashboardParams {
  fiscalYear: number;
  asOf: string;
  departmentId: string | null;
  section: string | null;
  category: IndicatorCategory | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A year and an as-of date from the address; absent or malformed, the current year and today. */
export function readYearAndAsOf(params: URLSearchParams): { fiscalYear: number; asOf: string } {
  const year = Number(params.get("fiscalYear"));
  const fiscalYear = Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentFiscalYear();
  const raw = params.get("asOf") ?? "";
  const asOf =
    ISO_DATE.test(raw) && raw >= fiscalYearStart(fiscalYear) && raw <= fiscalYearEnd(fiscalYear)
      ? raw
      : defaultAsOf(fiscalYear);
  return { fiscalYear, asOf };
}

export function readDashboardParams(params: URLSearchParams): DashboardParams {
  const category = params.get("category");
  return {
    ...readYearAndAsOf(params),
    departmentId: params.get("departmentId") || null,
    section: params.get("section") || null,
    category: CATEGORY_ORDER.find((c) => c === category) ?? null,
  };
}

export function writeDashboardParams(value: DashboardParams): URLSearchParams {
  const params = new URLSearchParams();
  params.set("fiscalYear", String(value.fiscalYear));
  params.set("asOf", value.asOf);
  if (value.departmentId) params.set("departmentId", value.departmentId);
  if (value.section) params.set("section", value.section);
  if (value.category) params.set("category", value.category);
  return params;
}
