import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isAlive } from "./processes.js";

/**
 * Serialises cluster start-up between Shien processes on one data directory (a CLI command
 * launched while `npm start` is still booting). A lock left by a killed process is taken over.
 */
export async function withStartLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const file = path.join(dataDir, "start.lock");
  const deadline = Date.now() + 120_000;
  // The pid is written to a private file first and linked into place, so the lock file never
  // exists without its holder's pid (a reader would take an empty file for a dead holder).
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  for (;;) {
    try {
      linkSync(mine, file);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSafe(file));
      if (holder > 0 && !isAlive(holder)) {
        // Take over a dead holder's lock only if it is still that holder's (another process may have done so).
        if (Number(readFileSafe(file)) === holder) unlinkSync(file);
        continue;
      }
      if (Date.now() > deadline) {
        unlinkSync(mine);
        throw new Error(`start.lock is held by pid ${holder}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  unlinkSync(mine);
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
