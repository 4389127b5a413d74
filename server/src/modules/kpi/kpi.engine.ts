import type { FactFilter, Metric, MetricPart, MetricPeriod } from "@shien/contracts";
import type { MonthRow, ResolvedFilter } from "../activities/index.js";
import type { KpiCatalog, KpiIndicatorDef } from "../plans/index.js";

/**
 * The KPI engine: evaluates one indicator's metric over the year's month totals (from the daily
 * rollups) and the distinct-business counts (from the first-fact rollups). Pure apart from the
 * two lookups it is handed, so that its rules are tested on hand-made data.
 */
export interface EngineInput {
  catalog: KpiCatalog;
  departmentIdOfName: Map<string, string>;
  months: MonthRow[];
  /** 0 = April … 11 = March: the month of the as-of day. Months after it have no value yet. */
  asOfMonth: number;
  /** New distinct businesses per month, up to the as-of day. */
  distinctByMonth: (filter: ResolvedFilter) => Promise<number[]>;
  /** Distinct businesses in a bounded period (already cut at the as-of day). */
  distinctInRange: (range: { from: string; to: string }, filter: ResolvedFilter) => Promise<number>;
  /** Month totals of a day range (for `from`/`to` periods of count and sum). */
  rangeTotal: (range: { from: string; to: string }, filter: ResolvedFilter, value: Value) => Promise<number>;
  fiscalYear: number;
  asOf: string;
}

export interface Evaluation {
  actual: number | null;
  monthly: (number | null)[];
  cumulative: boolean;
}

export type Value = "facts" | "quantity" | "amountYen";

/** A department name no one has: filtering on it must match nothing, not everything. */
const NO_DEPARTMENT = "00000000-0000-0000-0000-000000000000";

export function resolveFilter(def: KpiIndicatorDef, f: FactFilter, input: EngineInput): ResolvedFilter {
  const { catalog } = input;
  const programIds = f.programs
    ? [
        ...new Set(
          f.programs.flatMap((code) => {
            const id = catalog.idOfCode.get(code);
            return id ? (catalog.descendants.get(id) ?? [id]) : [];
          }),
        ),
      ]
    : (catalog.descendants.get(def.programId) ?? [def.programId]);
  const departmentIds = f.departments?.map((name) => input.departmentIdOfName.get(name) ?? NO_DEPARTMENT);
  const attributes = f.attributes
    ? Object.fromEntries(Object.entries(f.attributes).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]))
    : undefined;
  return { programIds, types: f.types, outcomes: f.outcomes, departmentIds, attributes };
}

function matches(row: MonthRow, f: ResolvedFilter): boolean {
  if (!f.programIds.includes(row.programId) || !f.types.includes(row.type)) return false;
  if (f.outcomes?.length && !f.outcomes.includes(row.outcome)) return false;
  if (f.departmentIds?.length && !f.departmentIds.includes(row.departmentId)) return false;
  for (const [k, values] of Object.entries(f.attributes ?? {})) {
    if (!values.includes(row.dims[k] as string | number | boolean)) return false;
  }
  return true;
}

/** The months (0 = April) a period covers; null for a day range. */
function periodMonths(period: MetricPeriod | undefined): number[] | null {
  if (!period) return [...Array(12).keys()];
  if ("quarter" in period) return [0, 1, 2].map((i) => (period.quarter - 1) * 3 + i);
  if ("month" in period) return [(period.month + 8) % 12];
  return null;
}

const monthStart = (fiscalYear: number, m: number) => {
  const month = ((m + 3) % 12) + 1;
  const year = m >= 9 ? fiscalYear + 1 : fiscalYear;
  return `${year}-${String(month).padStart(2, "0")}-01`;
};
const monthEnd = (fiscalYear: number, m: number) => {
  const next = m === 11 ? `${fiscalYear + 1}-04-01` : monthStart(fiscalYear, m + 1);
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

export function periodRange(period: MetricPeriod | undefined, input: EngineInput): { from: string; to: string } {
  const months = periodMonths(period);
  const raw =
    months === null
      ? (period as { from: string; to: string })
      : {
          from: monthStart(input.fiscalYear, months[0] as number),
          to: monthEnd(input.fiscalYear, months.at(-1) as number),
        };
  return { from: raw.from, to: raw.to < input.asOf ? raw.to : input.asOf };
}

/** Per-month values of one part (count, sum or new distinct businesses), and whether they add up. */
async function partMonthly(
  def: KpiIndicatorDef,
  part: MetricPart | (FactFilter & { measure: "count" | "distinctCompanies" | "sum"; of?: string | undefined }),
  period: MetricPeriod | undefined,
  input: EngineInput,
): Promise<{ monthly: (number | null)[]; total: number | null }> {
  const filter = resolveFilter(def, part, input);
  const months = periodMonths(period);
  const open = (m: number) => m <= input.asOfMonth;
  if (part.measure === "distinctCompanies") {
    if (period) {
      const range = periodRange(period, input);
      const total = range.from > range.to ? 0 : await input.distinctInRange(range, filter);
      return { monthly: Array(12).fill(null), total };
    }
    const fresh = await input.distinctByMonth(filter);
    const monthly = fresh.map((n, m) => (open(m) ? n : null));
    return { monthly, total: fresh.reduce((a, b) => a + b, 0) };
  }
  const value: Value = part.measure === "sum" ? (part.of === "amount" ? "amountYen" : "quantity") : "facts";
  if (months === null) {
    const range = periodRange(period, input);
    const total = range.from > range.to ? 0 : await input.rangeTotal(range, filter, value);
    return { monthly: Array(12).fill(null), total };
  }
  const sums = Array(12).fill(0) as number[];
  for (const row of input.months) if (matches(row, filter)) sums[row.month] = (sums[row.month] as number) + row[value];
  const monthly = sums.map((n, m) => (open(m) && months.includes(m) ? n : open(m) ? 0 : null));
  const total = monthly.reduce<number>((a, b) => a + (b ?? 0), 0);
  return { monthly, total };
}

/** Yen per unit of an indicator's printed unit: 千円 → 1,000, 万円 → 10,000; anything else is yen. */
export function yenPerUnit(unit: string): number {
  const u = unit.normalize("NFKC").trim();
  return { 千円: 1_000, 万円: 10_000, 百万円: 1_000_000, 億円: 100_000_000 }[u] ?? 1;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function evaluate(def: KpiIndicatorDef, input: EngineInput): Promise<Evaluation> {
  const metric: Metric | null = def.metric;
  const none = { actual: null, monthly: Array(12).fill(null), cumulative: true };
  if (!metric || metric.measure === "pending") return none;
  if (metric.measure === "manual") {
    const part = {
      measure: "sum" as const,
      of: "quantity" as const,
      types: ["manual_figure" as const],
      attributes: { indicatorId: def.indicatorId },
    };
    const { monthly, total } = await partMonthly(def, part, undefined, input);
    return { actual: total, monthly, cumulative: true };
  }
  if (metric.measure !== "ratio") {
    const { monthly, total } = await partMonthly(def, metric, metric.period, input);
    // Amounts are summed in yen and shown in the indicator's printed unit (交付決定額 in 千円).
    const scale = metric.measure === "sum" && metric.of === "amount" ? yenPerUnit(def.unit) : 1;
    if (scale === 1) return { actual: total, monthly, cumulative: true };
    const inUnit = (n: number) => n / scale;
    return {
      actual: total === null ? null : inUnit(total),
      monthly: monthly.map((m) => (m === null ? null : inUnit(m))),
      cumulative: true,
    };
  }
  const [num, den] = await Promise.all([
    partMonthly(def, metric.numerator, metric.period, input),
    partMonthly(def, metric.denominator, metric.period, input),
  ]);
  const scale = metric.percent ? 100 : 1;
  const ratio = (n: number | null, d: number | null) =>
    n === null || d === null || d === 0 ? null : round((n / d) * scale, 2);
  let cn = 0;
  let cd = 0;
  const monthly = num.monthly.map((n, m) => {
    if (n === null || den.monthly[m] === null) return null;
    cn += n;
    cd += den.monthly[m] ?? 0;
    return ratio(cn, cd);
  });
  return { actual: ratio(num.total, den.total), monthly, cumulative: false };
}

export function progressOf(actual: number | null, target: number | null): number | null {
  if (actual === null || target === null || target <= 0) return null;
  return round((actual / target) * 100, 1);
}

export { monthEnd, monthStart };
