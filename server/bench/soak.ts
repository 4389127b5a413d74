import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SubsidyApplication, SubsidyProgram } from "@shien/contracts";
import { todayInTokyo } from "@shien/contracts";
import { mulberry32 } from "../src/lib/prng.js";
import {
  ADMIN_PASSWORD,
  type Client,
  caller,
  json,
  newUserOfEveryDepartment,
  signIn,
  startServer,
  treeMemory,
} from "./http.js";
import { machineLine } from "./machine.js";

/**
 * Soak (does the server leak under ordinary use?): the real server in its own process, a few
 * signed-in staff and a manager, then R rounds of the same mix of ordinary requests. After each
 * round the server's RSS is read from /proc; with the probe (default) the server is also asked to
 * run a full GC and report its V8 heap, through a tiny preload module passed in its node args
 * (`--expose-gc --import probe.mjs`, SIGUSR2 → gc() → a JSON file): nothing is added to the app.
 *
 * SOAK_ROUNDS (8), SOAK_REQUESTS per round (300), SOAK_CONCURRENCY (4), SOAK_ONLY=<kind>[,<kind>]
 * to send only some kinds of request (bisecting a growth; each round is then all of that kind),
 * SOAK_PROBE=end to leave the server's GC alone during the rounds (its RSS as it would be) and force
 * a full GC only after the warm-up round and after the last round (how much of that RSS was garbage),
 * SOAK_PROBE=0 for RSS alone (no forced GC at all). BENCH_SERVER_NODE_ARGS still applies, e.g.
 * "--max-old-space-size=160" to see whether RSS stays bounded under a smaller heap.
 */

const ORG = "fukushima";
const FY = 2026;

/** The mix of one round of 300 requests (scaled to SOAK_REQUESTS). */
const MIX = {
  companySearch: 60,
  timeline: 60,
  consultation: 50,
  postal: 50,
  subsidyList: 25,
  subsidyDetail: 20,
  kpi: 25,
  xlsx: 2,
  pdf: 3,
  companyDetail: 5,
} as const;
type Kind = keyof typeof MIX;

const PROBE = `import { renameSync, writeFileSync } from "node:fs";
import v8 from "node:v8";
const out = process.env.SOAK_PROBE_OUT;
let seq = 0;
process.on("SIGUSR2", () => {
  const before = process.memoryUsage();
  if (typeof globalThis.gc === "function") { globalThis.gc(); globalThis.gc(); }
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
  seq++;
  writeFileSync(out + ".tmp", JSON.stringify({ seq, heapUsedBefore: before.heapUsed, rss: m.rss, heapUsed: m.heapUsed,
    heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers,
    mallocedMemory: h.malloced_memory, nativeContexts: h.number_of_native_contexts, spaces }));
  renameSync(out + ".tmp", out);
});
`;

interface ProbeAnswer {
  seq: number;
  heapUsedBefore: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  mallocedMemory: number;
  nativeContexts: number;
  spaces: Record<string, number>;
}

const MiB = (b: number) => b / 2 ** 20;
const f1 = (x: number) => x.toFixed(1);
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(1)}`;

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

export async function soakBench(opts: {
  rounds: number;
  requests: number;
  concurrency: number;
  only: Kind[] | null;
  /** each: a forced GC and heap reading after every round; end: after round 1 and the last only; off: none. */
  probe: "each" | "end" | "off";
}): Promise<void> {
  console.log(machineLine());
  const probeDir = mkdtempSync(path.join(os.tmpdir(), "shien-soak-probe-"));
  const probeOut = path.join(probeDir, "answer.json");
  const savedArgs = process.env.BENCH_SERVER_NODE_ARGS;
  const userArgs = savedArgs ?? "";
  if (opts.probe !== "off") {
    const probeFile = path.join(probeDir, "probe.mjs");
    writeFileSync(probeFile, PROBE);
    process.env.BENCH_SERVER_NODE_ARGS = `--expose-gc --import=${pathToFileURL(probeFile).href} ${userArgs}`;
    process.env.SOAK_PROBE_OUT = probeOut;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer("soak");
  } finally {
    if (savedArgs === undefined) delete process.env.BENCH_SERVER_NODE_ARGS;
    else process.env.BENCH_SERVER_NODE_ARGS = savedArgs;
    delete process.env.SOAK_PROBE_OUT;
  }
  let lastSeq = 0;
  /** Forces a full GC in the server and reads its heap (null without the probe). */
  const probe = async (): Promise<ProbeAnswer | null> => {
    if (opts.probe === "off") return null;
    process.kill(server.pid, "SIGUSR2");
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (existsSync(probeOut)) {
        try {
          const a = JSON.parse(readFileSync(probeOut, "utf8")) as ProbeAnswer;
          if (a.seq > lastSeq) {
            lastSeq = a.seq;
            return a;
          }
        } catch {
          // being replaced
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the server's GC probe did not answer within 60 s");
  };
  const rss = () => treeMemory(server.pid)?.serverRssMiB ?? Number.NaN;

  try {
    const base = server.base;
    const call = caller(base);
    const admin = await signIn(base, ORG, "admin", ADMIN_PASSWORD);
    const user = (login: string, role: "staff" | "manager", displayName: string) =>
      newUserOfEveryDepartment(base, ORG, admin, { login, role, displayName });
    const staff: Client[] = [];
    for (let i = 0; i < 3; i++) staff.push(await user(`soak-staff-${i}`, "staff", `ソーク職員${i}`));
    const manager = await user("soak-manager", "manager", "ソーク課長");
    const everyone = [...staff, manager];

    const companyIds: string[] = [];
    const INDUSTRY = ["製作所", "工業", "商事", "食品", "酒造", "建設", "印刷", "技研"];
    for (let i = 0; i < 40; i++) {
      const c = await json<{ id: string }>(
        await call(staff[i % staff.length] as Client, "POST", "/api/companies", {
          name: `株式会社ソーク${INDUSTRY[i % INDUSTRY.length]}${i + 1}`,
          address: `福島県福島市本町${1 + (i % 9)}-${1 + (i % 30)}`,
          sizeClass: i % 3 === 0 ? "small" : "sme",
          employees: 5 + i,
          capitalYen: 3_000_000 + i * 1_000_000,
        }),
      );
      companyIds.push(c.id);
    }
    const programs = (
      await json<{ items: { id: string; code: string }[] }>(
        await call(manager, "GET", `/api/programs?fiscalYear=${FY}`),
      )
    ).items;
    const consultProgram = programs.find((p) => p.code === "I-1-2") as { id: string };

    // A few subsidy applications; some decided, for the 交付決定通知書 PDF.
    const subsidyPrograms = (
      await json<{ items: SubsidyProgram[] }>(await call(manager, "GET", `/api/subsidies/programs?fiscalYear=${FY}`))
    ).items;
    const sp = subsidyPrograms.find((p) => p.program.code === "I-1-3-2-2") as SubsidyProgram;
    const today = todayInTokyo();
    const notAfterToday = (iso: string) => (iso < today ? iso : today);
    const applicationIds: string[] = [];
    const decidedIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      let a = await json<SubsidyApplication>(
        await call(staff[i % staff.length] as Client, "POST", "/api/subsidies/applications", {
          subsidyProgramId: sp.id,
          companyId: companyIds[i],
          title: "生産性向上計画に基づく設備導入",
          taxIncluded: false,
          lines: [{ description: "検査装置", amountYen: 600_000 + i * 30_000 }],
          receivedOn: notAfterToday("2026-05-10"),
        }),
      );
      applicationIds.push(a.id);
      if (i < 4) {
        for (const [who, action, on] of [
          [staff[0] as Client, "check", "2026-05-17"],
          [manager, "adopt", "2026-08-20"],
          [manager, "decide", "2026-09-01"],
        ] as const) {
          a = await json<SubsidyApplication>(
            await call(who, "POST", `/api/subsidies/applications/${a.id}/transition`, {
              action,
              version: a.version,
              on: notAfterToday(on),
            }),
          );
        }
        decidedIds.push(a.id);
      }
    }

    // Postal codes that Japan Post's data has (the company form's lookup), a fixed set as in a region's desk.
    const postalCodes: string[] = [];
    for (let n = 8001; n < 8400 && postalCodes.length < 40; n += 7) {
      const code = `960-${n}`;
      const res = await call(staff[0] as Client, "GET", `/api/postal-codes/${code}`);
      await res.arrayBuffer();
      if (res.ok) postalCodes.push(code);
    }
    if (postalCodes.length === 0) postalCodes.push("960-8053");

    // ---- the requests ---------------------------------------------------------------------------
    const r = mulberry32(42);
    let consultations = 0;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const SEARCHES = ["ソーク", "工業", "商事", "株式会社ソーク食品", "酒造", "ソーク建設1", "技研"];
    const send = (kind: Kind): Promise<Response> => {
      const c = pick(staff);
      switch (kind) {
        case "companySearch":
          return call(c, "GET", `/api/companies?q=${encodeURIComponent(pick(SEARCHES))}`);
        case "companyDetail":
          return call(c, "GET", `/api/companies/${pick(companyIds)}`);
        case "timeline":
          return call(c, "GET", `/api/companies/${pick(companyIds)}/timeline`);
        case "consultation": {
          const n = consultations++;
          return call(c, "POST", "/api/consultations", {
            companyId: pick(companyIds),
            programId: consultProgram.id,
            channel: n % 3 === 0 ? "visit" : "window",
            occurredOn: notAfterToday(
              `2026-${String(4 + (n % 8)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`,
            ),
            durationMinutes: 60,
            staffUserIds: [c.userId],
            topics: ["資金繰り"],
            notes: `ソーク相談 ${n}：資金繰りと販路開拓について。`,
            status: n % 5 === 0 ? "resolved" : "ongoing",
          });
        }
        case "postal":
          return call(c, "GET", `/api/postal-codes/${pick(postalCodes)}`);
        case "subsidyList":
          return call(pick(everyone), "GET", `/api/subsidies/applications?fiscalYear=${FY}`);
        case "subsidyDetail":
          return call(pick(everyone), "GET", `/api/subsidies/applications/${pick(applicationIds)}`);
        case "kpi":
          return call(pick(everyone), "GET", `/api/kpi?fiscalYear=${FY}`);
        case "xlsx":
          return call(manager, "GET", `/api/subsidies/applications.xlsx?fiscalYear=${FY}`);
        case "pdf":
          return call(manager, "GET", `/api/subsidies/applications/${pick(decidedIds)}/notices/decision.pdf`);
      }
    };
    const kinds = (opts.only ?? (Object.keys(MIX) as Kind[])).filter((k) => k in MIX);
    const weight = (k: Kind) => (opts.only ? 1 : MIX[k]);
    const totalWeight = kinds.reduce((s, k) => s + weight(k), 0);
    const deck: Kind[] = [];
    for (const k of kinds) {
      const n = Math.max(1, Math.round((weight(k) / totalWeight) * opts.requests));
      for (let i = 0; i < n; i++) deck.push(k);
    }
    const errors = new Map<string, number>();
    const round = async () => {
      // The same mix in a shuffled order every round.
      const order = [...deck];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [order[i], order[j]] = [order[j] as Kind, order[i] as Kind];
      }
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: opts.concurrency }, async () => {
          while (next < order.length) {
            const kind = order[next++] as Kind;
            const res = await send(kind);
            if (res.ok) await res.arrayBuffer();
            else {
              const key = `${kind} ${res.status} ${(await res.text()).slice(0, 160)}`;
              errors.set(key, (errors.get(key) ?? 0) + 1);
            }
          }
        }),
      );
      return performance.now() - t0;
    };

    console.log(
      `soak: ${opts.rounds} rounds × ${deck.length} requests (${kinds.map((k) => `${k} ${deck.filter((d) => d === k).length}`).join(", ")}), ` +
        `${opts.concurrency} at once; ${
          opts.probe === "each"
            ? "heap read after a forced full GC in the server after every round (preload probe)"
            : opts.probe === "end"
              ? "the server's own GC during the rounds; a forced full GC after round 1 and the last round only"
              : "RSS only (no forced GC)"
        }` +
        (userArgs ? `; server node args: ${userArgs}` : ""),
    );
    console.log(
      "  round  requests  RSS MiB  ΔRSS   RSS after GC  heap used after GC  Δheap  external  arrayBuffers  req/s",
    );
    interface Sample {
      round: number;
      requests: number;
      rss: number;
      probe: ProbeAnswer | null;
    }
    const samples: Sample[] = [];
    const line = (s: Sample, rate: number | null) => {
      const prev = samples.at(-2);
      const p = s.probe;
      const dHeap = p && prev?.probe ? signed(MiB(p.heapUsed - prev.probe.heapUsed)) : "";
      console.log(
        `  ${String(s.round).padStart(5)}  ${String(s.requests).padStart(8)}  ${f1(s.rss).padStart(7)}  ${(prev ? signed(s.rss - prev.rss) : "").padStart(6)}` +
          (p
            ? `  ${f1(MiB(p.rss)).padStart(12)}  ${f1(MiB(p.heapUsed)).padStart(18)}  ${dHeap.padStart(5)}  ${f1(MiB(p.external)).padStart(8)}  ${f1(MiB(p.arrayBuffers)).padStart(12)}`
            : `  ${"".padStart(12)}  ${"".padStart(18)}  ${"".padStart(5)}  ${"".padStart(8)}  ${"".padStart(12)}`) +
          `  ${rate === null ? "(after setup)" : rate.toFixed(0).padStart(5)}`,
      );
    };
    samples.push({ round: 0, requests: 0, rss: rss(), probe: await probe() });
    line(samples[0] as Sample, null);
    let requests = 0;
    for (let k = 1; k <= opts.rounds; k++) {
      const ms = await round();
      requests += deck.length;
      const s: Sample = { round: k, requests, rss: rss(), probe: null };
      samples.push(s);
      if (opts.probe === "each" || k === 1 || k === opts.rounds) s.probe = await probe();
      line(s, (deck.length / ms) * 1000);
    }
    for (const [msg, n] of errors) console.log(`    ${n} × ${msg}`);

    // ---- verdict --------------------------------------------------------------------------------
    const half = samples.slice(Math.floor(samples.length / 2));
    const rssSlope = slope(
      half.map((s) => s.requests / 1000),
      half.map((s) => s.rss),
    );
    const first = half[0] as Sample;
    const last = samples.at(-1) as Sample;
    const parts = [
      `RSS ${f1(first.rss)} → ${f1(last.rss)} MiB over rounds ${first.round}–${last.round} ` +
        `(${signed(rssSlope)} MiB per 1,000 requests, least squares)`,
    ];
    // The live heap: the forced-GC readings after the warm-up round (round 0 is before it), over the
    // last half when every round has one, else from round 1 to the last round.
    const probed = samples.filter((s) => s.round >= 1 && s.probe !== null);
    const lastHalf = probed.filter((s) => s.round >= first.round);
    const heapPoints = lastHalf.length >= 3 ? lastHalf : probed;
    let heapSlope = Number.NaN;
    let heapGrowth = Number.NaN;
    const h0 = heapPoints[0];
    const h1 = heapPoints.at(-1);
    if (h0?.probe && h1?.probe && h1 !== h0) {
      const xs = heapPoints.map((s) => s.requests / 1000);
      heapSlope = slope(
        xs,
        heapPoints.map((s) => MiB((s.probe as ProbeAnswer).heapUsed)),
      );
      heapGrowth = MiB(h1.probe.heapUsed - h0.probe.heapUsed);
      const extSlope = slope(
        xs,
        heapPoints.map((s) => MiB((s.probe as ProbeAnswer).external)),
      );
      parts.push(
        `V8 heap after full GC ${f1(MiB(h0.probe.heapUsed))} → ${f1(MiB(h1.probe.heapUsed))} MiB over rounds ${h0.round}–${h1.round} ` +
          `(${signed(heapSlope)} MiB per 1,000 requests), external ${signed(extSlope)} MiB per 1,000 requests`,
      );
      const a = h0.probe;
      const b = h1.probe;
      const spaces = Object.keys(b.spaces)
        .map((name) => [name, MiB((b.spaces[name] ?? 0) - (a.spaces[name] ?? 0))] as const)
        .filter(([, d]) => Math.abs(d) >= 0.5)
        .map(([name, d]) => `${name} ${signed(d)}`);
      if (spaces.length > 0) parts.push(`heap spaces that moved by ≥ 0.5 MiB: ${spaces.join(", ")}`);
      if (opts.probe === "end") {
        parts.push(
          `at the end, before the forced GC: heap used ${f1(MiB(b.heapUsedBefore))} MiB, RSS ${f1(last.rss)} MiB; ` +
            `after it: heap ${f1(MiB(b.heapUsed))} MiB, RSS ${f1(MiB(b.rss))} MiB`,
        );
      }
    }
    for (const p of parts) console.log(`  ${p}`);
    if (Number.isNaN(heapSlope)) {
      // RSS alone cannot tell uncollected garbage from a leak: V8 lets its old space grow well past the
      // live data before a full GC, and freed memory is not always given back to the system.
      console.log(
        `  verdict: RSS ${signed(rssSlope)} MiB per 1,000 requests over the last ${last.round - first.round} rounds; ` +
          "without a forced GC this does not separate garbage from a leak (run with SOAK_PROBE=each or end)",
      );
    } else {
      // A leak: the live heap keeps rising, more than 0.5 MiB per 1,000 requests and more than 2 MiB in
      // all (a full GC's heap varies by about 1 MiB between samples).
      const leaking = heapSlope > 0.5 && heapGrowth > 2;
      console.log(
        `  verdict: ${
          leaking
            ? `LEAK — the live heap rises ${f1(heapSlope)} MiB per 1,000 requests (≈ ${(heapSlope * 1024).toFixed(0)} bytes per request)`
            : `no leak — the live heap moves ${signed(heapSlope)} MiB per 1,000 requests (${signed(heapGrowth)} MiB in all)`
        } over rounds ${h0?.round}–${h1?.round}, ${((h1?.requests ?? 0) - (h0?.requests ?? 0)).toLocaleString("en")} requests`,
      );
    }
  } finally {
    await server.stop();
    rmSync(probeDir, { recursive: true, force: true });
  }
}
