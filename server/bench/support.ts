import { ADMIN_PASSWORD, type Client, caller, signIn as signInTo, startServer } from "./http.js";
import { machineLine, percentile } from "./machine.js";

/**
 * Support records under load (issue 5): the real server (`node bin/shien.js serve`, its own
 * process, embedded PostgreSQL) and 200 signed-in staff sessions in this process that record
 * consultations and read company timelines at once. One business carries 500 activities; its
 * timeline (first page of 100, total over all 500) is timed alone and under the mixed load.
 * Prints req/s and p50/p99; asserts nothing.
 */
const STAFF_PASSWORD = "bench-staff-password-2026";
const signIn = (base: string, login: string, password: string) => signInTo(base, "fukushima", login, password);

export async function supportBench(opts: {
  sessions: number;
  seconds: number;
  activities: number;
  thinkMs: number;
}): Promise<void> {
  const server = await startServer("support");
  const base = server.base;
  try {
    const admin = await signIn(base, "admin", ADMIN_PASSWORD);
    const call = caller(base);
    // biome-ignore lint/suspicious/noExplicitAny: bench-only reads of JSON answers
    const json = async (res: Response): Promise<any> => {
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      return res.json();
    };

    const departments = (await json(await call(admin, "GET", "/api/departments"))).items as {
      id: string;
      name: string;
    }[];
    const yorozu = departments.find((d) => d.name === "よろず支援拠点") as { id: string };
    const programs = (await json(await call(admin, "GET", "/api/programs?fiscalYear=2026"))).items as {
      id: string;
      code: string;
    }[];
    const program = programs.find((p) => p.code === "I-1-2") as { id: string };

    process.stdout.write(`support: creating ${opts.sessions} staff users and sessions … `);
    const clients: Client[] = [];
    for (let i = 0; i < opts.sessions; i++) {
      const login = `bench-staff-${i}`;
      await json(
        await call(admin, "POST", "/api/users", {
          login,
          displayName: `ベンチ職員${i}`,
          role: "staff",
          departmentIds: [yorozu.id],
          password: STAFF_PASSWORD,
        }),
      );
      clients.push(await signIn(base, login, STAFF_PASSWORD));
    }
    console.log("done");

    const companyIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const c = await json(await call(clients[0] as Client, "POST", "/api/companies", { name: `ベンチ商事${i}` }));
      companyIds.push(c.id);
    }
    const big = companyIds[0] as string;
    const consultation = (c: Client, companyId: string, n: number) => ({
      companyId,
      programId: program.id,
      channel: n % 3 === 0 ? "visit" : "window",
      occurredOn: `2026-${String(4 + (n % 9)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`,
      durationMinutes: 60,
      staffUserIds: [c.userId],
      topics: ["資金繰り"],
      notes: `ベンチ相談 ${n}`,
      // The big business stays at exactly one fact per consultation (no 課題解決 facts).
      status: companyId !== big && n % 5 === 0 ? "resolved" : "ongoing",
    });
    process.stdout.write(`support: recording ${opts.activities} consultations for one business … `);
    let made = 0;
    await Promise.all(
      clients.slice(0, 10).map(async (c) => {
        while (made < opts.activities) {
          const n = made++;
          await json(await call(c, "POST", "/api/consultations", consultation(c, big, n)));
        }
      }),
    );
    console.log("done");

    // Alone: the 500-activity timeline, one request at a time.
    const alone: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await json(await call(clients[i % clients.length] as Client, "GET", `/api/companies/${big}/timeline`));
      alone.push(performance.now() - t0);
    }
    // Alone: recording one consultation at a time.
    const aloneWrite: number[] = [];
    for (let i = 0; i < 100; i++) {
      const c = clients[i % clients.length] as Client;
      const t0 = performance.now();
      await json(await call(c, "POST", "/api/consultations", consultation(c, companyIds[1 + (i % 199)] as string, i)));
      aloneWrite.push(performance.now() - t0);
    }
    const bigTotal = (await json(await call(clients[0] as Client, "GET", `/api/companies/${big}/timeline`))).total;

    /**
     * Mixed load: every session alternates recording a consultation and reading a timeline (a
     * quarter of the reads are the 500-activity business). With `thinkMs` each session pauses a
     * random 0–2×thinkMs between requests, as people do; without it the sessions fire back to
     * back, which measures the server's capacity rather than what staff see.
     */
    let n = 0;
    const load = async (thinkMs: number) => {
      const lat = { write: [] as number[], timeline: [] as number[], bigTimeline: [] as number[] };
      let errors = 0;
      const until = performance.now() + opts.seconds * 1000;
      const started = performance.now();
      await Promise.all(
        clients.map(async (c, i) => {
          let k = i;
          while (performance.now() < until) {
            if (thinkMs > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs));
            k++;
            const t0 = performance.now();
            let res: Response;
            let kind: keyof typeof lat;
            if (k % 2 === 0) {
              kind = "write";
              const body = consultation(c, companyIds[1 + (k % 199)] as string, n++);
              res = await call(c, "POST", "/api/consultations", body);
            } else {
              const target = k % 4 === 1 ? big : (companyIds[1 + (k % 199)] as string);
              kind = target === big ? "bigTimeline" : "timeline";
              res = await call(c, "GET", `/api/companies/${target}/timeline`);
            }
            await res.arrayBuffer();
            if (!res.ok) errors++;
            lat[kind].push(performance.now() - t0);
          }
        }),
      );
      const total = lat.write.length + lat.timeline.length + lat.bigTimeline.length;
      return { lat, errors, rate: total / ((performance.now() - started) / 1000) };
    };
    const paced = await load(opts.thinkMs);
    const saturated = await load(0);
    const fmt = (xs: number[]) => {
      xs.sort((a, b) => a - b);
      return `n ${xs.length}  p50 ${percentile(xs, 50).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`;
    };
    console.log(machineLine());
    console.log("support: server in its own process (embedded PostgreSQL), clients in the bench process");
    console.log(`  timeline of a business with ${bigTotal} activities, alone (page of 100): ${fmt(alone)}`);
    console.log(`  record a consultation, alone:                              ${fmt(aloneWrite)}`);
    for (const [label, r] of [
      [`${opts.sessions} sessions at staff pace (think 0–${(2 * opts.thinkMs) / 1000} s)`, paced],
      [`${opts.sessions} sessions back to back (capacity)`, saturated],
    ] as const) {
      console.log(`  ${label}, ${opts.seconds} s: ${r.rate.toFixed(0)} req/s, errors ${r.errors}`);
      console.log(`    record consultation (POST):          ${fmt(r.lat.write)}`);
      console.log(`    timeline, business with ${bigTotal}:     ${fmt(r.lat.bigTimeline)}`);
      console.log(`    timeline, other businesses:          ${fmt(r.lat.timeline)}`);
    }
  } finally {
    await server.stop();
  }
}
