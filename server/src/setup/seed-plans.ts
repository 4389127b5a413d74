import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/client.js";
import { findOrganizationBySlug } from "../modules/organizations/index.js";
import { hasPlan, importPlanText } from "../modules/plans/index.js";

export const seedPlansDir = fileURLToPath(new URL("../../seed-data/plans", import.meta.url));

/**
 * Imports the checked-in plans (`seed-data/plans/<org>-<year>.yaml`) into their organizations when
 * that organization has no plan for that year yet: on first start, and on any later start after a
 * failed one. Files of organizations that do not exist here are skipped.
 */
export async function seedPlans(db: Db, print: (line: string) => void): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(seedPlansDir).filter((f) => /^[a-z][a-z0-9-]*-\d{4}\.yaml$/.test(f));
  } catch {
    return;
  }
  for (const file of files.sort()) {
    const match = /^(.*)-(\d{4})\.yaml$/.exec(file);
    if (!match) continue;
    const org = await findOrganizationBySlug(db, match[1] as string);
    if (!org || (await hasPlan(db, org.id, Number(match[2])))) continue;
    const full = path.join(seedPlansDir, file);
    const result = await importPlanText(db, readFileSync(full, "utf8"), full);
    print(`事業計画を取り込みました / plan imported: ${org.slug} ${result.fiscalYear} (${result.programs} programs)`);
  }
}
