import type { Config } from "../config.js";
import { assertUtf8, connect, type Database } from "./client.js";
import { type EmbeddedPg, openEmbeddedPostgres } from "./embedded/server.js";
import { runMigrations } from "./migrate.js";

export interface OpenedDatabase extends Database {
  embedded: EmbeddedPg | undefined;
  /** Closes the pool and, when this process started it, stops the embedded PostgreSQL. */
  shutdown(): Promise<void>;
}

/** DATABASE_URL when given, else the embedded PostgreSQL of the data directory; checked and migrated. */
export async function openDatabase(config: Config, log: (m: string) => void): Promise<OpenedDatabase> {
  const embedded = config.databaseUrl
    ? undefined
    : await openEmbeddedPostgres(config.dataDir, { port: config.pgPort, log });
  const url = config.databaseUrl ?? embedded?.url;
  if (!url) throw new Error("no database");
  const database = connect(url);
  try {
    await assertUtf8(database.pool);
    await runMigrations(database.db);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  return {
    ...database,
    embedded,
    shutdown: async () => {
      await database.close();
      await embedded?.stop();
    },
  };
}
