import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { buildApp } from "../src/app.js";
import { type Config, loadConfig } from "../src/config.js";
import { connect, type Database } from "../src/db/client.js";
import type { ZodApp } from "../src/http/types.js";
import { TEMPLATE_DB, withDatabase } from "./global-setup.js";

export interface TestContext {
  app: ZodApp;
  database: Database;
  config: Config;
  /** Connection URL of this file's own database. */
  url: string;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template and an app built on it, for one test file. */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const database = connect(url, { max: 5 });
  // The per-IP login rate limit would trip over a suite's many sign-ins from one address; the
  // rate-limit test sets its own small limit.
  const base = loadConfig({ NODE_ENV: "test", SHIEN_DATA_DIR: "/nonexistent", SHIEN_LOGIN_RATE_PER_MINUTE: "100000" });
  const config: Config = { ...base, ...overrides };
  const app = await buildApp({ config, db: database.db, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    url,
    close: async () => {
      await app.close();
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).finally(() => a.end());
    },
  };
}
