import os from "node:os";
import type { SubsidyApplication, SubsidyExpenseLine, SubsidyProgram, SubsidyTransition } from "@shien/contracts";
import { todayInTokyo } from "@shien/contracts";
import { mulberry32 } from "../src/lib/prng.js";
import { calculateSubsidy, confirmSubsidy, seedTerms } from "../src/modules/subsidies/arithmetic/index.js";
import {
  ADMIN_PASSWORD,
  type Client,
  caller,
  json,
  newUserOfEveryDepartment,
  signIn,
  startServer,
  type TreeMemory,
  treeMemory,
} from "./http.js";
import { machineLine, percentile } from "./machine.js";

/**
 * Subsidies at scale (issue 7), through the real HTTP API of the real server (its own process,
 * embedded PostgreSQL, the seed organization 福島 and its 令和8年度 plan):
 *
 * (a) N applications (10,000 by default) from a few thousand businesses to the seven subsidy
 *     programs of the plan that need no prior step, some businesses several times where the
 *     1事業者あたり上限 allows, each driven through the whole lifecycle 申請受付 → 形式審査 → 採択 →
 *     交付決定 → 実績報告 → 額の確定 → 請求 → 支払, phase by phase; throughput and latency per phase;
 * (b) 交付決定 races: 50 managers send their decisions at once against a round's frame that fits
 *     only some of them; decisions/s, latency, how many were decided and refused (予算枠不足), and
 *     whether the frame adds up (committed + remaining = budget, committed = Σ decided);
 * (c) latency of the lists (JSON pages, xlsx) and of reading one application over all that data;
 * (d) memory and CPU time of the server, its PostgreSQL and this client.
 *
 * Every step's date is in the past within fiscal 2026 (a step may not be dated after today). The
 * figures and the frames are cross-checked against the arithmetic module; nothing is asserted on
 * timings. The data directory is removed at the end.
 */

export interface SubsidyBenchOptions {
  applications: number;
  companies: number;
  /** Staff and managers working the lifecycle at once (every phase but 交付決定). */
  concurrency: number;
  /** Managers deciding at once, in the lifecycle's 交付決定 phase and in each race. */
  managers: number;
  races: number;
  /** Decisions each race's frame fits (of `managers`). */
  fits: number;
}

const ORG = "fukushima";
const PLAN = "fukushima-2026" as const;
const FY = 2026;

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
/** A cost in whole thousands of yen between lo and hi. */
const cost = (r: Rnd, lo: number, hi: number) => Math.round((lo + r() * (hi - lo)) / 1000) * 1000;

interface Draft {
  title: string;
  course?: string;
  type?: string;
  taxIncluded: boolean;
  lines: SubsidyExpenseLine[];
}

/**
 * The programs of the Fukushima plan with seed terms and no prior step (I-1-7-2 needs an expert
 * dispatch first), with how often businesses apply and what they apply with. `repeat`: a business
 * may apply again while its 1事業者あたり上限 holds (特許等・海外出願); elsewhere once a year.
 */
const PROGRAMS: { code: string; weight: number; repeat: boolean; sizes?: string[]; draft: (r: Rnd) => Draft }[] = [
  {
    code: "I-1-3-2-2",
    weight: 22,
    repeat: false,
    draft: (r) => ({
      title: "生産性向上計画に基づく設備導入",
      taxIncluded: r() < 0.2,
      lines: [
        {
          description: pick(r, ["NC旋盤", "検査装置", "省人化ロボット", "生産管理システム"]),
          amountYen: cost(r, 600_000, 3_600_000),
        },
      ],
    }),
  },
  {
    code: "I-2-1",
    weight: 8,
    repeat: false,
    draft: (r) =>
      r() < 0.7
        ? {
            title: "再生計画策定支援",
            type: "従来型",
            taxIncluded: false,
            lines: [{ description: "計画策定支援費用", amountYen: cost(r, 1_000_000, 3_100_000) }],
          }
        : {
            title: "早期経営改善計画策定支援",
            type: "早期型",
            taxIncluded: false,
            lines: [{ description: "計画策定支援費用", amountYen: cost(r, 200_000, 350_000) }],
          },
  },
  {
    code: "II-1-2-1",
    weight: 12,
    repeat: false,
    draft: (r) => ({
      title: "地域課題解決型の創業",
      taxIncluded: false,
      lines: [
        { description: "店舗改装費", amountYen: cost(r, 500_000, 3_000_000) },
        { description: "広報費", amountYen: cost(r, 100_000, 600_000) },
      ],
    }),
  },
  {
    code: "II-2-1-1",
    weight: 20,
    repeat: true,
    sizes: ["sme", "small"],
    draft: (r) => {
      const k = r();
      if (k < 0.3) {
        return {
          title: "先行技術調査",
          type: "調査",
          taxIncluded: false,
          lines: [{ amountYen: cost(r, 100_000, 300_000) }],
        };
      }
      if (k < 0.6) {
        return {
          title: "特許出願",
          type: "出願",
          taxIncluded: false,
          lines: [{ amountYen: cost(r, 300_000, 500_000) }],
        };
      }
      return {
        title: "先行技術調査と特許出願",
        type: "調査・出願",
        taxIncluded: false,
        lines: [
          { category: "調査費", amountYen: cost(r, 150_000, 300_000) },
          { category: "出願費", amountYen: cost(r, 300_000, 500_000) },
        ],
      };
    },
  },
  {
    code: "II-2-1-2",
    weight: 16,
    repeat: true,
    sizes: ["sme", "small"],
    draft: (r) => {
      const type = pick(r, ["特許", "特許", "実用新案", "意匠", "商標", "商標", "冒認対策商標"]);
      const hi = type === "特許" ? 3_000_000 : type === "冒認対策商標" ? 600_000 : 1_200_000;
      return {
        title: `${type}の外国出願（${pick(r, ["米国", "中国", "欧州", "台湾", "韓国"])}）`,
        type,
        taxIncluded: false,
        lines: [{ description: "現地代理人費用・翻訳費", amountYen: cost(r, hi / 3, hi) }],
      };
    },
  },
  {
    code: "II-3-1-1",
    weight: 12,
    repeat: false,
    draft: (r) => {
      const type = pick(r, ["事業可能性等調査事業", "技術開発等事業", "技術開発等事業", "販路開拓事業"]);
      const hi = type === "技術開発等事業" ? 10_000_000 : 2_000_000;
      return { title: `${type}（新製品）`, type, taxIncluded: false, lines: [{ amountYen: cost(r, hi / 4, hi) }] };
    },
  },
  {
    code: "II-3-1-2",
    weight: 10,
    repeat: false,
    draft: (r) => ({
      title: "人材育成・技術習得",
      taxIncluded: false,
      lines: [{ description: "研修受講料", amountYen: cost(r, 300_000, 1_200_000) }],
    }),
  },
];

interface Company {
  id: string;
  sizeClass: "sme" | "small" | "other";
}

interface App {
  /** Index in the generated list (dates and helpers are spread by it). */
  n: number;
  code: string;
  company: number;
  draft: Draft;
  receivedOn: string;
  expectedYen: number;
  actual: SubsidyExpenseLine[];
  expectedConfirmedYen: number;
  id: string;
  version: number;
  app?: SubsidyApplication;
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The applications: which business applies to what, with what, and what the arithmetic should give. */
function generate(opts: SubsidyBenchOptions, companies: Company["sizeClass"][]): Omit<App, "id" | "version">[] {
  const r = mulberry32(7);
  const total = PROGRAMS.reduce((s, p) => s + p.weight, 0);
  const used = new Map<string, number>();
  const apps: Omit<App, "id" | "version">[] = [];
  let attempts = 0;
  while (apps.length < opts.applications) {
    if (++attempts > opts.applications * 100) {
      throw new Error(`${companies.length} businesses cannot hold ${opts.applications} applications; raise the count`);
    }
    // A tenth of the businesses are regular applicants (a third of the applications); most others apply once or not at all.
    const company = Math.floor(r() * (r() < 0.3 ? 0.1 : 1) * companies.length);
    const w = r() * total;
    let acc = 0;
    const program =
      PROGRAMS.find((p) => {
        acc += p.weight;
        return w < acc;
      }) ?? (PROGRAMS[0] as (typeof PROGRAMS)[number]);
    if (program.sizes && !program.sizes.includes(companies[company] as string)) continue;
    const key = `${company}/${program.code}`;
    if (!program.repeat && used.has(key)) continue;
    const terms = seedTerms(PLAN, program.code);
    const draft = program.draft(r);
    const input = {
      ...(draft.course ? { course: draft.course } : {}),
      ...(draft.type ? { type: draft.type } : {}),
      lines: draft.lines,
      taxIncluded: draft.taxIncluded,
    };
    const calc = calculateSubsidy(terms, input);
    if ("refused" in calc) throw new Error(`bench draft refused by the arithmetic: ${calc.refused.ja}`);
    const before = used.get(key) ?? 0;
    // Another application only while the business's decisions stay within its 1事業者あたり上限.
    if (terms.perCompanyCapYen !== undefined && before + calc.amount > terms.perCompanyCapYen) continue;
    used.set(key, before + calc.amount);
    // 実績報告: most spend what they planned, some less (then 額の確定 is below the decision).
    const actual =
      r() < 0.7
        ? draft.lines
        : draft.lines.map((l) => ({ ...l, amountYen: cost(r, l.amountYen * 0.6, l.amountYen * 0.98) }));
    const confirmed = confirmSubsidy(terms, { decidedYen: calc.amount, actual: { ...input, lines: actual } });
    if ("refused" in confirmed) throw new Error(`bench report refused by the arithmetic: ${confirmed.refused.ja}`);
    apps.push({
      n: apps.length,
      code: program.code,
      company,
      draft,
      receivedOn: addDays("2026-04-01", Math.floor(r() * 120)),
      expectedYen: calc.amount,
      actual,
      expectedConfirmedYen: confirmed.amount,
    });
  }
  return apps;
}

const SURNAMES = "佐藤 鈴木 高橋 渡辺 斎藤 遠藤 菅野 佐々木 阿部 吉田 石井 三浦 大和田 本田 会田 根本 国分 安斎".split(
  " ",
);
const INDUSTRY = "製作所 工業 精機 電子 食品 酒造 建設 印刷 技研 化成 商事 農園 観光 物産".split(" ");
const CITIES =
  "福島市 郡山市 いわき市 会津若松市 白河市 須賀川市 喜多方市 相馬市 二本松市 南相馬市 伊達市 本宮市".split(" ");

interface Lat {
  ms: number[];
  errors: Map<string, number>;
}
const newLat = (): Lat => ({ ms: [], errors: new Map() });
const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (p: number) => `${percentile(s, p).toFixed(1)}`;
  return `p50 ${f(50)} / p95 ${f(95)} / p99 ${f(99)} / max ${(s.at(-1) ?? Number.NaN).toFixed(1)} ms`;
};

/** The message of an error answer (the first field's, else the error's). */
async function errorText(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: string; details?: { message: string }[] } };
    return `${res.status} ${body.error?.details?.[0]?.message ?? body.error?.message ?? text}`;
  } catch {
    return `${res.status} ${text.slice(0, 200)}`;
  }
}

/** Runs fn over items with `workers` at a time; resolves with the wall time in ms. */
async function pool<T>(items: readonly T[], workers: number, fn: (item: T, worker: number) => Promise<void>) {
  let next = 0;
  let failed = false;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async (_, w) => {
      // After a failure the other workers stop too: the server is then stopped with nothing in flight.
      while (!failed && next < items.length) {
        const item = items[next++] as T;
        try {
          await fn(item, w);
        } catch (err) {
          failed = true;
          throw err;
        }
      }
    }),
  );
  return performance.now() - t0;
}

export async function subsidyBench(opts: SubsidyBenchOptions): Promise<void> {
  console.log(machineLine());
  console.log(
    `subsidy: ${opts.applications} applications from ${opts.companies} businesses, ${opts.concurrency} staff/managers at once, ` +
      `交付決定 by ${opts.managers} managers at once; ${opts.races} races of ${opts.managers} decisions on frames that fit ${opts.fits}`,
  );
  const tStart = performance.now();
  const server = await startServer("subsidy");
  const memory: TreeMemory[] = [];
  const sampleMemory = () => {
    const m = treeMemory(server.pid);
    if (m) memory.push(m);
  };
  try {
    const call = caller(server.base);
    console.log(
      `  server started (embedded PostgreSQL, seed plans) in ${((performance.now() - tStart) / 1000).toFixed(1)} s`,
    );
    sampleMemory();
    const admin = await signIn(server.base, ORG, "admin", ADMIN_PASSWORD);
    const user = (login: string, role: "staff" | "manager", displayName: string) =>
      newUserOfEveryDepartment(server.base, ORG, admin, { login, role, displayName });
    const staff: Client[] = [];
    const managers: Client[] = [];
    for (let i = 0; i < opts.concurrency; i++) staff.push(await user(`bench-staff-${i}`, "staff", `ベンチ職員${i}`));
    for (let i = 0; i < Math.max(opts.managers, opts.concurrency); i++) {
      managers.push(await user(`bench-manager-${i}`, "manager", `ベンチ課長${i}`));
    }
    const manager = managers[0] as Client;

    // ---- businesses -------------------------------------------------------------------------
    const r = mulberry32(2026);
    const sizes: Company["sizeClass"][] = Array.from({ length: opts.companies }, () => {
      const k = r();
      return k < 0.55 ? "sme" : k < 0.95 ? "small" : "other";
    });
    const bodies = sizes.map((sizeClass, i) => {
      const employees = sizeClass === "small" ? 1 + Math.floor(r() * 19) : 20 + Math.floor(r() * 280);
      return {
        name: `株式会社${pick(r, SURNAMES)}${pick(r, INDUSTRY)}${i + 1}`,
        address: `福島県${pick(r, CITIES)}本町${1 + (i % 9)}-${1 + (i % 30)}`,
        sizeClass,
        employees: sizeClass === "other" ? 400 + employees : employees,
        capitalYen: sizeClass === "other" ? 500_000_000 : 3_000_000 + (i % 50) * 1_000_000,
      };
    });
    const companyIds: string[] = new Array(opts.companies);
    const companyLat = newLat();
    const companyWall = await pool(
      bodies.map((body, i) => [body, i] as const),
      opts.concurrency,
      async ([body, i], w) => {
        const t0 = performance.now();
        const res = await call(staff[w] as Client, "POST", "/api/companies", body);
        companyIds[i] = (await json<{ id: string }>(res)).id;
        companyLat.ms.push(performance.now() - t0);
      },
    );
    console.log(
      `  businesses: ${opts.companies} registered in ${(companyWall / 1000).toFixed(1)} s ` +
        `(${((opts.companies / companyWall) * 1000).toFixed(0)}/s; ${fmt(companyLat.ms)})`,
    );

    // ---- the programs of the year (synced from the plan on first read) -------------------------
    const programsOfYear = async () =>
      (await json<{ items: SubsidyProgram[] }>(await call(manager, "GET", `/api/subsidies/programs?fiscalYear=${FY}`)))
        .items;
    const programs = new Map((await programsOfYear()).map((p) => [p.program.code, p]));
    for (const p of PROGRAMS) {
      if (!programs.has(p.code)) throw new Error(`subsidy program ${p.code} missing from the ${ORG} plan`);
    }
    const programId = (code: string) => (programs.get(code) as SubsidyProgram).id;

    const drafts = generate(opts, sizes);
    const apps: App[] = drafts.map((d) => ({ ...d, id: "", version: 0 }));
    const repeaters = new Map<number, number>();
    for (const a of apps) repeaters.set(a.company, (repeaters.get(a.company) ?? 0) + 1);
    const multi = [...repeaters.values()].filter((n) => n > 1).length;
    const perProgram = new Map<string, number>();
    for (const a of apps) perProgram.set(`${a.company}/${a.code}`, (perProgram.get(`${a.company}/${a.code}`) ?? 0) + 1);
    const repeatSame = [...perProgram.values()].filter((n) => n > 1).length;
    console.log(
      `  applications planned: ${apps.length} from ${repeaters.size} of the ${opts.companies} businesses ` +
        `(${multi} apply more than once; ${repeatSame} twice or more to one program within its 1事業者あたり上限)`,
    );

    // ---- (a) the lifecycle, phase by phase -------------------------------------------------------
    const today = todayInTokyo();
    const notAfterToday = (iso: string) => (iso < today ? iso : today);
    const phases: { name: string; n: number; wallMs: number; lat: Lat; who: string }[] = [];
    const report = (name: string, who: string, n: number, wallMs: number, lat: Lat, unit: string) => {
      phases.push({ name, n, wallMs, lat, who });
      const errors = [...lat.errors.values()].reduce((s, x) => s + x, 0);
      console.log(
        `  ${name.padEnd(12)} ${String(n).padStart(6)} ${unit} in ${(wallMs / 1000).toFixed(1).padStart(6)} s: ` +
          `${((n / wallMs) * 1000).toFixed(1).padStart(6)} ${unit}/s  ${fmt(lat.ms)}  (${who}${errors ? `; ${errors} errors` : ""})`,
      );
      for (const [msg, k] of lat.errors) console.log(`      ${k} × ${msg}`);
      sampleMemory();
    };

    let live = apps;
    {
      const lat = newLat();
      const wall = await pool(live, opts.concurrency, async (a, w) => {
        const t0 = performance.now();
        const res = await call(staff[w] as Client, "POST", "/api/subsidies/applications", {
          subsidyProgramId: programId(a.code),
          companyId: companyIds[a.company],
          title: a.draft.title,
          ...(a.draft.course ? { course: a.draft.course } : {}),
          ...(a.draft.type ? { type: a.draft.type } : {}),
          taxIncluded: a.draft.taxIncluded,
          lines: a.draft.lines,
          receivedOn: a.receivedOn,
        });
        if (!res.ok) {
          const msg = await errorText(res);
          lat.errors.set(msg, (lat.errors.get(msg) ?? 0) + 1);
          lat.ms.push(performance.now() - t0);
          return;
        }
        const body = (await res.json()) as SubsidyApplication;
        lat.ms.push(performance.now() - t0);
        a.id = body.id;
        a.version = body.version;
        a.app = body;
      });
      live = live.filter((a) => a.id !== "");
      report("申請受付", `${opts.concurrency} staff`, apps.length, wall, lat, "applications");
      const off = live.filter((a) => a.app?.computedYen !== a.expectedYen).length;
      if (off > 0) console.log(`      ${off} computed amounts differ from the arithmetic module's`);
    }

    // Budgets: each whole-year frame at least what its applications will be granted (set by a manager).
    for (const [code, p] of programs) {
      const need = live.filter((a) => a.code === code).reduce((s, a) => s + (a.app?.computedYen ?? 0), 0);
      const frame = p.frames.find((f) => f.roundId === null);
      if (frame && frame.budgetYen < need) {
        await json(await call(manager, "PATCH", `/api/subsidies/programs/${p.id}`, { budgetYen: need }));
      }
    }

    const steps: {
      name: string;
      action: SubsidyTransition["action"];
      by: "staff" | "managers";
      workers: number;
      on: (a: App) => string;
      extra?: (a: App) => Partial<SubsidyTransition>;
    }[] = [
      {
        name: "形式審査",
        action: "check",
        by: "staff",
        workers: opts.concurrency,
        on: (a) => addDays(a.receivedOn, 7),
      },
      { name: "採択", action: "adopt", by: "managers", workers: opts.concurrency, on: () => "2026-08-20" },
      {
        name: "交付決定",
        action: "decide",
        by: "managers",
        workers: opts.managers,
        on: (a) => addDays("2026-09-01", a.n % 10),
      },
      {
        name: "実績報告",
        action: "report",
        by: "staff",
        workers: opts.concurrency,
        on: (a) => addDays("2026-10-15", a.n % 14),
        extra: (a) => ({ lines: a.actual }),
      },
      { name: "額の確定", action: "confirm", by: "managers", workers: opts.concurrency, on: () => "2026-11-02" },
      { name: "請求", action: "claim", by: "staff", workers: opts.concurrency, on: () => "2026-11-06" },
      { name: "支払", action: "pay", by: "managers", workers: opts.concurrency, on: () => "2026-11-13" },
    ];
    const stepLat = newLat();
    let stepCount = 0;
    let stepWall = 0;
    for (const s of steps) {
      const lat = newLat();
      const clients = s.by === "staff" ? staff : managers;
      const wall = await pool(live, s.workers, async (a, w) => {
        const t0 = performance.now();
        const res = await call(
          clients[w % clients.length] as Client,
          "POST",
          `/api/subsidies/applications/${a.id}/transition`,
          {
            action: s.action,
            version: a.version,
            on: notAfterToday(s.on(a)),
            ...(s.extra ? s.extra(a) : {}),
          },
        );
        if (!res.ok) {
          const msg = await errorText(res);
          lat.errors.set(msg, (lat.errors.get(msg) ?? 0) + 1);
          lat.ms.push(performance.now() - t0);
          a.id = "";
          return;
        }
        const body = (await res.json()) as SubsidyApplication;
        lat.ms.push(performance.now() - t0);
        a.version = body.version;
        a.app = body;
      });
      const n = live.length;
      live = live.filter((a) => a.id !== "");
      report(s.name, `${s.workers} ${s.by}`, n, wall, lat, "steps");
      for (const ms of lat.ms) stepLat.ms.push(ms);
      stepCount += n;
      stepWall += wall;
    }
    const confirmedOff = live.filter((a) => a.app?.confirmedYen !== a.expectedConfirmedYen).length;
    const receiveWall = phases[0]?.wallMs ?? 0;
    console.log(
      `  whole lifecycle: ${live.length} of ${apps.length} applications paid; ${apps.length + stepCount} requests in ` +
        `${((receiveWall + stepWall) / 1000).toFixed(1)} s (${(((apps.length + stepCount) / (receiveWall + stepWall)) * 1000).toFixed(1)} requests/s); ` +
        `every transition step: ${fmt(stepLat.ms)}` +
        (confirmedOff > 0 ? `; ${confirmedOff} 確定額 differ from the arithmetic module's` : ""),
    );

    // ---- (b) 交付決定 races: managers at once against a frame that fits only some ------------------
    const raceCode = "I-1-3-2-2";
    const RACE_COST = 3_000_000; // × 2/3 = 2,000,000 = the cap: every racer asks for the same amount
    const raceAmount = 2_000_000;
    const raceLat = newLat();
    let raceWall = 0;
    let decided = 0;
    let refused = 0;
    let other = 0;
    const anomalies: string[] = [];
    for (let k = 0; k < opts.races; k++) {
      const name = `ベンチ競合${k + 1}`;
      // a round's frame is taken out of the year's budget: the year grows by it first
      const listed = await json<{ items: SubsidyProgram[] }>(
        await call(manager, "GET", `/api/subsidies/programs?fiscalYear=${FY}`),
      );
      const year = listed.items.find((x) => x.id === programId(raceCode))?.frames.find((f) => f.roundId === null);
      await call(manager, "PATCH", `/api/subsidies/programs/${programId(raceCode)}`, {
        budgetYen: (year?.budgetYen ?? 0) + opts.fits * raceAmount,
      });
      const withRound = await json<SubsidyProgram>(
        await call(manager, "POST", `/api/subsidies/programs/${programId(raceCode)}/rounds`, {
          name,
          opensOn: "2026-04-01",
          closesOn: "2026-10-31",
          frameYen: opts.fits * raceAmount,
        }),
      );
      const roundId = (withRound.rounds.find((x) => x.name === name) as { id: string }).id;
      const racers: { id: string; version: number }[] = new Array(opts.managers);
      await pool(
        Array.from({ length: opts.managers }, (_, i) => i),
        opts.concurrency,
        async (i, w) => {
          const c = staff[w] as Client;
          let a = await json<SubsidyApplication>(
            await call(c, "POST", "/api/subsidies/applications", {
              subsidyProgramId: programId(raceCode),
              roundId,
              companyId: companyIds[(k * opts.managers + i) % companyIds.length],
              title: "生産性向上計画に基づく設備導入（競合）",
              lines: [{ description: "5軸マシニングセンタ", amountYen: RACE_COST }],
              receivedOn: "2026-06-01",
            }),
          );
          for (const [who, action] of [
            [c, "check"],
            [managers[w] as Client, "adopt"],
          ] as const) {
            a = await json<SubsidyApplication>(
              await call(who, "POST", `/api/subsidies/applications/${a.id}/transition`, {
                action,
                version: a.version,
                on: "2026-07-01",
              }),
            );
          }
          racers[i] = { id: a.id, version: a.version };
        },
      );
      const t0 = performance.now();
      const results = await Promise.all(
        racers.map(async (a, i) => {
          const t1 = performance.now();
          const res = await call(managers[i] as Client, "POST", `/api/subsidies/applications/${a.id}/transition`, {
            action: "decide",
            version: a.version,
            on: notAfterToday("2026-09-15"),
          });
          let text = "";
          if (res.ok) await res.arrayBuffer();
          else text = await errorText(res);
          raceLat.ms.push(performance.now() - t1);
          return { ok: res.ok, text };
        }),
      );
      raceWall += performance.now() - t0;
      const ok = results.filter((x) => x.ok).length;
      const budget = results.filter((x) => x.text.startsWith("409 予算枠不足")).length;
      decided += ok;
      refused += budget;
      other += results.length - ok - budget;
      for (const x of results) {
        if (!x.ok && !x.text.startsWith("409 予算枠不足")) {
          raceLat.errors.set(x.text, (raceLat.errors.get(x.text) ?? 0) + 1);
        }
      }
      const frame = (await programsOfYear())
        .find((p) => p.id === programId(raceCode))
        ?.frames.find((f) => f.roundId === roundId);
      const inRound = await json<{ items: SubsidyApplication[]; total: number }>(
        await call(manager, "GET", `/api/subsidies/applications?roundId=${roundId}&status=decided&pageSize=200`),
      );
      const sum = inRound.items.reduce((s, a) => s + (a.decidedYen ?? 0), 0);
      if (
        !frame ||
        ok !== opts.fits ||
        frame.committedYen !== ok * raceAmount ||
        frame.committedYen + frame.allocatedYen + frame.remainingYen !== frame.budgetYen ||
        sum !== frame.committedYen ||
        inRound.total !== ok
      ) {
        anomalies.push(
          `${name}: ${ok} decided (frame fits ${opts.fits}), frame ${JSON.stringify(frame)}, Σ decided ${sum} over ${inRound.total}`,
        );
      }
    }
    sampleMemory();
    const raceTotal = opts.races * opts.managers;
    console.log(
      `  交付決定 races: ${opts.races} × ${opts.managers} managers at once, frames fitting ${opts.fits} × ${raceAmount.toLocaleString("ja-JP")}円 each`,
    );
    console.log(
      `    ${raceTotal} decisions in ${(raceWall / 1000).toFixed(2)} s of racing: ${((raceTotal / raceWall) * 1000).toFixed(1)} decisions/s ` +
        `(${((decided / raceWall) * 1000).toFixed(1)} granted/s); latency ${fmt(raceLat.ms)}`,
    );
    console.log(
      `    decided ${decided}, refused 予算枠不足 ${refused}, other ${other}; ` +
        (anomalies.length === 0
          ? `every frame: committed = ${opts.fits} × amount = Σ decided, committed + remaining = budget`
          : `FRAME CHECK FAILED in ${anomalies.length} race(s)`),
    );
    for (const a of anomalies) console.log(`      ${a}`);
    for (const [msg, k] of raceLat.errors) console.log(`      ${k} × ${msg}`);

    // ---- (c) reads over all of it ---------------------------------------------------------------
    const timeGet = async (c: Client, url: string) => {
      const t0 = performance.now();
      const res = await call(c, "GET", url);
      const body = res.ok ? Buffer.from(await res.arrayBuffer()) : null;
      if (!body) throw new Error(`${url}: ${await errorText(res)}`);
      return { ms: performance.now() - t0, body };
    };
    const all: SubsidyApplication[] = [];
    const pageLat: number[] = [];
    for (let page = 1; ; page++) {
      const { ms, body } = await timeGet(
        manager,
        `/api/subsidies/applications?fiscalYear=${FY}&pageSize=200&page=${page}`,
      );
      pageLat.push(ms);
      const p = JSON.parse(body.toString("utf8")) as { items: SubsidyApplication[]; total: number };
      all.push(...p.items);
      if (all.length >= p.total || p.items.length === 0) break;
    }
    const firstPage: number[] = [];
    const byProgram: number[] = [];
    for (let i = 0; i < 30; i++) {
      firstPage.push(
        (await timeGet(staff[i % staff.length] as Client, `/api/subsidies/applications?fiscalYear=${FY}`)).ms,
      );
      const code = PROGRAMS[i % PROGRAMS.length]?.code as string;
      byProgram.push(
        (
          await timeGet(
            staff[i % staff.length] as Client,
            `/api/subsidies/applications?subsidyProgramId=${programId(code)}&status=paid`,
          )
        ).ms,
      );
    }
    const detail: number[] = [];
    const events: number[] = [];
    for (let i = 0; i < Math.min(200, live.length); i++) {
      const a = live[Math.floor((i * live.length) / Math.min(200, live.length))] as App;
      detail.push((await timeGet(staff[i % staff.length] as Client, `/api/subsidies/applications/${a.id}`)).ms);
      events.push((await timeGet(staff[i % staff.length] as Client, `/api/subsidies/applications/${a.id}/events`)).ms);
    }
    const biggest = [...programs.keys()].sort(
      (x, y) => all.filter((a) => a.program.code === y).length - all.filter((a) => a.program.code === x).length,
    )[0] as string;
    const xlsxProgram: number[] = [];
    let xlsxBytes = 0;
    for (let i = 0; i < 3; i++) {
      const x = await timeGet(manager, `/api/subsidies/applications.xlsx?subsidyProgramId=${programId(biggest)}`);
      xlsxProgram.push(x.ms);
      xlsxBytes = x.body.length;
    }
    const xlsxYear = await timeGet(manager, `/api/subsidies/applications.xlsx?fiscalYear=${FY}`);
    sampleMemory();
    console.log(`  reads over ${all.length} applications:`);
    console.log(`    list, every page of 200 (${pageLat.length} pages, offset paging): ${fmt(pageLat)}`);
    console.log(`    list, first page of 50 (the screen's default), 30 times:        ${fmt(firstPage)}`);
    console.log(`    list, one program's paid applications (page of 50), 30 times:  ${fmt(byProgram)}`);
    console.log(`    one application, ${detail.length} times:                            ${fmt(detail)}`);
    console.log(`    its events, ${events.length} times:                                 ${fmt(events)}`);
    console.log(
      `    xlsx of ${biggest} (${all.filter((a) => a.program.code === biggest).length} rows, ${(xlsxBytes / 1024).toFixed(0)} KiB), 3 times: ${fmt(xlsxProgram)}`,
    );
    console.log(
      `    xlsx of the whole year (${all.length} rows, ${(xlsxYear.body.length / 1024).toFixed(0)} KiB), once: ${xlsxYear.ms.toFixed(0)} ms`,
    );

    // ---- the books: every frame against its applications, every notice number gap-free ------------
    const held = (a: SubsidyApplication) =>
      a.status === "paid"
        ? (a.paidYen ?? 0)
        : ["decided", "reported", "confirmed", "claimed"].includes(a.status)
          ? (a.decidedYen ?? 0)
          : 0;
    const finalPrograms = await programsOfYear();
    const books: string[] = [];
    let framesOk = 0;
    let frames = 0;
    for (const p of finalPrograms) {
      const roundsWithFrame = new Set(p.frames.map((f) => f.roundId).filter((x) => x !== null));
      for (const f of p.frames) {
        const mine = all.filter(
          (a) =>
            a.subsidyProgramId === p.id &&
            (f.roundId === null ? !a.round || !roundsWithFrame.has(a.round.id) : a.round?.id === f.roundId),
        );
        const committed = mine.reduce((s, a) => s + held(a), 0);
        const paid = mine.reduce((s, a) => s + (a.status === "paid" ? (a.paidYen ?? 0) : 0), 0);
        frames++;
        if (
          committed === f.committedYen &&
          paid === f.paidYen &&
          f.committedYen + f.allocatedYen + f.remainingYen === f.budgetYen
        ) {
          framesOk++;
        } else {
          books.push(
            `${p.program.code} frame ${f.id}: ${JSON.stringify(f)}; applications hold ${committed}, paid ${paid}`,
          );
        }
      }
    }
    const gaps: string[] = [];
    for (const [kind, field] of [
      ["交付決定", "decisionNo"],
      ["額の確定", "confirmationNo"],
    ] as const) {
      for (const p of finalPrograms) {
        const numbers = all
          .filter((a) => a.subsidyProgramId === p.id && a[field] !== null)
          .map((a) => Number(/-(\d+)号$/.exec(a[field] as string)?.[1]))
          .sort((x, y) => x - y);
        if (numbers.some((x, i) => x !== i + 1)) gaps.push(`${p.program.code} ${kind}`);
      }
    }
    const granted = all.reduce((s, a) => s + (a.decidedYen ?? 0), 0);
    const paidTotal = all.reduce((s, a) => s + (a.status === "paid" ? (a.paidYen ?? 0) : 0), 0);
    console.log(
      `  books: ${framesOk} of ${frames} frames agree with their applications (committed, paid, committed + remaining = budget); ` +
        `notice numbers ${gaps.length === 0 ? "gap-free in every program" : `with gaps: ${gaps.join(", ")}`}; ` +
        `交付決定 ${granted.toLocaleString("ja-JP")}円, 支払 ${paidTotal.toLocaleString("ja-JP")}円`,
    );
    for (const b of books) console.log(`      ${b}`);

    // ---- (d) memory -------------------------------------------------------------------------------
    sampleMemory();
    const last = memory.at(-1);
    if (last) {
      const peakPg = Math.max(...memory.map((m) => m.pgPssMiB));
      console.log(
        `  memory: server process RSS ${last.serverRssMiB.toFixed(0)} MiB (peak ${last.serverPeakMiB.toFixed(0)} MiB); ` +
          `PostgreSQL ${last.pgProcesses} processes, PSS ${last.pgPssMiB.toFixed(0)} MiB (highest sample ${peakPg.toFixed(0)} MiB); ` +
          `bench client RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
      );
    } else {
      console.log(
        `  memory: bench client RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (no /proc for the server)`,
      );
    }
    const wallS = (performance.now() - tStart) / 1000;
    const cpu = process.cpuUsage();
    const clientCpuS = (cpu.user + cpu.system) / 1e6;
    console.log(
      `  cpu: ${last ? `server ${last.serverCpuS.toFixed(0)} s, PostgreSQL ${last.pgCpuS.toFixed(0)} s, ` : ""}` +
        `bench client ${clientCpuS.toFixed(0)} s over ${wallS.toFixed(0)} s of wall time ` +
        `(on ${os.cpus().length} cores; the rest of the machine's load is not this benchmark's)`,
    );
  } finally {
    await server.stop();
  }
}
