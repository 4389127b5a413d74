import { fiscalYearOf, fiscalYearRange } from "./fiscal-year.js";

/**
 * 実績報告の期限 when a 交付決定 names none. The 要綱's 「事業完了から30日以内または年度末のいずれか
 * 早い日」 needs a completion date the application does not have, so the default is the earlier of
 * the decision date + REPORT_DUE_DAYS and the fiscal year's end (3月31日; the program's year, or the
 * decision's if it is later). Here so that the decision form shows the date the server will set.
 */
export const REPORT_DUE_DAYS = 180;

export function defaultReportDueOn(decidedOn: string, programFiscalYear: number): string {
  const d = new Date(`${decidedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + REPORT_DUE_DAYS);
  const plus = d.toISOString().slice(0, 10);
  const yearEnd = fiscalYearRange(Math.max(programFiscalYear, fiscalYearOf(decidedOn))).to;
  return plus < yearEnd ? plus : yearEnd;
}
