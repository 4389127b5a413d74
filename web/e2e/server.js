// @ts-check
/**
 * Starts the real application (`node bin/shien.js serve`) on free ports with a fresh data
 * directory, for a browser journey; stops it and removes the data afterwards.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** @returns {Promise<number>} a TCP port nobody listens on right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} RunningApp
 * @property {string} baseUrl
 * @property {string} logFile
 * @property {() => Promise<number | null>} stop  SIGTERM, then SIGKILL after 30 s; resolves with the exit code
 */

/**
 * @param {{ repoRoot: string, logFile: string, adminPassword: string, startTimeoutMs?: number }} options
 * @returns {Promise<RunningApp>}
 */
export async function startApp({ repoRoot, logFile, adminPassword, startTimeoutMs = 180_000 }) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "shien-e2e-"));
  const port = await freePort();
  const pgPort = await freePort();
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ["bin/shien.js", "serve"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SHIEN_DATA_DIR: dataDir,
      SHIEN_ADMIN_PASSWORD: adminPassword,
      SHIEN_PG_PORT: String(pgPort),
      PORT: String(port),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const stop = async () => {
    if (!hasExited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    await rm(dataDir, { recursive: true, force: true });
    return exited;
  };

  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) {
      const code = await stop();
      throw new Error(`the server exited with code ${code} before answering /api/health (log: ${logFile})`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return { baseUrl, logFile, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`/api/health did not answer within ${startTimeoutMs / 1000} s (log: ${logFile})`);
}
