import { randomUUID } from "node:crypto";
import { FACT_DIMENSIONS, type FactType } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import type { Executor } from "../../db/client.js";
import { systemActor } from "../../http/actor.js";
import { AppError } from "../../http/app-error.js";
import { mulberry32 } from "../../lib/prng.js";
import { type FactInput, recordFact, syncFacts, voidFactsOf } from "../activities/index.js";
import { mergeCompanies, undoMerge } from "../companies/dedupe.service.js";
import { getDashboard } from "./kpi.service.js";
import { type KpiOrg, makeKpiOrg } from "./kpi.test-kit.js";

/**
 * Property test: random facts (types, programs, days on both sides of the fiscal-year boundary,
 * businesses and anonymous persons, channels, outcomes, amounts) written in random batches, some
 * voided or replaced, businesses merged and unmerged at random — after every round the rollups
 * equal a naive GROUP BY over the live facts, and the dashboard's figures equal naive SQL over the
 * raw facts. A seeded generator makes every run the same; a failure names its seed and round.
 */

class Gen {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const TYPES = ["consultation", "visit", "issue_resolved", "dispatch", "referral_sent"] as const;
/** よろず carries most indicators: it gets half of the facts. */
const CODES = ["Y", "Y", "Y", "D", "D-1", "R"] as const;
const CHANNELS = ["window", "visit", "phone", "online", "outreach"] as const;
const OUTCOMES = [null, null, "resolved", "continuing", "referred"] as const;
/** Days that matter: both sides of each fiscal-year boundary, quarter and month ends. */
const EDGE_DAYS = [
  "2025-04-01",
  "2025-06-30",
  "2025-07-01",
  "2026-03-31",
  "2026-04-01",
  "2026-06-30",
  "2026-07-01",
  "2026-12-31",
  "2027-01-01",
  "2027-03-31",
];
const DAY0 = Date.UTC(2025, 3, 1);
const DAYS = 730; // 2025-04-01 … 2027-03-31

const fiscalOf = (on: string) => (Number(on.slice(5, 7)) >= 4 ? Number(on.slice(0, 4)) : Number(on.slice(0, 4)) - 1);
const monthIndex = (on: string) => (Number(on.slice(5, 7)) + 8) % 12;

let t: TestContext;
let k: KpiOrg;
beforeAll(async () => {
  t = await createTestContext();
  k = await makeKpiOrg(t.database.db);
});
afterAll(() => t.close());

const sys = () => systemActor(k.orgId, "test");

async function randomFact(g: Gen, companies: string[]): Promise<FactInput> {
  const type = g.pick(TYPES);
  const code = g.pick(CODES);
  const on = g.chance(0.3)
    ? g.pick(EDGE_DAYS)
    : new Date(DAY0 + g.int(0, DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const program = await k.program(fiscalOf(on), code);
  const companyId = g.chance(0.15) ? null : g.pick(companies);
  const attributes: Record<string, unknown> =
    type === "consultation" || type === "visit"
      ? { channel: g.pick(CHANNELS), topics: [], durationMinutes: g.chance(0.5) ? null : 30, staffCount: 1 }
      : type === "dispatch"
        ? { frameId: program.id, frame: g.pick(["一般枠", "復興枠"]), expertId: program.id, minutes: 120 }
        : type === "referral_sent"
          ? g.chance(0.5)
            ? { target: "agency", toDepartmentId: null, agency: g.pick(["商工会", "金融機関"]) }
            : { target: "department", toDepartmentId: k.dept.keiei, agency: null }
          : { topics: g.chance(0.5) ? [] : ["販路"] };
  return {
    type: type as FactType,
    program,
    departmentId: g.chance(0.7)
      ? (program.departmentIds[0] as string)
      : g.pick([k.dept.yorozu, k.dept.keiei, k.dept.kyogikai]),
    companyId,
    personName: companyId ? null : "匿名の相談者",
    occurredOn: on,
    outcome: g.pick(OUTCOMES),
    quantity: g.int(1, 3),
    amountYen: type === "dispatch" ? (g.chance(0.8) ? g.int(1, 50) * 1_000 : null) : g.chance(0.1) ? 500 : null,
    attributes: attributes as FactInput["attributes"],
  };
}

// ---- the naive computations over the raw facts ----------------------------------------------

/** A fact's rollup dims in SQL: its type's FACT_DIMENSIONS keys with scalar values (as dimsOf). */
const DIMS = sql.raw(`(select coalesce(jsonb_object_agg(e.k, e.v), '{}'::jsonb)
    from jsonb_each(a.attributes) e(k, v)
   where e.k in (select jsonb_array_elements_text('${JSON.stringify(FACT_DIMENSIONS)}'::jsonb -> a.type))
     and jsonb_typeof(e.v) in ('string', 'number', 'boolean'))`);

const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

async function rows(db: Executor, q: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return (await db.execute<Record<string, unknown>>(q)).rows;
}

/** Asserts that both rollup tables equal a GROUP BY over the organization's live facts. */
async function expectRollupsExact(db: Executor, orgId: string, label: string): Promise<void> {
  const daily = await rows(
    db,
    sql`select fiscal_year, program_id::text, department_id::text, type, outcome, dims::text as dims,
               occurred_on::text, facts, quantity::text, amount_yen::text
          from activity_daily where org_id = ${orgId} and facts <> 0`,
  );
  const naiveDaily = await rows(
    db,
    sql`select fiscal_year, program_id::text, department_id::text, type, coalesce(outcome, '') as outcome,
               ${DIMS}::text as dims, occurred_on::text, count(*)::int as facts, sum(quantity)::text as quantity,
               coalesce(sum(amount_yen), 0)::text as amount_yen
          from activities a where org_id = ${orgId} and voided_at is null
         group by 1, 2, 3, 4, 5, 6, 7`,
  );
  expect(sorted(daily), `${label}: activity_daily`).toEqual(sorted(naiveDaily));
  const firsts = await rows(
    db,
    sql`select fiscal_year, program_id::text, department_id::text, type, outcome, dims::text as dims,
               company_id::text, first_on::text, facts
          from activity_company_firsts where org_id = ${orgId} and facts <> 0`,
  );
  const naiveFirsts = await rows(
    db,
    sql`select fiscal_year, program_id::text, department_id::text, type, coalesce(outcome, '') as outcome,
               ${DIMS}::text as dims, company_id::text, min(occurred_on)::text as first_on, count(*)::int as facts
          from activities a where org_id = ${orgId} and voided_at is null and company_id is not null
         group by 1, 2, 3, 4, 5, 6, 7`,
  );
  expect(sorted(firsts), `${label}: activity_company_firsts`).toEqual(sorted(naiveFirsts));
  // What the comparison left out must be truly empty: no negative counts, no orphaned sums.
  const [bad] = await rows(
    db,
    sql`select (select count(*) from activity_daily where org_id = ${orgId}
                 and (facts < 0 or (facts = 0 and (quantity <> 0 or amount_yen <> 0))))::int as daily,
               (select count(*) from activity_company_firsts where org_id = ${orgId} and facts <= 0)::int as firsts`,
  );
  expect(bad, `${label}: empty rollup rows`).toEqual({ daily: 0, firsts: 0 });
  // The coarser rollups the dashboard reads: month totals, per program-type firsts, businesses per month.
  const monthly = await rows(
    db,
    sql`select fiscal_year, program_id::text, department_id::text, type, outcome, dims::text as dims,
               month::text, facts, quantity::text, amount_yen::text
          from activity_monthly where org_id = ${orgId} and facts <> 0`,
  );
  const naiveMonthly = await rows(
    db,
    sql`select fiscal_year, program_id::text, department_id::text, type, coalesce(outcome, '') as outcome,
               ${DIMS}::text as dims, date_trunc('month', occurred_on)::date::text as month, count(*)::int as facts,
               sum(quantity)::text as quantity, coalesce(sum(amount_yen), 0)::text as amount_yen
          from activities a where org_id = ${orgId} and voided_at is null
         group by 1, 2, 3, 4, 5, 6, 7`,
  );
  expect(sorted(monthly), `${label}: activity_monthly`).toEqual(sorted(naiveMonthly));
  const types = await rows(
    db,
    sql`select fiscal_year, program_id::text, type, company_id::text, first_on::text, facts
          from activity_company_types where org_id = ${orgId}`,
  );
  const naiveTypes = await rows(
    db,
    sql`select fiscal_year, program_id::text, type, company_id::text, min(occurred_on)::text as first_on,
               count(*)::int as facts
          from activities a where org_id = ${orgId} and voided_at is null and company_id is not null
         group by 1, 2, 3, 4`,
  );
  expect(sorted(types), `${label}: activity_company_types`).toEqual(sorted(naiveTypes));
  const months = await rows(
    db,
    sql`select fiscal_year, program_id::text, type, company_id::text, month::text, facts
          from activity_company_months where org_id = ${orgId}`,
  );
  const naiveMonths = await rows(
    db,
    sql`select fiscal_year, program_id::text, type, company_id::text,
               date_trunc('month', occurred_on)::date::text as month, count(*)::int as facts
          from activities a where org_id = ${orgId} and voided_at is null and company_id is not null
         group by 1, 2, 3, 4, 5`,
  );
  expect(sorted(months), `${label}: activity_company_months`).toEqual(sorted(naiveMonths));
}

/** The kit plan's count, sum and distinct indicators, restated as plain filters over the facts. */
interface Oracle {
  key: string;
  measure: "count" | "sumAmount" | "distinct";
  codes: string[];
  types: string[];
  channel?: string;
  firstQuarter?: boolean;
}
const ORACLES: Oracle[] = [
  { key: "Y/相談件数", measure: "count", codes: ["Y"], types: ["consultation", "visit"] },
  { key: "Y/課題解決件数", measure: "count", codes: ["Y"], types: ["issue_resolved"] },
  { key: "Y/支援事業者数（名寄せ後）", measure: "distinct", codes: ["Y"], types: ["consultation", "visit"] },
  { key: "Y/訪問件数", measure: "count", codes: ["Y"], types: ["consultation", "visit"], channel: "visit" },
  { key: "Y/第1四半期相談件数", measure: "count", codes: ["Y"], types: ["consultation", "visit"], firstQuarter: true },
  { key: "D/専門家派遣回数", measure: "count", codes: ["D", "D-1"], types: ["dispatch"] },
  { key: "D/派遣謝金", measure: "sumAmount", codes: ["D", "D-1"], types: ["dispatch"] },
  { key: "R/再生相談件数", measure: "count", codes: ["R"], types: ["consultation"] },
];

/** Per month (0 = April) of the year up to the as-of day: facts, amounts, or new entities. */
async function naiveMonthly(o: Oracle, fiscalYear: number, asOf: string): Promise<number[]> {
  const ids = await Promise.all(o.codes.map(async (c) => (await k.program(fiscalYear, c)).id));
  const where = sql.join(
    [
      sql`a.org_id = ${k.orgId}`,
      sql`a.voided_at is null`,
      sql`a.fiscal_year = ${fiscalYear}`,
      sql`a.occurred_on <= ${asOf}`,
      sql`a.program_id = any(string_to_array(${ids.join(",")}, ',')::uuid[])`,
      sql`a.type = any(string_to_array(${o.types.join(",")}, ','))`,
      o.channel ? sql`a.attributes ->> 'channel' = ${o.channel}` : sql`true`,
      o.firstQuarter ? sql`extract(month from a.occurred_on) in (4, 5, 6)` : sql`true`,
    ],
    sql` and `,
  );
  const month = (col: string) => sql.raw(`((extract(month from ${col})::int + 8) % 12)`);
  const q =
    o.measure === "distinct"
      ? sql`select ${month("first")} as m, count(*)::int as n
              from (select e.entity, min(a.occurred_on) as first
                      from activities a join company_entities e on e.org_id = a.org_id and e.company_id = a.company_id
                     where ${where} group by e.entity) x
             group by 1`
      : sql`select ${month("a.occurred_on")} as m,
                   ${o.measure === "count" ? sql`count(*)` : sql`coalesce(sum(a.amount_yen), 0)`}::int as n
              from activities a where ${where} group by 1`;
  const out = Array(12).fill(0) as number[];
  for (const r of await rows(t.database.db, q)) out[r.m as number] = r.n as number;
  return out;
}

async function expectDashboardExact(fiscalYear: number, asOf: string, label: string): Promise<void> {
  const d = await getDashboard(t.database.db, sys(), { fiscalYear, asOf });
  const items = new Map(d.items.map((i) => [`${i.programCode}/${i.name}`, i]));
  const open = monthIndex(d.asOf);
  for (const o of ORACLES) {
    const monthly = await naiveMonthly(o, fiscalYear, d.asOf);
    const item = items.get(o.key);
    const where = `${label}: FY${fiscalYear} as of ${d.asOf}, ${o.key}`;
    expect(item?.actual, where).toBe(monthly.reduce((a, b) => a + b, 0));
    if (!o.firstQuarter) expect(item?.monthly, where).toEqual(monthly.map((n, m) => (m <= open ? n : null)));
  }
  // The ratio over the same facts: 課題解決 / 紹介 ×100, no value when nothing was referred.
  const num = await naiveMonthly(
    { key: "", measure: "count", codes: ["Y"], types: ["issue_resolved"] },
    fiscalYear,
    d.asOf,
  );
  const den = await naiveMonthly(
    { key: "", measure: "count", codes: ["Y"], types: ["referral_sent"] },
    fiscalYear,
    d.asOf,
  );
  const [n, dn] = [num, den].map((xs) => xs.reduce((a, b) => a + b, 0)) as [number, number];
  expect(items.get("Y/解決率")?.actual, `${label}: 解決率`).toBe(dn === 0 ? null : Math.round((n / dn) * 10_000) / 100);
}

// ---- the rounds ---------------------------------------------------------------------------

interface World {
  companies: string[];
  /** Records (sources) whose facts can be voided or replaced, with the facts they now imply. */
  sources: Map<string, FactInput[]>;
  merges: string[];
}

async function writeBatch(g: Gen, w: World): Promise<void> {
  const size = g.pick([1, 1, 2, 3, 5, 8, 13]);
  const inputs = await Promise.all(Array.from({ length: size }, () => randomFact(g, w.companies)));
  const db = t.database.db;
  if (g.chance(0.4)) {
    // As the CLI import writes them: no record behind, never voided.
    await db.transaction((tx) => recordFact(tx, sys(), { module: "import", id: null }, inputs));
    return;
  }
  const id = randomUUID();
  await db.transaction((tx) => syncFacts(tx, sys(), { module: "consultations", id }, inputs, "作成"));
  w.sources.set(id, inputs);
}

async function changeRecord(g: Gen, w: World): Promise<void> {
  const ids = [...w.sources.keys()];
  if (ids.length === 0) return;
  const id = g.pick(ids);
  const source = { module: "consultations" as const, id };
  const db = t.database.db;
  if (g.chance(0.4)) {
    await db.transaction((tx) => voidFactsOf(tx, sys(), source, "取消"));
    w.sources.delete(id);
    return;
  }
  // An edit: some facts stay, some go, some come (syncFacts voids and writes the difference).
  const kept = (w.sources.get(id) ?? []).filter(() => g.chance(0.5));
  const added = await Promise.all(Array.from({ length: g.int(0, 3) }, () => randomFact(g, w.companies)));
  const desired = [...kept, ...added];
  await db.transaction((tx) => syncFacts(tx, sys(), source, desired, "修正"));
  w.sources.set(id, desired);
}

async function mergeOrUndo(g: Gen, w: World): Promise<void> {
  if (w.merges.length > 0 && g.chance(0.4)) {
    // a random merge; one that a later merge built on is refused (merges are undone last first),
    // and then the latest is undone instead
    const i = g.int(0, w.merges.length - 1);
    try {
      await undoMerge(t.database.db, sys(), w.merges[i] as string);
      w.merges.splice(i, 1);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== "CONFLICT") throw e;
      await undoMerge(t.database.db, sys(), w.merges.pop() as string);
    }
    return;
  }
  const a = g.pick(w.companies);
  const b = g.pick(w.companies);
  if (a === b) return;
  w.merges.push((await mergeCompanies(t.database.db, sys(), [a, b])).mergeId);
}

const ASOF_2025 = ["2025-04-01", "2025-06-30", "2025-12-15", "2026-03-30", "2026-03-31"];
const ASOF_2026 = ["2026-04-01", "2026-07-01", "2026-11-20", "2027-03-31"];

describe("rollups and dashboard against naive computation on random data", () => {
  it.each([20260401, 7, 424242])(
    "when random facts are written, voided, replaced and their businesses merged and unmerged (seed %i), then after each round the rollups and the figures equal the naive computation",
    async (seed) => {
      const g = new Gen(seed);
      const w: World = { companies: [], sources: new Map(), merges: [] };
      for (let i = 0; i < 10; i++) w.companies.push(await k.company(`乱数商事${seed}-${i}`));
      for (let round = 1; round <= 5; round++) {
        const steps = g.int(8, 16);
        for (let s = 0; s < steps; s++) {
          const r = g.next();
          if (r < 0.6) await writeBatch(g, w);
          else if (r < 0.85) await changeRecord(g, w);
          else await mergeOrUndo(g, w);
        }
        const label = `seed ${seed} round ${round}`;
        await expectRollupsExact(t.database.db, k.orgId, label);
        await expectDashboardExact(2025, g.pick(ASOF_2025), label);
        await expectDashboardExact(2026, g.pick(ASOF_2026), label);
        await expectDashboardExact(2026, "2027-03-31", label);
      }
    },
  );
});
