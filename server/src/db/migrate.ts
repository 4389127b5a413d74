import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Db } from "./client.js";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Applies the checked-in migrations. Called once, in one process, before the server listens. */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
