import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isAlive, readPostmasterPid, waitForExit } from "../src/db/embedded/processes.js";
import { openEmbeddedPostgres } from "../src/db/embedded/server.js";
import { repoRoot } from "./server-process.js";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "shien-adopt-"));
const pgDir = path.join(dataDir, "pg");
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  const pm = readPostmasterPid(pgDir);
  if (pm && isAlive(pm.pid)) {
    process.kill(pm.pid, "SIGINT");
    await waitForExit(pm.pid, 30_000);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Holder {
  child: ChildProcess;
  owned: boolean;
  port: number;
  exited: Promise<number | null>;
}

/**
 * Another Shien process on the data directory, as `shien serve` opens it: it reports what it got,
 * holds the cluster, and on SIGTERM releases it the way a clean shutdown does.
 */
async function holder(): Promise<Holder> {
  const script = `
    const { openEmbeddedPostgres } = await import(${JSON.stringify(path.join(repoRoot, "server/src/db/embedded/server.ts"))});
    const pg = await openEmbeddedPostgres(${JSON.stringify(dataDir)}, { log: (m) => console.error(m) });
    console.log(JSON.stringify({ owned: pg.owned, port: Number(new URL(pg.url).port) }));
    process.on("SIGTERM", async () => { await pg.stop(); process.exit(0); });
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: path.join(repoRoot, "server"),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let out = "";
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (c: Buffer) => {
      buf += c.toString();
      if (buf.includes("\n")) resolve(buf.split("\n")[0] ?? "");
    });
    child.once("exit", (code) => reject(new Error(`holder exited early (${code}):\n${out}`)));
  });
  return { child, exited, ...(JSON.parse(line) as { owned: boolean; port: number }) };
}

describe("a server restarted after kill -9 beside a running CLI command", { timeout: 180_000 }, () => {
  it("when the owner is killed while a command is attached, then the next server adopts the running PostgreSQL without cutting the command off, and stops it once both are done", async () => {
    const first = await holder();
    expect(first.owned).toBe(true);
    // This test process plays the CLI command attached beside the server.
    const cli = await openEmbeddedPostgres(dataDir, { log: () => {} });
    expect(cli.owned).toBe(false);
    const session = new pg.Client({ connectionString: cli.url });
    await session.connect();
    const postmaster = readPostmasterPid(pgDir);

    first.child.kill("SIGKILL");
    await first.exited;
    const second = await holder();

    expect(second.owned).toBe(true);
    expect(second.port).toBe(postmaster?.port);
    expect(readPostmasterPid(pgDir)?.pid).toBe(postmaster?.pid);
    expect(JSON.parse(readFileSync(path.join(dataDir, "pg-owner.json"), "utf8")).pid).toBe(second.child.pid);
    // The command's open connection survived the restart of the server.
    expect((await session.query("select 1 as ok")).rows).toEqual([{ ok: 1 }]);

    await session.end();
    await cli.stop();
    expect(postmaster && isAlive(postmaster.pid)).toBe(true);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(postmaster && (await waitForExit(postmaster.pid, 30_000))).toBe(true);
  });
});
