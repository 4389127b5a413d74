import { apiLatency } from "./api-latency.js";
import { passwordHash } from "./password-hash.js";

/**
 * `npm run bench [name …]`: runs the named benchmarks (all when none is named) and prints their
 * figures. Benchmarks measure; they never pass or fail on timings.
 */
const BENCHES: Record<string, () => Promise<void>> = {
  "api-latency": () => apiLatency({ requests: Number(process.env.BENCH_REQUESTS ?? 4000), concurrency: 16 }),
  "password-hash": () => passwordHash({ rounds: 20 }),
  meiyose: async () => (await import("./meiyose.js")).meiyose(),
  // import and dedupe of N companies in PostgreSQL; COMPANIES_BENCH_ROWS=10000 for a quicker run
  companies: async () =>
    (await import("./companies.js")).companiesBench(Number(process.env.COMPANIES_BENCH_ROWS ?? 100_000)),
  // 100k and 1M records through the CLI; MEIYOSE_SCALE_SIZES=100000 for a quicker run
  "meiyose-scale": async () =>
    (await import("./meiyose-scale.js")).meiyoseScale(
      (process.env.MEIYOSE_SCALE_SIZES ?? "100000,1000000").split(",").map((s) => Number(s)),
    ),
  // the KPI engine over 1,000,000 facts of one organization-year (KPI_BENCH_FACTS=100000 for a quicker run)
  kpi: async () =>
    (await import("./kpi.js")).kpiBench({
      facts: Number(process.env.KPI_BENCH_FACTS ?? 1_000_000),
      companies: Number(process.env.KPI_BENCH_COMPANIES ?? 2000),
      runs: Number(process.env.KPI_BENCH_RUNS ?? 50),
    }),
  // 10,000 subsidy applications through the whole lifecycle, and 交付決定 races of 50 managers
  // (SUBSIDY_BENCH_APPLICATIONS=500 for a quicker run)
  subsidy: async () => {
    const applications = Number(process.env.SUBSIDY_BENCH_APPLICATIONS ?? 10_000);
    await (await import("./subsidy.js")).subsidyBench({
      applications,
      companies: Number(process.env.SUBSIDY_BENCH_COMPANIES ?? Math.max(100, Math.round(applications / 2))),
      concurrency: Number(process.env.SUBSIDY_BENCH_CONCURRENCY ?? 16),
      managers: Number(process.env.SUBSIDY_BENCH_MANAGERS ?? 50),
      races: Number(process.env.SUBSIDY_BENCH_RACES ?? 10),
      fits: Number(process.env.SUBSIDY_BENCH_FITS ?? 30),
    });
  },
  // rounds of ordinary requests, server RSS and V8 heap after each (SOAK_ROUNDS, SOAK_REQUESTS, SOAK_ONLY=kind)
  soak: async () =>
    (await import("./soak.js")).soakBench({
      rounds: Number(process.env.SOAK_ROUNDS ?? 8),
      requests: Number(process.env.SOAK_REQUESTS ?? 300),
      concurrency: Number(process.env.SOAK_CONCURRENCY ?? 4),
      only: process.env.SOAK_ONLY ? (process.env.SOAK_ONLY.split(",") as never) : null,
      probe: process.env.SOAK_PROBE === "0" ? "off" : process.env.SOAK_PROBE === "end" ? "end" : "each",
    }),
  // 200 staff sessions recording consultations and reading timelines (SUPPORT_BENCH_SECONDS=20)
  support: async () =>
    (await import("./support.js")).supportBench({
      sessions: Number(process.env.SUPPORT_BENCH_SESSIONS ?? 200),
      seconds: Number(process.env.SUPPORT_BENCH_SECONDS ?? 20),
      activities: 500,
      // a staff member acting every 4 s on average is far busier than a real desk
      thinkMs: Number(process.env.SUPPORT_BENCH_THINK_MS ?? 4000),
    }),
};

const names = process.argv.slice(2).filter((a) => a !== "--");
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
  await BENCHES[name]?.();
}
