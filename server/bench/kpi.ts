import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FactType, Metric } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { systemActor } from "../src/http/actor.js";
import { mulberry32 } from "../src/lib/prng.js";
import { type FactInput, recordFact } from "../src/modules/activities/index.js";
import { mergeCompanies, undoMerge } from "../src/modules/companies/dedupe.service.js";
import { createCompany } from "../src/modules/companies/index.js";
import { createDepartment } from "../src/modules/departments/index.js";
import { getDashboard } from "../src/modules/kpi/index.js";
import { evaluateIndicator, yearContext } from "../src/modules/kpi/kpi.service.js";
import { createOrganization } from "../src/modules/organizations/index.js";
import { importPlanText, type SupportProgram, supportProgramByCode } from "../src/modules/plans/index.js";
import { openRuntime } from "../src/runtime.js";
import { machineLine, percentile } from "./machine.js";

/**
 * The KPI engine at scale (issue 6), in a real (embedded) PostgreSQL: one organization-year with
 * N facts (1,000,000 by default) over 2,000 businesses, some merged by 名寄せ, and a plan of 31
 * indicators using every measure (count, distinct businesses, sums of amounts and quantities,
 * ratios, quarter / month / custom-range periods, attribute, outcome, department and program
 * filters, manual and pending figures). Prints, side by side: the full dashboard (rollups only),
 * a fact's way from its insert to the dashboard, fact insert throughput with rollup maintenance,
 * and the naive GROUP BY over the raw facts. Measures; asserts nothing.
 *
 * The bulk load bypasses `recordFact` on purpose: a million facts through the application would
 * take the better part of an hour and measure nothing this benchmark is about. The facts are
 * inserted with one INSERT … SELECT over generate_series, and the rollups are then built with the
 * very statements of migrations 0010 and 0014 (which built them for facts written before it). Everything
 * measured afterwards — inserts included — goes through the application's own code.
 */

const FY = 2026;
const AS_OF = "2027-03-31";

const plan = (slug: string) => `
org: ${slug}
fiscalYear: ${FY}
title: ベンチマーク計画
status: adopted
source: bench
tree:
  - group:
      numbering: "1"
      title: 経営支援
      children:
        - program:
            numbering: "(1)"
            code: "Y"
            name: よろず支援拠点事業
            status: continuing
            kinds: [consultation]
            departments: [よろず支援拠点]
            indicators:
              - { category: activity, name: 相談件数, unit: 件, target: 200000, metric: { measure: count, types: [consultation, visit] } }
              - { category: priority, name: 課題解決件数, unit: 件, target: 50000, metric: { measure: count, types: [issue_resolved] } }
              - { category: activity, name: 支援事業者数, unit: 者, target: 1500, metric: { measure: distinctCompanies, types: [consultation, visit] } }
              - { category: activity, name: 訪問件数, unit: 件, target: 50000, metric: { measure: count, types: [consultation, visit], attributes: { channel: visit } } }
              - { category: reference, name: 第1四半期相談件数, unit: 件, target: null, metric: { measure: count, types: [consultation, visit], period: { quarter: 1 } } }
              - { category: reference, name: 解決率, unit: "%", target: 50, metric: { measure: ratio, percent: true, numerator: { types: [issue_resolved] }, denominator: { types: [consultation, visit] } } }
              - { category: reference, name: 第2四半期支援事業者数, unit: 者, target: null, metric: { measure: distinctCompanies, types: [consultation, visit], period: { quarter: 2 } } }
              - { category: reference, name: 解決済み相談件数, unit: 件, target: null, metric: { measure: count, types: [consultation, visit], outcomes: [resolved] } }
              - { category: reference, name: 1月相談件数, unit: 件, target: null, metric: { measure: count, types: [consultation, visit], period: { month: 1 } } }
              - { category: reference, name: 入場者数, unit: 人, target: 1000, metric: { measure: manual } }
              - { category: reference, name: 受講者数, unit: 人, target: 100, metric: { measure: pending, feed: seminars } }
              - { category: reference, name: 課題解決事業者率, unit: "%", target: 60, metric: { measure: ratio, percent: true, numerator: { measure: distinctCompanies, types: [issue_resolved] }, denominator: { measure: distinctCompanies, types: [consultation, visit] } } }
              - { category: reference, name: 機関への橋渡し件数, unit: 件, target: null, metric: { measure: count, types: [referral_sent], attributes: { agency: [商工会, 金融機関] } } }
        - program:
            numbering: "(2)"
            code: "D"
            name: 専門家派遣事業
            status: continuing
            kinds: [dispatch]
            departments: [経営支援課]
            indicators:
              - { category: priority, name: 専門家派遣回数, unit: 回, target: 100000, metric: { measure: count, types: [dispatch] } }
              - { category: reference, name: 派遣謝金, unit: 円, target: null, metric: { measure: sum, of: amount, types: [dispatch] } }
              - { category: activity, name: 派遣先事業者数, unit: 者, target: 1000, metric: { measure: distinctCompanies, types: [dispatch] } }
              - { category: reference, name: 一般枠派遣回数, unit: 回, target: null, metric: { measure: count, types: [dispatch], attributes: { frame: 一般枠 } } }
              - { category: reference, name: 派遣日数, unit: 日, target: null, metric: { measure: sum, of: quantity, types: [dispatch] } }
              - { category: reference, name: 制度派遣回数, unit: 回, target: null, metric: { measure: count, types: [dispatch], programs: [D-1] } }
              - { category: reference, name: 上期派遣謝金, unit: 円, target: null, metric: { measure: sum, of: amount, types: [dispatch], period: { from: "2026-04-01", to: "2026-09-30" } } }
            subPrograms:
              - numbering: "①"
                code: "D-1"
                name: 専門家派遣制度
                kinds: [dispatch]
              - numbering: "②"
                code: "D-2"
                name: 事業承継派遣
                kinds: [dispatch]
        - program:
            numbering: "(3)"
            code: "R"
            name: 中小企業活性化事業
            status: continuing
            kinds: [consultation]
            departments: [中小企業活性化協議会]
            indicators:
              - { category: activity, name: 再生相談件数, unit: 件, target: 40000, metric: { measure: count, types: [consultation] } }
              - { category: activity, name: 再生相談事業者数, unit: 者, target: 300, metric: { measure: distinctCompanies, types: [consultation] } }
              - { category: priority, name: 再生計画策定件数, unit: 件, target: 10000, metric: { measure: count, types: [issue_resolved] } }
              - { category: reference, name: 再生計画策定率, unit: "%", target: 25, metric: { measure: ratio, percent: true, numerator: { types: [issue_resolved] }, denominator: { types: [consultation] } } }
        - program:
            numbering: "(4)"
            code: "S"
            name: 創業・事業承継支援事業
            status: continuing
            kinds: [consultation, matching]
            departments: [創業支援課]
            indicators:
              - { category: activity, name: 創業相談件数, unit: 件, target: 150000, metric: { measure: count, types: [consultation, visit], departments: [創業支援課] } }
              - { category: priority, name: 第三者承継成約件数, unit: 件, target: 20000, metric: { measure: count, types: [deal_closed], attributes: { kind: 第三者承継 } } }
              - { category: activity, name: 成約事業者数, unit: 者, target: 1000, metric: { measure: distinctCompanies, types: [deal_closed] } }
              - { category: activity, name: 成約件数, unit: 件, target: 90000, metric: { measure: count, types: [deal_closed] } }
              - { category: reference, name: セミナー参加者数, unit: 人, target: 500, metric: { measure: manual } }
              - { category: reference, name: 創業者数, unit: 者, target: 100, metric: { measure: pending, feed: startups } }
              - { category: reference, name: センター全体の支援件数, unit: 件, target: null, metric: { measure: count, types: [consultation, visit, dispatch], programs: [Y, D, S] } }
`;

const ms = (n: number) => `${n.toFixed(1)} ms`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) as number };
};
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

export async function kpiBench(opts: { facts: number; companies: number; runs: number }): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "shien-bench-kpi-"));
  const config = loadConfig({ SHIEN_DATA_DIR: path.join(dir, "data"), SHIEN_ADMIN_PASSWORD: "bench-admin-password" });
  const database = await openRuntime(config, () => {});
  const db = database.db;
  try {
    console.log(machineLine());
    const { orgId, actor, prog, dept, companyIds, pairs, seconds } = await prepareOrgYear(db, opts);
    const size = (
      await db.execute<{ facts: number; daily: number; firsts: number; entities: number; bytes: string }>(sql`
        select (select count(*) from activities where org_id = ${orgId})::int as facts,
               (select count(*) from activity_daily where org_id = ${orgId})::int as daily,
               (select count(*) from activity_company_firsts where org_id = ${orgId})::int as firsts,
               (select count(distinct entity) from company_entities where org_id = ${orgId})::int as entities,
               pg_size_pretty(pg_total_relation_size('activities')) as bytes`)
    ).rows[0] as { facts: number; daily: number; firsts: number; entities: number; bytes: string };

    // ---- (a) the full dashboard, from the rollups ----------------------------------------------
    const dashboard = () => getDashboard(db, actor, { fiscalYear: FY, asOf: AS_OF });
    for (let i = 0; i < 3; i++) await dashboard(); // warm-up
    const dashTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < opts.runs; i++) {
      const [t, d] = await timed(dashboard);
      dashTimes.push(t);
      items = d.items.length;
    }
    const dash = stats(dashTimes);

    // ---- (d) the naive computation over the raw facts, same data -----------------------------
    const naive = () =>
      Promise.all([
        db.execute(sql`
          select program_id, type, count(*)::int as facts, sum(quantity)::bigint as quantity,
                 coalesce(sum(amount_yen), 0)::bigint as amount
            from activities
           where org_id = ${orgId} and fiscal_year = ${FY} and voided_at is null and occurred_on <= ${AS_OF}
           group by 1, 2`),
        db.execute(sql`
          select a.program_id,
                 count(distinct e.entity) filter (where a.type in ('consultation', 'visit')) as consulted,
                 count(distinct e.entity) filter (where a.type = 'dispatch') as dispatched,
                 count(distinct e.entity) filter (where a.type = 'deal_closed') as closed,
                 count(distinct e.entity) filter (where a.type = 'issue_resolved') as resolved
            from activities a join company_entities e on e.org_id = a.org_id and e.company_id = a.company_id
           where a.org_id = ${orgId} and a.fiscal_year = ${FY} and a.voided_at is null and a.occurred_on <= ${AS_OF}
           group by 1`),
      ]);
    await naive(); // warm-up
    const naiveTimes: number[] = [];
    for (let i = 0; i < 5; i++) naiveTimes.push((await timed(naive))[0]);
    const naiveStats = stats(naiveTimes);

    // Cross-check: the dashboard's figure and the raw facts agree after the bulk load.
    const check = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from activities
       where org_id = ${orgId} and program_id = ${prog("Y").id} and type in ('consultation', 'visit') and voided_at is null`);
    const actualOf = async (name: string) =>
      (await dashboard()).items.find((i) => i.programCode === "Y" && i.name === name)?.actual as number;
    const agree = (await actualOf("相談件数")) === check.rows[0]?.n;

    // ---- (b) a fact's way from insert to the dashboard -----------------------------------------
    const rnd = mulberry32(2026);
    const visTimes: number[] = [];
    const commitTimes: number[] = [];
    let rereads = 0;
    for (let i = 0; i < 20; i++) {
      const before = await actualOf("相談件数");
      const fact = consultationFact(prog("Y"), dept.yorozu, companyIds, rnd);
      const tStart = performance.now();
      await db.transaction((tx) => recordFact(tx, actor, { module: "import", id: null }, fact));
      commitTimes.push(performance.now() - tStart);
      while ((await actualOf("相談件数")) === before) {
        if (++rereads > 100) throw new Error("a recorded fact never reached the dashboard");
      }
      visTimes.push(performance.now() - tStart);
    }
    const vis = stats(visTimes);

    // ---- (c) insert throughput with rollup maintenance -------------------------------------
    const throughput = async (total: number, batch: number) => {
      const facts = Array.from({ length: total }, () => randomFact(prog, dept, companyIds, rnd));
      const t = performance.now();
      for (let i = 0; i < total; i += batch) {
        const slice = facts.slice(i, i + batch);
        await db.transaction((tx) => recordFact(tx, actor, { module: "import", id: null }, slice));
      }
      return total / ((performance.now() - t) / 1000);
    };
    const inserts = Number(process.env.KPI_BENCH_INSERTS ?? 5000);
    const perSecond1 = await throughput(inserts, 1);
    const perSecond100 = await throughput(inserts, 100);
    // The same rows into a plain copy of the fact table (same indexes, no rollups): what the rollups cost.
    await db.execute(sql`create table bench_plain_facts (like activities including defaults including indexes)`);
    const plainThroughput = async (total: number, batch: number) => {
      const rows = Array.from({ length: total }, () => plainRow(orgId, randomFact(prog, dept, companyIds, rnd)));
      const t = performance.now();
      for (let i = 0; i < total; i += batch) {
        const json = JSON.stringify(rows.slice(i, i + batch));
        await db.transaction((tx) =>
          tx.execute(sql`
            insert into bench_plain_facts (${sql.raw(PLAIN_COLUMNS)})
            select ${sql.raw(PLAIN_COLUMNS)} from json_populate_recordset(null::bench_plain_facts, ${json}::json)`),
        );
      }
      return total / ((performance.now() - t) / 1000);
    };
    const plain1 = await plainThroughput(inserts, 1);
    const plain100 = await plainThroughput(inserts, 100);
    await db.execute(sql`drop table bench_plain_facts`);
    const afterTimes: number[] = [];
    for (let i = 0; i < 5; i++) afterTimes.push((await timed(dashboard))[0]);
    const after = stats(afterTimes);

    // ---- where the dashboard's time goes: each piece alone ----------------------------------
    const median = async (fn: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) xs.push((await timed(fn))[0]);
      return stats(xs).p50;
    };
    const ctx = await yearContext(db, orgId, FY, AS_OF);
    const contextMs = await median(() => yearContext(db, orgId, FY, AS_OF));
    const byKind = new Map<string, { n: number; total: number; max: number; maxName: string }>();
    for (const def of ctx.catalog.indicators) {
      // A fresh context per run: the dashboard shares distinct counts between indicators, which
      // would make every run after the first look free.
      const t = (await median(async () => evaluateIndicator(await yearContext(db, orgId, FY, AS_OF), def))) - contextMs;
      const kind = kindOf(def.metric);
      const k = byKind.get(kind) ?? { n: 0, total: 0, max: 0, maxName: "" };
      k.n += 1;
      k.total += t;
      if (t > k.max) Object.assign(k, { max: t, maxName: `${def.programCode}/${def.name}` });
      byKind.set(kind, k);
    }

    const n = (x: number) => x.toLocaleString("en-US");
    console.log(
      `kpi: FY${FY}, ${n(size.facts)} facts over ${n(opts.companies)} companies (${n(size.entities)} businesses after ${pairs} merges, ${Math.floor(pairs / 10)} undone); raw facts ${size.bytes}`,
    );
    console.log(
      `  setup: companies and merges ${seconds.companies.toFixed(1)} s; bulk load (SQL, bypassing recordFact) ${seconds.load.toFixed(1)} s; rollups as migrations 0010 and 0014 build them ${seconds.rollups.toFixed(1)} s → activity_daily ${n(size.daily)} rows, activity_company_firsts ${n(size.firsts)} rows`,
    );
    console.log(`  dashboard figure equals the raw facts after the load: ${agree ? "yes" : "NO"}`);
    console.log("                                               p50         p95         max");
    const row = (label: string, s: { p50: number; p95: number; max: number }, note: string) =>
      console.log(
        `  ${label.padEnd(43)}${ms(s.p50).padStart(10)}  ${ms(s.p95).padStart(10)}  ${ms(s.max).padStart(10)}   ${note}`,
      );
    row(`full dashboard, ${items} indicators (rollups)`, dash, `${opts.runs} runs; target ≤ 100 ms p95`);
    row("naive GROUP BY over the raw facts", naiveStats, "5 runs; counts/sums per program·type + distinct entities");
    row("fact insert → visible on the dashboard", vis, "20 runs; recordFact + commit, then dashboard reads");
    row(
      "  of which recordFact + commit",
      stats(commitTimes),
      `visible at the first read after commit: ${20 - rereads}/20`,
    );
    row("dashboard after the inserts below", after, "5 runs");
    console.log(
      `  naive / dashboard at p50: ${(naiveStats.p50 / dash.p50).toFixed(1)}× (the naive figures are a subset of the dashboard's)`,
    );
    console.log(
      `  fact insert throughput, ${n(inserts)} facts, one transaction per batch:   batch of 1      batch of 100`,
    );
    const tp = (label: string, a: number, b: number) =>
      console.log(
        `    ${label.padEnd(62)}${`${n(Math.round(a))} facts/s`.padStart(14)}  ${`${n(Math.round(b))} facts/s`.padStart(16)}`,
      );
    tp("recordFact, with rollup maintenance", perSecond1, perSecond100);
    tp("plain insert into a copy of the fact table (no rollups)", plain1, plain100);
    console.log(
      `  where the dashboard's time goes, each piece alone (p50 of 5): year context (plan, departments, month totals from the month and day rollups) ${ms(contextMs)}; then each indicator alone, context time subtracted`,
    );
    for (const [kind, k] of [...byKind.entries()].sort((a, b) => b[1].total - a[1].total)) {
      console.log(
        `    ${`${kind} ×${k.n}`.padEnd(48)} Σ ${ms(k.total).padStart(9)}   slowest ${ms(k.max).padStart(9)} (${k.maxName})`,
      );
    }
  } finally {
    await database.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

const PLAIN_COLUMNS =
  "org_id, fiscal_year, program_id, department_id, company_id, person_name, occurred_on, type, outcome, quantity, amount_yen, attributes, source_module, recorded_by_label, confidential";

function plainRow(orgId: string, f: FactInput) {
  return {
    org_id: orgId,
    fiscal_year: FY,
    program_id: f.program.id,
    department_id: f.departmentId,
    company_id: f.companyId,
    person_name: f.personName ?? null,
    occurred_on: f.occurredOn,
    type: f.type,
    outcome: f.outcome ?? null,
    quantity: f.quantity ?? 1,
    amount_yen: f.amountYen ?? null,
    attributes: f.attributes,
    source_module: "import",
    recorded_by_label: "bench",
    confidential: f.program.confidential,
  };
}

/** How an indicator is computed, for the breakdown of the dashboard's time. */
function kindOf(metric: Metric | null): string {
  if (!metric) return "no metric";
  if (metric.measure === "manual" || metric.measure === "pending") return "manual / pending";
  const period = metric.period
    ? "quarter" in metric.period || "month" in metric.period
      ? " (quarter/month)"
      : " (from–to)"
    : "";
  if (metric.measure === "distinctCompanies")
    return metric.period
      ? "distinctCompanies with a period (per-month business rollup)"
      : "distinctCompanies (first-fact rollups)";
  if (metric.measure === "ratio") {
    const distinct = [metric.numerator, metric.denominator].some((p) => p.measure === "distinctCompanies");
    return `ratio${distinct ? " of distinct counts" : ""}${period}`;
  }
  return `${metric.measure}${period}`;
}

type Dept = { yorozu: string; keiei: string; kyogikai: string; sogyo: string };

export interface OrgYear {
  orgId: string;
  actor: ReturnType<typeof systemActor>;
  prog: (code: string) => SupportProgram;
  dept: Dept;
  companyIds: string[];
  pairs: number;
  seconds: { companies: number; load: number; rollups: number };
}

/** The organization, its plan, businesses (some merged) and facts with their rollups. */
export async function prepareOrgYear(db: Db, opts: { facts: number; companies: number }): Promise<OrgYear> {
  const org = await createOrganization(db, { slug: `kbench${Date.now() % 100000}`, name: "KPIベンチマークセンター" });
  const actor = systemActor(org.id, "bench");
  const dept = {
    yorozu: (await createDepartment(db, actor, { code: "yorozu", name: "よろず支援拠点" })).id,
    keiei: (await createDepartment(db, actor, { code: "keiei", name: "経営支援課" })).id,
    kyogikai: (await createDepartment(db, actor, { code: "kyogikai", name: "中小企業活性化協議会" })).id,
    sogyo: (await createDepartment(db, actor, { code: "sogyo", name: "創業支援課" })).id,
  };
  await importPlanText(db, plan(org.slug), "kpi-bench.yaml");
  const programs = new Map<string, SupportProgram>();
  for (const code of ["Y", "D", "D-1", "D-2", "R", "S"]) {
    const p = await supportProgramByCode(db, org.id, FY, code);
    if (!p) throw new Error(`no program ${code}`);
    programs.set(code, p);
  }
  const prog = (code: string) => programs.get(code) as SupportProgram;

  // ---- the organization-year ----------------------------------------------------------------
  let t0 = performance.now();
  const companyIds: string[] = [];
  for (let i = 0; i < opts.companies; i++) {
    companyIds.push((await createCompany(db, actor, { name: `ベンチ商事${String(i).padStart(4, "0")}` })).id);
  }
  // 名寄せ: 100 pairs made one business each; 10 of those merges undone again.
  const merges: string[] = [];
  const pairs = Math.min(100, Math.floor(opts.companies / 4));
  for (let i = 0; i < pairs; i++) {
    merges.push(
      (await mergeCompanies(db, actor, [companyIds[2 * i] as string, companyIds[2 * i + 1] as string])).mergeId,
    );
  }
  for (const id of merges.slice(0, Math.floor(pairs / 10))) await undoMerge(db, actor, id);
  const companiesSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  await bulkLoad(db, org.id, opts.facts, prog, dept);
  const loadSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await buildRollups(db, org.id);
  const rollupSeconds = (performance.now() - t0) / 1000;
  // Statistics as autovacuum would have them a minute later (the businesses were created just now).
  await db.execute(
    sql`vacuum analyze companies, activities, activity_daily, activity_company_firsts, activity_monthly, activity_company_types, activity_company_months`,
  );
  return {
    orgId: org.id,
    actor,
    prog,
    dept,
    companyIds,
    pairs,
    seconds: { companies: companiesSeconds, load: loadSeconds, rollups: rollupSeconds },
  };
}

function consultationFact(p: SupportProgram, departmentId: string, companies: string[], rnd: () => number): FactInput {
  const day = new Date(Date.UTC(FY, 3, 1) + Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10);
  return {
    type: "consultation",
    program: p,
    departmentId,
    companyId: companies[Math.floor(rnd() * companies.length)] as string,
    occurredOn: day,
    attributes: { channel: "window", topics: [], durationMinutes: null, staffCount: 1 },
  };
}

function randomFact(
  prog: (code: string) => SupportProgram,
  dept: Dept,
  companies: string[],
  rnd: () => number,
): FactInput {
  const day = new Date(Date.UTC(FY, 3, 1) + Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10);
  const companyId = rnd() < 0.92 ? (companies[Math.floor(rnd() * companies.length)] as string) : null;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const r = rnd();
  const base = {
    companyId,
    personName: companyId ? null : "匿名の相談者",
    occurredOn: day,
    outcome: pick([null, "resolved"]),
  };
  if (r < 0.45) {
    const type = pick(["consultation", "visit"] as const);
    return {
      ...base,
      type,
      program: prog("Y"),
      departmentId: dept.yorozu,
      attributes: {
        channel: pick(["window", "visit", "phone", "online"]),
        topics: [],
        durationMinutes: 60,
        staffCount: 1,
      },
    };
  }
  if (r < 0.6) {
    const p = prog(pick(["D", "D-1", "D-2"]));
    return {
      ...base,
      type: "dispatch" as FactType,
      program: p,
      departmentId: dept.keiei,
      quantity: 1 + Math.floor(rnd() * 3),
      amountYen: 10_000 * (1 + Math.floor(rnd() * 10)),
      attributes: { frameId: p.id, frame: pick(["一般枠", "復興枠", "事業承継枠"]), expertId: p.id, minutes: 120 },
    };
  }
  if (r < 0.7)
    return {
      ...base,
      type: "issue_resolved",
      program: prog("R"),
      departmentId: dept.kyogikai,
      attributes: { topics: [] },
    };
  return {
    ...base,
    type: "deal_closed",
    program: prog("S"),
    departmentId: dept.sogyo,
    attributes: { kind: pick(["親族内承継", "第三者承継", "取引あっせん"]) },
  };
}

/**
 * N facts in one statement, with the application's shapes (attributes as each type's schema has
 * them, confidential as the program says): よろず 45 % (consultation, visit, issue_resolved,
 * referral_sent), 派遣 15 % over D / D-1 / D-2 (dispatch with fees and days), 再生 10 %
 * (consultation, issue_resolved), 創業 30 % (consultation, visit, deal_closed); one in ten facts
 * filed under another department; 8 % anonymous persons; the rest over the businesses, a few of
 * them far busier than most. Deterministic (setseed).
 */
async function bulkLoad(
  db: Db,
  orgId: string,
  n: number,
  prog: (code: string) => SupportProgram,
  dept: Dept,
): Promise<void> {
  const P = (code: string) => prog(code).id;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.2026)`);
    await tx.execute(sql`
      with p(code, lo, hi, id, dept, confidential) as (values
             ('Y', 0.00, 0.45, ${P("Y")}::uuid, ${dept.yorozu}::uuid, ${prog("Y").confidential}::boolean),
             ('D', 0.45, 0.52, ${P("D")}::uuid, ${dept.keiei}::uuid, ${prog("D").confidential}::boolean),
             ('D', 0.52, 0.57, ${P("D-1")}::uuid, ${dept.keiei}::uuid, ${prog("D-1").confidential}::boolean),
             ('D', 0.57, 0.60, ${P("D-2")}::uuid, ${dept.keiei}::uuid, ${prog("D-2").confidential}::boolean),
             ('R', 0.60, 0.70, ${P("R")}::uuid, ${dept.kyogikai}::uuid, ${prog("R").confidential}::boolean),
             ('S', 0.70, 1.01, ${P("S")}::uuid, ${dept.sogyo}::uuid, ${prog("S").confidential}::boolean)),
           t(code, lo, hi, type) as (values
             ('Y', 0.00, 0.50, 'consultation'), ('Y', 0.50, 0.70, 'visit'),
             ('Y', 0.70, 0.85, 'issue_resolved'), ('Y', 0.85, 1.01, 'referral_sent'),
             ('D', 0.00, 1.01, 'dispatch'),
             ('R', 0.00, 0.70, 'consultation'), ('R', 0.70, 1.01, 'issue_resolved'),
             ('S', 0.00, 0.50, 'consultation'), ('S', 0.50, 0.70, 'visit'), ('S', 0.70, 1.01, 'deal_closed')),
           c as (select id, (row_number() over (order by name) - 1)::int as i from companies where org_id = ${orgId}),
           r0 as (select random() as rp, random() as rt, random() as rd, random() as rc, random() as rday,
                         random() as ra, random() as ro, random() as rq
                    from generate_series(1, ${n}) g),
           r as (select r0.*, case when rc < 0.92 then floor(power(rc / 0.92, 1.5) * (select count(*) from c))::int end as ci
                   from r0)
      insert into activities (org_id, fiscal_year, program_id, department_id, company_id, person_name, occurred_on,
                              type, outcome, quantity, amount_yen, attributes, source_module, recorded_by_label, confidential)
      select ${orgId}::uuid, ${FY}, p.id,
             case when r.rd < 0.9 then p.dept else ${dept.yorozu}::uuid end,
             c.id, case when c.id is null then '匿名の相談者' end,
             ${`${FY}-04-01`}::date + floor(r.rday * 365)::int,
             t.type,
             case when r.ro < 0.6 then null when r.ro < 0.8 then 'resolved' else 'continuing' end,
             case when t.type = 'dispatch' then 1 + floor(r.rq * 3)::int else 1 end,
             case when t.type = 'dispatch' then 10000 * (1 + floor(r.ra * 10)::int) end,
             case t.type
               when 'consultation' then jsonb_build_object('channel',
                 (array['window', 'visit', 'phone', 'online', 'outreach', 'satellite'])[1 + floor(r.ra * 6)::int],
                 'topics', '[]'::jsonb, 'durationMinutes', 60, 'staffCount', 1)
               when 'visit' then jsonb_build_object('channel', 'visit', 'topics', '[]'::jsonb, 'durationMinutes', 60, 'staffCount', 1)
               when 'dispatch' then jsonb_build_object('frameId', p.id,
                 'frame', (array['一般枠', '復興枠', '事業承継枠'])[1 + floor(r.ra * 3)::int], 'expertId', p.id, 'minutes', 120)
               when 'referral_sent' then jsonb_build_object('target', 'agency', 'toDepartmentId', null,
                 'agency', (array['商工会', '金融機関', '商工会議所', '信用保証協会'])[1 + floor(r.ra * 4)::int])
               when 'deal_closed' then jsonb_build_object('kind',
                 (array['親族内承継', '第三者承継', '取引あっせん', '副業・兼業'])[1 + floor(r.ra * 4)::int])
               else jsonb_build_object('topics', '[]'::jsonb)
             end,
             'import', 'bench', p.confidential
        from r
        join p on r.rp >= p.lo and r.rp < p.hi
        join t on t.code = p.code and r.rt >= t.lo and r.rt < t.hi
        left join c on c.i = r.ci`);
  });
}

/**
 * The rollups of the loaded facts, built with the statements of migrations 0010 and 0014 (for this organization).
 * OR REPLACE: the pooled session that ran the migrations may still hold its temporary function.
 */
async function buildRollups(db: Db, orgId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      CREATE OR REPLACE FUNCTION pg_temp.fact_dims(attributes jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT COALESCE(jsonb_object_agg(k, v), '{}'::jsonb) FROM jsonb_each(attributes) e(k, v)
         WHERE k IN ('channel', 'target', 'agency', 'frame', 'kind', 'indicatorId', 'course', 'type') AND jsonb_typeof(v) IN ('string', 'number', 'boolean')
      $$`);
    await tx.execute(sql`
      INSERT INTO activity_daily (org_id, fiscal_year, program_id, department_id, type, outcome, dims, occurred_on, facts, quantity, amount_yen)
        SELECT org_id, fiscal_year, program_id, department_id, type, COALESCE(outcome, ''), pg_temp.fact_dims(attributes), occurred_on,
               count(*), sum(quantity), COALESCE(sum(amount_yen), 0)
          FROM activities WHERE voided_at IS NULL AND org_id = ${orgId}
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
    await tx.execute(sql`
      INSERT INTO activity_company_firsts (org_id, fiscal_year, program_id, department_id, type, outcome, dims, company_id, first_on, facts)
        SELECT org_id, fiscal_year, program_id, department_id, type, COALESCE(outcome, ''), pg_temp.fact_dims(attributes), company_id,
               min(occurred_on), count(*)
          FROM activities WHERE voided_at IS NULL AND company_id IS NOT NULL AND org_id = ${orgId}
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
    // Migration 0014's statements: the month rollups the dashboard reads.
    await tx.execute(sql`
      INSERT INTO activity_monthly (org_id, fiscal_year, program_id, department_id, type, outcome, dims, month, facts, quantity, amount_yen)
        SELECT org_id, fiscal_year, program_id, department_id, type, outcome, dims, date_trunc('month', occurred_on)::date,
               sum(facts), sum(quantity), sum(amount_yen)
          FROM activity_daily WHERE org_id = ${orgId}
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(facts) <> 0`);
    await tx.execute(sql`
      INSERT INTO activity_company_types (org_id, fiscal_year, program_id, type, company_id, first_on, facts)
        SELECT org_id, fiscal_year, program_id, type, company_id, min(occurred_on), count(*)
          FROM activities WHERE voided_at IS NULL AND company_id IS NOT NULL AND org_id = ${orgId}
         GROUP BY 1, 2, 3, 4, 5`);
    await tx.execute(sql`
      INSERT INTO activity_company_months (org_id, fiscal_year, program_id, type, company_id, month, facts)
        SELECT org_id, fiscal_year, program_id, type, company_id, date_trunc('month', occurred_on)::date, count(*)
          FROM activities WHERE voided_at IS NULL AND company_id IS NOT NULL AND org_id = ${orgId}
         GROUP BY 1, 2, 3, 4, 5, 6`);
  });
}
