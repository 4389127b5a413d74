import { buildApp } from "./app.js";
import { type Config, loadConfig } from "./config.js";
import { openRuntime } from "./runtime.js";
import { ensureWebBuild, webDist } from "./web-build.js";

/**
 * The only place that starts things: config → web build → database (start, migrate, seed) →
 * HTTP listen. SIGINT/SIGTERM drain HTTP first, then close the pool, then stop PostgreSQL.
 */
export async function serve(overrides: Partial<Config> = {}): Promise<void> {
  const config = { ...loadConfig(), ...overrides };
  if (config.webDist === undefined && !process.env.SHIEN_SKIP_WEB) {
    ensureWebBuild((l) => console.log(l));
    config.webDist = webDist;
  }
  const database = await openRuntime(config);
  const app = await buildApp({ config, db: database.db });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 90_000);
    try {
      await app.close();
      await database.shutdown();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await database.shutdown();
    throw err;
  }
  console.log(`Shien: http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}/`);
}
