import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isAlive } from "./processes.js";

/**
 * Serialises cluster start-up between Shien processes on one data directory (a CLI command
 * launched while `npm start` is still booting). A lock left by a killed process is taken over.
 */
export async function withStartLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const file = path.join(dataDir, "start.lock");
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSafe(file));
      if (!isAlive(holder)) {
        unlinkSync(file);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`start.lock is held by pid ${holder}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(file);
    } catch {}
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
