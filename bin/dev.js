#!/usr/bin/env node
// `npm run dev`: the API under `tsx watch` (restarts on server/contracts changes) on PORT (3000)
// and Vite with hot module replacement on 5173, proxying /api to the API.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const children = [
  spawn(
    process.execPath,
    ["--import", "tsx", "--watch-path=server/src", "--watch-path=contracts/src", "server/src/cli/index.ts", "serve"],
    { cwd: root, stdio: "inherit", env: { ...process.env, SHIEN_SKIP_WEB: "1", NODE_ENV: "development" } },
  ),
  spawn("npm", ["run", "dev", "-w", "web"], { cwd: root, stdio: "inherit" }),
];
const stop = (signal) => {
  for (const c of children) if (c.exitCode === null) c.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
for (const c of children) c.on("exit", () => stop("SIGTERM"));
