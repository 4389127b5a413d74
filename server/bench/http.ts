import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The real server for HTTP benchmarks: `node bin/shien.js serve` in its own process on a fresh
 * data directory (embedded PostgreSQL, seed organizations and plans), signed-in clients, and the
 * memory of its process tree. Shared by the support and subsidy benchmarks.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ADMIN_PASSWORD = "bench-admin-password";
export const STAFF_PASSWORD = "bench-staff-password-2026";

export interface Client {
  cookie: string;
  csrf: string;
  userId: string;
}

export interface ServerProcess {
  base: string;
  pid: number;
  /** SIGTERM, wait for the exit (HTTP drained, PostgreSQL stopped), remove the data directory. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server on free ports with the bench admin password; resolves once /api/health answers. */
export async function startServer(name: string): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `shien-bench-${name}-`));
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under the load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "bin/shien.js", "serve"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SHIEN_DATA_DIR: dataDir,
      SHIEN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SHIEN_PG_PORT: String(await freePort()),
      SHIEN_LOGIN_RATE_PER_MINUTE: "1000000",
      // The API alone: a stale web build must not be rebuilt inside a measurement.
      SHIEN_SKIP_WEB: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, exited);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, pid: child.pid as number, stop };
}

async function waitForHealth(base: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(gone ? "server exited before it answered" : "server did not start within 180 s");
}

export async function signIn(base: string, org: string, login: string, password: string): Promise<Client> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ org, login, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${login}: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "", csrf: me.csrfToken, userId: me.user.id };
}

/** A request as the client's session (cookie, and the CSRF header on writes). */
export function caller(base: string) {
  return (c: Client, method: string, url: string, body?: unknown) =>
    fetch(`${base}${url}`, {
      method,
      headers: {
        cookie: c.cookie,
        ...(method === "GET" ? {} : { "x-csrf-token": c.csrf, "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

/** The JSON answer, or an Error with the status and the body. */
export async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface TreeMemory {
  /** The server's node process: resident now and its peak (VmHWM). */
  serverRssMiB: number;
  serverPeakMiB: number;
  /** Its PostgreSQL processes: how many, and their proportional set size (shared memory counted once). */
  pgProcesses: number;
  pgPssMiB: number;
  /** CPU seconds so far: the server's node process, and PostgreSQL (ended backends included). */
  serverCpuS: number;
  pgCpuS: number;
}

/** The fields of /proc/<pid>/stat after the command name, from field 3 (state) on. */
const statFields = (pid: number | string) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
};
/** utime + stime (+ cutime + cstime of reaped children) in seconds, at the usual 100 ticks per second. */
const cpuSeconds = (f: string[], children: boolean) =>
  (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) / 100;

const statusKb = (pid: number, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

/** Memory of the server process and its descendants (Linux /proc); null elsewhere or when unreadable. */
export function treeMemory(pid: number): TreeMemory | null {
  try {
    const parent = new Map<number, number>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        parent.set(Number(entry), Number(statFields(entry)[1]));
      } catch {
        // the process ended meanwhile
      }
    }
    const descendants: number[] = [];
    const walk = (p: number) => {
      for (const [child, pp] of parent) {
        if (pp === p) {
          descendants.push(child);
          walk(child);
        }
      }
    };
    walk(pid);
    let pssKb = 0;
    let pg = 0;
    let pgCpuS = 0;
    for (const d of descendants) {
      try {
        if (!readFileSync(`/proc/${d}/comm`, "utf8").startsWith("postgres")) continue;
        pssKb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${d}/smaps_rollup`, "utf8"))?.[1] ?? 0);
        pgCpuS += cpuSeconds(statFields(d), true);
        pg++;
      } catch {
        // ended meanwhile
      }
    }
    return {
      serverRssMiB: statusKb(pid, "VmRSS") / 1024,
      serverPeakMiB: statusKb(pid, "VmHWM") / 1024,
      pgProcesses: pg,
      pgPssMiB: pssKb / 1024,
      serverCpuS: cpuSeconds(statFields(pid), false),
      pgCpuS,
    };
  } catch {
    return null;
  }
}

/**
 * Creates a staff member or manager of every department (the programs' 担当課 include the
 * confidential 協議会) through the admin's session and signs them in.
 */
export async function newUserOfEveryDepartment(
  base: string,
  org: string,
  admin: Client,
  user: { login: string; role: "staff" | "manager"; displayName: string },
): Promise<Client> {
  const call = caller(base);
  const departments = (await json<{ items: { id: string }[] }>(await call(admin, "GET", "/api/departments"))).items;
  await json(
    await call(admin, "POST", "/api/users", {
      ...user,
      departmentIds: departments.map((d) => d.id),
      password: STAFF_PASSWORD,
    }),
  );
  return signIn(base, org, user.login, STAFF_PASSWORD);
}
