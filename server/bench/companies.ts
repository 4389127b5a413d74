import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { systemActor } from "../src/http/actor.js";
import { importCompanies, runDedupe } from "../src/modules/companies/index.js";
import { createOrganization } from "../src/modules/organizations/index.js";
import { openRuntime } from "../src/runtime.js";
import { machineLine } from "./machine.js";
import { generateScaleSet } from "./meiyose-scale.js";

/**
 * The registry at scale, in a real (embedded) PostgreSQL: importing N company rows from CSV
 * (validated, normalised, stored in one transaction, then linked by 名寄せ), and a dedupe run over
 * the organization's N companies. Prints wall times and the process's peak RSS.
 */
export async function companiesBench(n: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "shien-bench-companies-"));
  const config = {
    ...loadConfig({ SHIEN_DATA_DIR: path.join(dir, "data"), SHIEN_ADMIN_PASSWORD: "bench-admin-password" }),
  };
  const database = await openRuntime(config, () => {});
  try {
    const csv = await generateScaleSet(dir, n, 7);
    const bytes = readFileSync(csv);
    const org = await createOrganization(database.db, {
      slug: `bench${Date.now() % 100000}`,
      name: "ベンチマーク支援センター",
    });
    const actor = systemActor(org.id, "bench");
    let t0 = performance.now();
    const report = await importCompanies(database.db, actor, {
      bytes,
      fileName: "scale.csv",
      dryRun: false,
      link: false,
    });
    const importSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const first = await runDedupe(database.db, actor);
    const linkSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const stats = await runDedupe(database.db, actor);
    const dedupeSeconds = (performance.now() - t0) / 1000;
    console.log(machineLine());
    console.log(
      `companies import: ${n.toLocaleString()} rows (${(bytes.length / 2 ** 20).toFixed(1)} MiB CSV), validated, normalised, stored`,
    );
    console.log(
      `  ${importSeconds.toFixed(1)} s (created ${report.created}, folded same-法人番号 rows ${report.sameNumberRows}, errors ${report.errors.length})`,
    );
    console.log(
      `  then the 名寄せ link step (first dedupe, every key written): ${linkSeconds.toFixed(1)} s → ${first.entities} businesses`,
    );
    console.log(
      `companies dedupe again: ${stats.records} records → ${stats.entities} businesses, ${stats.reviewPairs} review pairs`,
    );
    console.log(`  ${dedupeSeconds.toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    await database.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
