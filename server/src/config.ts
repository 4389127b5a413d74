import path from "node:path";
import { PASSWORD_MAX, PASSWORD_MIN } from "@shien/contracts";
import { z } from "zod";

/**
 * Environment parsed once. Every knob is documented in the README's configuration table;
 * defaults are what a single-machine center installation needs.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("localhost"),
  DATABASE_URL: z.string().url().optional(),
  SHIEN_DATA_DIR: z.string().default("data"),
  SHIEN_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // what the sign-in form accepts, or the first admin could never sign in
  SHIEN_ADMIN_PASSWORD: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).optional(),
  SHIEN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SHIEN_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  SHIEN_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SHIEN_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  SHIEN_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  SHIEN_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  pgPort: number | undefined;
  adminPassword: string | undefined;
  session: { idleMs: number; absoluteMs: number };
  login: { maxFailures: number; lockMs: number; ratePerMinute: number };
  trustProxy: boolean;
  logLevel: string;
  /** Directory of the built web app served at `/`; absent in API-only runs and tests. */
  webDist: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`環境変数の値が正しくありません / invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SHIEN_DATA_DIR),
    pgPort: e.SHIEN_PG_PORT,
    adminPassword: e.SHIEN_ADMIN_PASSWORD,
    session: {
      idleMs: e.SHIEN_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SHIEN_SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    login: {
      maxFailures: e.SHIEN_LOGIN_MAX_FAILURES,
      lockMs: e.SHIEN_LOGIN_LOCK_MINUTES * 60_000,
      ratePerMinute: e.SHIEN_LOGIN_RATE_PER_MINUTE,
    },
    trustProxy: e.SHIEN_TRUST_PROXY === "true",
    logLevel: e.LOG_LEVEL,
    webDist: undefined,
  };
}
