import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { assertUtf8, connect } from "../src/db/client.js";
import { migrationsFolder, runMigrations } from "../src/db/migrate.js";
import { withDatabase } from "./global-setup.js";

async function emptyDatabase(extra = "encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'"): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `m_${randomBytes(5).toString("hex")}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`create database ${name} ${extra} template template0`).finally(() => c.end());
  return withDatabase(adminUrl, name);
}

describe("migrations", () => {
  it("when applied to an empty database, then every checked-in migration runs and a second run changes nothing", async () => {
    const database = connect(await emptyDatabase(), { max: 1 });
    try {
      await runMigrations(database.db);
      const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
      const applied = await database.pool.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(applied.rows[0].n).toBe(journal.entries.length);
      const tables = await database.pool.query(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(["organizations", "departments", "users", "sessions", "audit_log", "audit_heads"]),
      );
      await runMigrations(database.db);
      const again = await database.pool.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(again.rows[0].n).toBe(journal.entries.length);
    } finally {
      await database.close();
    }
  });

  it("when migration names are listed, then they are strictly increasing (the migrator skips older ones)", () => {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
    const tags: string[] = journal.entries.map((e: { tag: string }) => e.tag);
    expect([...tags].sort()).toEqual(tags);
    const whens: number[] = journal.entries.map((e: { when: number }) => e.when);
    for (let i = 1; i < whens.length; i++) expect(whens[i]).toBeGreaterThan(whens[i - 1] as number);
  });
});

describe("start-up checks", () => {
  it("when the database's ctype is not UTF-8, then start-up refuses it with a message saying what to do", async () => {
    const database = connect(await emptyDatabase("encoding 'SQL_ASCII' lc_collate 'C' lc_ctype 'C'"), { max: 1 });
    try {
      await expect(assertUtf8(database.pool)).rejects.toThrow(/UTF-8/);
    } finally {
      await database.close();
    }
  });

  it("when the database is UTF-8 with C.UTF-8, then start-up accepts it", async () => {
    const database = connect(await emptyDatabase(), { max: 1 });
    try {
      await expect(assertUtf8(database.pool)).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
