import {
  breakdownMetric,
  fiscalYearRange,
  fiscalYearWareki,
  type KpiDashboard,
  type KpiFacts,
  type KpiFactsQuery,
  type KpiIndicator,
  type KpiQuery,
  todayInTokyo,
} from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { notFound } from "../../http/app-error.js";
import {
  distinctBusinessesByMonth,
  distinctBusinessesInRange,
  factMonthTotals,
  factRangeTotal,
  factsBehindFigure,
  type ResolvedFilter,
} from "../activities/index.js";
import { allDepartments } from "../departments/index.js";
import { type KpiCatalog, type KpiIndicatorDef, kpiCatalog } from "../plans/index.js";
import { type EngineInput, evaluate, periodRange, progressOf, resolveFilter } from "./kpi.engine.js";

const PLAN = { ja: "事業計画", en: "The plan" };
const INDICATOR = { ja: "指標", en: "The indicator" };
const CATEGORY_ORDER = { priority: 0, activity: 1, reference: 2 } as const;

/** The as-of day inside the fiscal year: today by default, never past the year's last day. */
export function asOfIn(fiscalYear: number, asOf: string | undefined): string {
  const { from, to } = fiscalYearRange(fiscalYear);
  const day = asOf ?? todayInTokyo();
  if (day > to) return to;
  if (day < from) return from;
  return day;
}

const monthIndex = (isoDate: string) => (Number(isoDate.slice(5, 7)) + 8) % 12;

function memo<A, R>(fn: (a: A) => Promise<R>): (a: A) => Promise<R> {
  const seen = new Map<string, Promise<R>>();
  return (a) => {
    const key = JSON.stringify(a);
    const hit = seen.get(key);
    if (hit) return hit;
    const p = fn(a);
    seen.set(key, p);
    return p;
  };
}
function memo2<A, B, R>(fn: (a: A, b: B) => Promise<R>): (a: A, b: B) => Promise<R> {
  const one = memo(([a, b]: [A, B]) => fn(a, b));
  return (a, b) => one([a, b]);
}

export interface YearContext {
  catalog: KpiCatalog;
  input: EngineInput;
  departmentName: Map<string, string>;
}

/** Loads what every evaluation of an organization-year needs: the plan's indicators and the month totals. */
export async function yearContext(db: Db, orgId: string, fiscalYear: number, asOfDay: string): Promise<YearContext> {
  const catalog = await kpiCatalog(db, orgId, fiscalYear);
  if (!catalog)
    throw notFound({ ja: `${fiscalYearWareki(fiscalYear)}の事業計画`, en: `The plan for fiscal ${fiscalYear}` });
  const [departments, months] = await Promise.all([
    allDepartments(db, orgId),
    factMonthTotals(db, orgId, fiscalYear, asOfDay),
  ]);
  const input: EngineInput = {
    catalog,
    departmentIdOfName: new Map(departments.map((d) => [d.name, d.id])),
    months,
    asOfMonth: monthIndex(asOfDay),
    // Indicators often share a filter (支援事業者数 and a ratio over it): one query each per dashboard.
    distinctByMonth: memo((f) => distinctBusinessesByMonth(db, orgId, fiscalYear, asOfDay, f)),
    distinctInRange: memo2((range, f) => distinctBusinessesInRange(db, orgId, fiscalYear, range, f)),
    rangeTotal: (range, f, value) => factRangeTotal(db, orgId, fiscalYear, range, f, value),
    fiscalYear,
    asOf: asOfDay,
  };
  return { catalog, input, departmentName: new Map(departments.map((d) => [d.id, d.name])) };
}

/** Each 内訳 counted by the metric narrowed to its label (breakdownMetric); uncounted labels stay null. */
async function evaluateBreakdown(ctx: YearContext, def: KpiIndicatorDef): Promise<KpiIndicator["breakdown"]> {
  if (!def.breakdown) return null;
  return Promise.all(
    def.breakdown.map(async ({ label, target }) => {
      const metric = def.metric ? breakdownMetric(def.metric, label) : null;
      const actual = metric ? (await evaluate({ ...def, metric }, ctx.input)).actual : null;
      return { label, target, actual, progress: progressOf(actual, target) };
    }),
  );
}

export async function evaluateIndicator(ctx: YearContext, def: KpiIndicatorDef): Promise<KpiIndicator> {
  const [result, breakdown] = await Promise.all([evaluate(def, ctx.input), evaluateBreakdown(ctx, def)]);
  const metric = def.metric;
  return {
    indicatorId: def.indicatorId,
    programId: def.programId,
    programCode: def.programCode,
    programName: def.programName,
    section: def.section,
    departments: def.departmentIds.map((id) => ({ id, name: ctx.departmentName.get(id) ?? "" })),
    category: def.category,
    name: def.name,
    unit: def.unit,
    target: def.target,
    targetText: def.targetText,
    measure: metric?.measure ?? null,
    feed: metric?.measure === "pending" ? metric.feed : null,
    actual: result.actual,
    progress: progressOf(result.actual, def.target),
    monthly: result.monthly,
    cumulative: result.cumulative,
    breakdown,
  };
}

/**
 * Every indicator of the organization-year with target, actual and 進捗率, as of a day. Counts
 * include confidential programs' facts: a figure is never hidden, only the records behind it.
 */
export async function getDashboard(db: Db, actor: Actor, q: KpiQuery): Promise<KpiDashboard> {
  requireAccess(actor, "plan.read", { orgId: actor.orgId }, PLAN);
  const asOf = asOfIn(q.fiscalYear, q.asOf);
  const ctx = await yearContext(db, actor.orgId, q.fiscalYear, asOf);
  const defs = ctx.catalog.indicators.filter(
    (d) => (!q.category || d.category === q.category) && (!q.departmentId || d.departmentIds.includes(q.departmentId)),
  );
  const items = await Promise.all(defs.map((d) => evaluateIndicator(ctx, d)));
  const order = new Map(defs.map((d, i) => [d.indicatorId, i]));
  items.sort(
    (a, b) =>
      CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] ||
      (order.get(a.indicatorId) ?? 0) - (order.get(b.indicatorId) ?? 0),
  );
  return { fiscalYear: q.fiscalYear, asOf, items };
}

/** The filter whose facts make up an indicator's figure (a ratio: the side asked for). */
export function factFilterOf(
  ctx: YearContext,
  def: KpiIndicatorDef,
  part: "numerator" | "denominator" | undefined,
): ResolvedFilter | null {
  const metric = def.metric;
  if (!metric || metric.measure === "pending") return null;
  if (metric.measure === "manual") {
    return {
      programIds: [def.programId],
      types: ["manual_figure"],
      attributes: { indicatorId: [def.indicatorId] },
    };
  }
  if (metric.measure === "ratio") return resolveFilter(def, metric[part ?? "numerator"], ctx.input);
  return resolveFilter(def, metric, ctx.input);
}

export async function findIndicator(db: Db, actor: Actor, indicatorId: string, fiscalYear: number, asOf?: string) {
  requireAccess(actor, "plan.read", { orgId: actor.orgId }, INDICATOR);
  const day = asOfIn(fiscalYear, asOf);
  const ctx = await yearContext(db, actor.orgId, fiscalYear, day);
  const def = ctx.catalog.indicators.find((d) => d.indicatorId === indicatorId);
  if (!def) throw notFound(INDICATOR);
  return { ctx, def, asOf: day };
}

/** The days whose facts make up the figure: the metric's quarter or month, else the year to the as-of day. */
export function factRangeOf(ctx: YearContext, def: KpiIndicatorDef, asOf: string): { from: string; to: string } {
  const period = def.metric && "period" in def.metric ? def.metric.period : undefined;
  return period ? periodRange(period, ctx.input) : { from: fiscalYearRange(ctx.input.fiscalYear).from, to: asOf };
}

/** Drill-down: the facts behind an indicator's figure, newest first. */
export async function getIndicatorFacts(
  db: Db,
  actor: Actor,
  indicatorId: string,
  q: KpiFactsQuery,
): Promise<KpiFacts> {
  const { ctx, def, asOf } = await findIndicator(db, actor, indicatorId, q.fiscalYear, q.asOf);
  const filter = factFilterOf(ctx, def, q.part);
  const header = { id: def.indicatorId, name: def.name, programCode: def.programCode, unit: def.unit };
  if (!filter)
    return {
      indicator: header,
      items: [],
      total: 0,
      hidden: 0,
      confidentialNotices: [],
      page: q.page,
      pageSize: q.pageSize,
    };
  const range = factRangeOf(ctx, def, asOf);
  const found = await factsBehindFigure(
    db,
    actor,
    q.fiscalYear,
    range,
    filter,
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    { entity: "kpi_indicator", entityId: indicatorId },
  );
  return { indicator: header, ...found, page: q.page, pageSize: q.pageSize };
}
