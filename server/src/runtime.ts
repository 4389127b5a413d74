import type { Config } from "./config.js";
import { type OpenedDatabase, openDatabase } from "./db/open.js";
import { announceAdmins, seedOnFirstStart } from "./setup/first-start.js";
import { seedPlans } from "./setup/seed-plans.js";

/**
 * Everything a Shien process needs before it does anything: the database (embedded or external),
 * migrated, and seeded on first start. `serve` and every CLI command go through here, so a CLI
 * command on a fresh data directory initialises it exactly as `npm start` would.
 */
export async function openRuntime(
  config: Config,
  print: (line: string) => void = (l) => console.log(l),
): Promise<OpenedDatabase> {
  const database = await openDatabase(config, (m) => print(m));
  try {
    announceAdmins(await seedOnFirstStart(database.db, config.adminPassword), print);
    await seedPlans(database.db, print);
  } catch (err) {
    await database.shutdown();
    throw err;
  }
  return database;
}
