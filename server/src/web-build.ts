import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const webDist = path.join(repoRoot, "web", "dist");

const SOURCES = ["web/src", "web/index.html", "web/vite.config.ts", "web/package.json", "contracts/src"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when web/dist is missing or older than any web or contracts source file. */
export function webBuildIsStale(): boolean {
  const built = path.join(webDist, "index.html");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(repoRoot, s)) > builtAt);
}

/** Builds the web app with Vite when stale; `npm start` calls this before serving. */
export function ensureWebBuild(print: (line: string) => void): void {
  if (!existsSync(path.join(repoRoot, "web", "src"))) return;
  if (!webBuildIsStale()) return;
  print("Webアプリをビルドしています / building the web app …");
  const result = spawnSync("npm", ["run", "build", "-w", "web"], { cwd: repoRoot, stdio: "inherit" });
  if (result.status !== 0) throw new Error("Webアプリのビルドに失敗しました / web build failed");
}
