import { hashPassword, verifyPassword } from "../src/lib/passwords.js";
import { machineLine, percentile } from "./machine.js";

/** Cost of one argon2id verification: the floor of every login's latency and its CPU budget. */
export async function passwordHash(opts: { rounds: number }): Promise<void> {
  const hash = await hashPassword("benchmark password value");
  const times: number[] = [];
  for (let i = 0; i < opts.rounds; i++) {
    const t0 = performance.now();
    await verifyPassword(hash, "benchmark password value");
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(machineLine());
  console.log(`password-hash: argon2id m=19 MiB t=2 p=1, ${opts.rounds} verifications`);
  console.log(`  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms`);
}
