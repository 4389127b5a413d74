import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { connect } from "../src/db/client.js";
import { type EmbeddedPg, openEmbeddedPostgres } from "../src/db/embedded/server.js";
import { runMigrations } from "../src/db/migrate.js";

export const TEMPLATE_DB = "shien_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection URL of the server's maintenance database (`postgres`), used to clone the template. */
    pgAdminUrl: string;
  }
}

let embedded: EmbeddedPg | undefined;
let dataDir: string | undefined;

/**
 * One PostgreSQL per test run (embedded, or TEST_DATABASE_URL's server), one migrated template
 * database; every test file clones its own database from the template (see test/context.ts).
 */
export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "shien-test-"));
    embedded = await openEmbeddedPostgres(dataDir, { database: "postgres", log: () => {} });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(
      `create database ${TEMPLATE_DB} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0`,
    );
  } finally {
    await admin.end();
  }
  const template = connect(withDatabase(adminUrl, TEMPLATE_DB), { max: 1 });
  try {
    await runMigrations(template.db);
  } finally {
    await template.close();
  }
  project.provide("pgAdminUrl", adminUrl);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
