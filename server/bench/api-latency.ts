import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openRuntime } from "../src/runtime.js";
import { machineLine, percentile } from "./machine.js";

/**
 * API latency under concurrent load: a real server on loopback, signed-in clients hitting
 * GET /api/auth/me (session lookup + profile) and GET /api/departments. Prints p50/p95/p99 and
 * throughput. Bounded: a fixed number of requests, loopback only.
 */
export async function apiLatency(opts: { requests: number; concurrency: number }): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "shien-bench-"));
  const config = {
    ...loadConfig({ SHIEN_DATA_DIR: dataDir, SHIEN_ADMIN_PASSWORD: "bench-admin-password", LOG_LEVEL: "silent" }),
    port: 0,
    host: "127.0.0.1",
  };
  const database = await openRuntime(config, () => {});
  const app = await buildApp({ config, db: database.db, logger: false });
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ org: "fukushima", login: "admin", password: "bench-admin-password" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const urls = ["/api/auth/me", "/api/departments"];
    const latencies: number[] = [];
    let next = 0;
    let errors = 0;
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const worker = async () => {
      while (next < opts.requests) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(`${base}${urls[i % urls.length]}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (!res.ok) errors++;
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(machineLine());
    console.log(
      `api-latency: ${opts.requests} requests, concurrency ${opts.concurrency} (client and server in one process)`,
    );
    console.log(
      `  p50 ${percentile(latencies, 50).toFixed(2)} ms  p95 ${percentile(latencies, 95).toFixed(2)} ms  ` +
        `p99 ${percentile(latencies, 99).toFixed(2)} ms  max ${(latencies.at(-1) ?? 0).toFixed(2)} ms`,
    );
    console.log(`  throughput ${(opts.requests / seconds).toFixed(0)} req/s, errors ${errors}`);
    console.log(
      `  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (before load ${(rssBefore / 2 ** 20).toFixed(0)} MiB)`,
    );
  } finally {
    await app.close();
    await database.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
