import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.js";
import type { Db } from "./db/client.js";
import { registerAuthHook } from "./http/auth-hook.js";
import { registerErrorHandler } from "./http/error-handler.js";
import { registerOpenApi } from "./http/openapi.js";
import { registerTextGuard } from "./http/text-guard.js";
import type { ZodApp } from "./http/types.js";
import { timelineRoutes } from "./modules/activities/index.js";
import { auditRoutes } from "./modules/audit/index.js";
import { type AuthDeps, authRoutes } from "./modules/auth/index.js";
import { companyRoutes, contactRoutes, dedupeRoutes } from "./modules/companies/index.js";
import { consultationRoutes } from "./modules/consultations/index.js";
import { departmentRoutes } from "./modules/departments/index.js";
import { dispatchRoutes, expertRoutes } from "./modules/dispatch/index.js";
import { kpiRoutes } from "./modules/kpi/index.js";
import { organizationRoutes } from "./modules/organizations/index.js";
import { planRoutes } from "./modules/plans/index.js";
import { referralRoutes } from "./modules/referrals/index.js";
import { attachmentRoutes, reviewRoutes, subsidyDocumentRoutes, subsidyRoutes } from "./modules/subsidies/index.js";
import { userRoutes } from "./modules/users/index.js";
import { vocabRoutes } from "./modules/vocab/index.js";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

const VERSION = "0.1.0";

const CSP_DIRECTIVES = { "style-src": ["'self'", "'unsafe-inline'"], "img-src": ["'self'", "data:"] };
/**
 * Over plain HTTP (a center's LAN, `HOST=0.0.0.0` opened as http://192.168.x.x:3000) the CSP must
 * not say upgrade-insecure-requests: the browser would fetch every script and stylesheet over
 * https, where nothing listens, and show a blank page. HSTS means nothing over HTTP either.
 * `req.protocol` is https only behind a TLS proxy with SHIEN_TRUST_PROXY=true (X-Forwarded-Proto).
 */
const PLAIN_HTTP_HEADERS = {
  contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, "upgrade-insecure-requests": null } },
  strictTransportSecurity: false,
} as const;
/** Helmet's defaults for HTTPS (reply.helmet merges options shallowly, so both are spelled out). */
const HTTPS_HEADERS = {
  contentSecurityPolicy: { directives: CSP_DIRECTIVES },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

export interface BuildAppOptions {
  config: Config;
  db: Db;
  logger?: FastifyServerOptions["logger"];
}

/** Builds the whole HTTP application around an open database; tests call it with `app.inject`. */
export async function buildApp({ config, db, logger }: BuildAppOptions): Promise<ZodApp> {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      // Request logs never carry credentials: cookies, CSRF tokens and bodies are not logged.
      redact: [
        "req.headers.cookie",
        "req.headers.authorization",
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("db", db);
  app.decorate("config", config);

  // Before any plugin: child contexts inherit the error handler in force when they are registered.
  registerErrorHandler(app, spaFallback(config.webDist));
  await app.register(cookie);
  await app.register(helmet, { global: false, ...PLAIN_HTTP_HEADERS });
  // Security headers per request: HTTPS-only ones are sent only when the request is known to be
  // HTTPS (see PLAIN_HTTP_HEADERS). Registered before the auth hook so refusals carry them too.
  app.addHook("onRequest", async (req, reply) => {
    reply.helmet(req.protocol === "https" ? HTTPS_HEADERS : undefined);
    // Answers of the API (records, exports, notices, attachments) are people's files: a browser on a
    // shared office PC must not keep them for the next person. The web app's own files may be cached.
    if (req.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, VERSION);

  const sessionPolicy = { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs };
  const authDeps: AuthDeps = { db, sessionPolicy, login: config.login };
  registerAuthHook(app, authDeps);
  registerTextGuard(app);

  app.get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        tags: ["system"],
        summary: "稼働確認",
        response: { 200: z.object({ status: z.literal("ok"), database: z.literal("ok"), version: z.string() }) },
      },
    },
    async () => {
      await db.execute(sql`select 1`);
      return { status: "ok" as const, database: "ok" as const, version: VERSION };
    },
  );
  authRoutes(app, { ...authDeps, loginRatePerMinute: config.login.ratePerMinute });
  organizationRoutes(app);
  departmentRoutes(app);
  userRoutes(app, { db, sessionPolicy });
  auditRoutes(app);
  planRoutes(app);
  companyRoutes(app);
  dedupeRoutes(app);
  contactRoutes(app);
  timelineRoutes(app);
  consultationRoutes(app);
  expertRoutes(app);
  dispatchRoutes(app);
  referralRoutes(app);
  vocabRoutes(app);
  kpiRoutes(app);
  subsidyRoutes(app);
  subsidyDocumentRoutes(app);
  attachmentRoutes(app);
  reviewRoutes(app);

  if (config.webDist) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
  }
  return app;
}

/** Client-side routes (e.g. /admin/users) load the web app's index.html. */
function spaFallback(webDist: string | undefined): string | undefined {
  if (!webDist) return undefined;
  const index = path.join(webDist, "index.html");
  return existsSync(index) ? readFileSync(index, "utf8") : undefined;
}
