import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive, readPostmasterPid } from "../src/db/embedded/processes.js";
import { HttpClient, repoRoot, type ServerProcess, startServer } from "./server-process.js";

const PASSWORD = "cli-test-admin-password";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "shien-cli-"));
const env = { ...process.env, SHIEN_DATA_DIR: dataDir, SHIEN_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: "warn" };
let server: ServerProcess;

function shien(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, "bin/shien.js"), ...args], {
    cwd: repoRoot,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The embedded cluster's superuser connection, as the running server recorded it. */
function databaseUrl(): string {
  const creds = JSON.parse(readFileSync(path.join(dataDir, "pg-credentials.json"), "utf8"));
  const pm = readPostmasterPid(path.join(dataDir, "pg"));
  return `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${pm?.port}/shien`;
}

describe("shien CLI", { timeout: 180_000 }, () => {
  it("when run on a fresh data directory, then `migrate` initialises, migrates and seeds it and stops its PostgreSQL", () => {
    const r = shien("migrate");
    expect(r.status).toBe(0);
    expect(r.out).toContain("migrations applied");
    const pm = readPostmasterPid(path.join(dataDir, "pg"));
    expect(pm === undefined || !isAlive(pm.pid)).toBe(true);
  });

  it("when --help is asked of any command, then it describes it", () => {
    for (const args of [
      ["--help"],
      ["user", "create", "--help"],
      ["audit", "verify", "--help"],
      ["org", "create", "--help"],
    ]) {
      const r = shien(...args);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/Usage: shien/);
    }
  });

  describe("beside a running server", () => {
    beforeAll(async () => {
      server = await startServer({ SHIEN_DATA_DIR: dataDir, SHIEN_ADMIN_PASSWORD: PASSWORD });
    });
    afterAll(async () => {
      server.child.kill("SIGTERM");
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("when a user is created from the CLI, then it attaches to the server's PostgreSQL and the user can sign in", async () => {
      const before = readPostmasterPid(path.join(dataDir, "pg"));
      const r = shien(
        "user",
        "create",
        "--org",
        "mie",
        "--login",
        "suzuki",
        "--name",
        "鈴木 花子",
        "--role",
        "staff",
        "--department",
        "keiei-shien",
        "--password",
        "suzuki-password-1",
      );
      expect(r.status, r.out).toBe(0);
      expect(readPostmasterPid(path.join(dataDir, "pg"))?.pid).toBe(before?.pid);
      const client = new HttpClient(`http://127.0.0.1:${server.port}`);
      await client.login("mie", "suzuki", "suzuki-password-1");
      const me = await client.send("GET", "/api/auth/me");
      expect((me.json as { user: { displayName: string } }).user.displayName).toBe("鈴木 花子");
    });

    it("when the department code is unknown, then the CLI fails naming it and creates nothing", () => {
      const r = shien(
        "user",
        "create",
        "--org",
        "mie",
        "--login",
        "tanaka",
        "--name",
        "田中",
        "--role",
        "staff",
        "--department",
        "no-such-dept",
      );
      expect(r.status).toBe(1);
      expect(r.out).toContain("no-such-dept");
      expect(shien("user", "disable", "--org", "mie", "--login", "tanaka").status).toBe(1);
    });

    it("when a user is disabled from the CLI, then their live session ends", async () => {
      const client = new HttpClient(`http://127.0.0.1:${server.port}`);
      await client.login("mie", "suzuki", "suzuki-password-1");
      expect((await client.send("GET", "/api/auth/me")).status).toBe(200);
      expect(shien("user", "disable", "--org", "mie", "--login", "suzuki").status).toBe(0);
      expect((await client.send("GET", "/api/auth/me")).status).toBe(401);
    });

    it("when an organization is created, then its admin can sign in with the given password", async () => {
      const r = shien(
        "org",
        "create",
        "akita",
        "公益財団法人あきた企業活性化センター",
        "--admin-password",
        "akita-admin-password",
      );
      expect(r.status, r.out).toBe(0);
      const client = new HttpClient(`http://127.0.0.1:${server.port}`);
      await client.login("akita", "admin", "akita-admin-password");
      const org = await client.send("GET", "/api/organization");
      expect((org.json as { name: string }).name).toBe("公益財団法人あきた企業活性化センター");
    });

    it("when an audit entry is edited behind the application's back, then `audit verify` reports it and exits 1", async () => {
      const ok = shien("audit", "verify");
      expect(ok.status, ok.out).toBe(0);
      expect(ok.out).toMatch(/fukushima: \d+ entries, OK/);

      const c = new pg.Client({ connectionString: databaseUrl() });
      await c.connect();
      try {
        // Only a superuser bypassing the append-only trigger can do this; the chain still notices.
        await c.query("set session_replication_role = replica");
        await c.query(`update audit_log set actor_label = 'someone else'
          where seq = 2 and org_id = (select id from organizations where slug = 'mie')`);
      } finally {
        await c.end();
      }
      const bad = shien("audit", "verify");
      expect(bad.status).toBe(1);
      expect(bad.out).toMatch(/mie: \d+ entries, 1 problem/);
      expect(bad.out).toContain("seq 2: hash-mismatch 記録の内容がハッシュと一致しません（書き換えられています）");
      expect(bad.out).toMatch(/fukushima: \d+ entries, OK/);
    });
  });
});
