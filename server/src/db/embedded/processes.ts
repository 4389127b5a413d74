import { readFileSync } from "node:fs";

/** True when a process with this pid exists (signal 0 probes without delivering anything). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a live process, or undefined (Linux /proc; elsewhere liveness alone decides). */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return undefined;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

export interface PostmasterInfo {
  pid: number;
  port: number;
}

/** Reads `postmaster.pid` (line 1: pid, line 4: port), the lock file PostgreSQL keeps in its data dir. */
export function readPostmasterPid(pgDir: string): PostmasterInfo | undefined {
  let text: string;
  try {
    text = readFileSync(`${pgDir}/postmaster.pid`, "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split("\n");
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** A live postmaster serving exactly this data directory (a reused pid of another program is not). */
export function isPostmasterOf(info: PostmasterInfo, pgDir: string): boolean {
  if (!isAlive(info.pid)) return false;
  const cmd = commandLine(info.pid);
  return cmd === undefined || (cmd.includes("postgres") && cmd.includes(pgDir));
}
