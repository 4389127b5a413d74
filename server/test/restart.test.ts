import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAlive, readPostmasterPid } from "../src/db/embedded/processes.js";
import { HttpClient, type ServerProcess, startServer } from "./server-process.js";

const PASSWORD = "restart-test-password";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "shien-restart-"));
const env = { SHIEN_DATA_DIR: dataDir, SHIEN_ADMIN_PASSWORD: PASSWORD };
const pgDir = path.join(dataDir, "pg");
let current: ServerProcess | undefined;

afterAll(async () => {
  if (current && current.child.exitCode === null) {
    current.child.kill("SIGTERM");
    await current.exited;
  }
  const pm = readPostmasterPid(pgDir);
  if (pm && isAlive(pm.pid)) process.kill(pm.pid, "SIGINT");
  rmSync(dataDir, { recursive: true, force: true });
});

async function createDepartment(server: ServerProcess, code: string): Promise<void> {
  const client = new HttpClient(`http://127.0.0.1:${server.port}`);
  await client.login("fukushima", "admin", PASSWORD);
  const res = await client.send("POST", "/api/departments", { code, name: `再起動テスト ${code}` });
  expect(res.status).toBe(201);
}

async function departmentCodes(server: ServerProcess): Promise<string[]> {
  const client = new HttpClient(`http://127.0.0.1:${server.port}`);
  await client.login("fukushima", "admin", PASSWORD);
  const res = await client.send("GET", "/api/departments");
  return (res.json as { items: { code: string }[] }).items.map((d) => d.code);
}

describe("restart", { timeout: 180_000 }, () => {
  it("when the server is stopped with SIGTERM, then it exits 0, stops PostgreSQL, and the data is there after the next start", async () => {
    current = await startServer(env);
    await createDepartment(current, "before-sigterm");
    const pm = readPostmasterPid(pgDir);
    current.child.kill("SIGTERM");
    expect(await current.exited).toBe(0);
    expect(pm && isAlive(pm.pid)).toBe(false);
    expect(existsSync(path.join(pgDir, "postmaster.pid"))).toBe(false);

    current = await startServer(env);
    expect(await departmentCodes(current)).toContain("before-sigterm");
  });

  it("when the server is killed with SIGKILL, then PostgreSQL is left running and the next start takes over without losing commits", async () => {
    const server = current as ServerProcess;
    await createDepartment(server, "before-kill");
    server.child.kill("SIGKILL");
    await server.exited;
    const orphan = readPostmasterPid(pgDir);
    expect(orphan && isAlive(orphan.pid)).toBe(true);

    current = await startServer(env);
    expect(current.output()).toContain("異常終了");
    expect(await departmentCodes(current)).toEqual(expect.arrayContaining(["before-sigterm", "before-kill"]));
  });

  it("when both the server and PostgreSQL were killed, then the stale postmaster.pid is removed and the start succeeds", async () => {
    const server = current as ServerProcess;
    await createDepartment(server, "before-double-kill");
    const pm = readPostmasterPid(pgDir);
    server.child.kill("SIGKILL");
    await server.exited;
    if (pm) process.kill(pm.pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(path.join(pgDir, "postmaster.pid"))).toBe(true);

    current = await startServer(env);
    expect(await departmentCodes(current)).toContain("before-double-kill");
  });

  it("when postmaster.pid names a live process that is not PostgreSQL (pid reuse), then the start still succeeds", async () => {
    const server = current as ServerProcess;
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    // Our own pid is alive and is not a postmaster of this directory.
    const fake = [String(process.pid), pgDir, "0", "54329", "", "127.0.0.1", "0 0", "ready"].join("\n");
    writeFileSync(path.join(pgDir, "postmaster.pid"), fake);
    current = await startServer(env);
    expect(await departmentCodes(current)).toContain("before-double-kill");
    expect(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]).not.toBe(String(process.pid));
  });
});

describe("sharing one data directory", { timeout: 180_000 }, () => {
  it("when the process that started PostgreSQL exits while a server is attached, then the server keeps its database and stops it at the end", async () => {
    const { openEmbeddedPostgres } = await import("../src/db/embedded/server.js");
    const shared = mkdtempSync(path.join(os.tmpdir(), "shien-shared-"));
    try {
      // This test process plays the CLI command that started the cluster first.
      const first = await openEmbeddedPostgres(shared, { log: () => {} });
      expect(first.owned).toBe(true);
      const server = await startServer({ SHIEN_DATA_DIR: shared, SHIEN_ADMIN_PASSWORD: PASSWORD });
      await first.stop();
      const client = new HttpClient(`http://127.0.0.1:${server.port}`);
      await client.login("mie", "admin", PASSWORD);
      expect((await client.send("GET", "/api/departments")).status).toBe(200);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      const pm = readPostmasterPid(path.join(shared, "pg"));
      expect(pm === undefined || !isAlive(pm.pid)).toBe(true);
    } finally {
      const pm = readPostmasterPid(path.join(shared, "pg"));
      if (pm && isAlive(pm.pid)) process.kill(pm.pid, "SIGINT");
      rmSync(shared, { recursive: true, force: true });
    }
  });
});
