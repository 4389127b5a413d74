import { CSRF_HEADER, SESSION_COOKIE } from "@shien/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { safeEqual } from "../lib/tokens.js";
import { type AuthDeps, type ResolvedSession, resolveActor } from "../modules/auth/auth.service.js";
import type { Actor } from "./actor.js";
import { AppError } from "./app-error.js";
import type { ZodApp } from "./types.js";

declare module "fastify" {
  interface FastifyRequest {
    session: ResolvedSession | null;
    actorOrThrow(): Actor;
    sessionOrThrow(): ResolvedSession;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, docs). */
    public?: boolean;
  }
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const unauthenticated = () =>
  new AppError("UNAUTHENTICATED", {
    ja: "ログインしていないか、セッションの有効期限が切れました。もう一度ログインしてください。",
    en: "You are not signed in, or your session expired. Sign in again.",
  });

const csrfFailed = () =>
  new AppError("CSRF_FAILED", {
    ja: "画面の有効期限が切れたか、不正な送信元からの操作です。画面を再読み込みしてやり直してください。",
    en: "The request lacks a valid CSRF token or comes from another site. Reload the page and retry.",
  });

/**
 * Resolves the session cookie for every /api request and enforces, in one place: a session for
 * non-public routes, and for cookie-authenticated mutations the synchronizer CSRF token
 * (`x-csrf-token`) plus a same-origin check when the browser sends Origin.
 */
export function registerAuthHook(app: ZodApp, deps: AuthDeps): void {
  app.decorateRequest("session", null);
  app.decorateRequest("actorOrThrow", function (this: FastifyRequest) {
    if (!this.session) throw unauthenticated();
    return this.session.actor;
  });
  app.decorateRequest("sessionOrThrow", function (this: FastifyRequest) {
    if (!this.session) throw unauthenticated();
    return this.session;
  });

  app.addHook("onRequest", async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.url.startsWith("/api/")) return;
    if (MUTATING.has(req.method) && !sameOrigin(req, app.config.trustProxy)) throw csrfFailed();
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.session = (await resolveActor(deps, token)) ?? null;
    // The API documentation describes shapes, not data: readable without signing in.
    if (req.routeOptions.config.public || req.url.startsWith("/api/docs")) return;
    if (!req.session) throw unauthenticated();
    if (MUTATING.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !safeEqual(sent, req.session.csrfToken)) throw csrfFailed();
    }
  });
}

/**
 * Browsers send Origin on cross-site POSTs; when present it must name this host. Behind a trusted
 * reverse proxy the Host header names the upstream (nginx sends 127.0.0.1:3000), so the host the
 * browser used is X-Forwarded-Host, which `req.host` returns only when trustProxy is on; without
 * it `req.host` is the raw Host header and a forged X-Forwarded-Host changes nothing. The scheme
 * is compared only when the trusted proxy states it (X-Forwarded-Proto): the app itself serves
 * plain HTTP, so without that header it cannot know the scheme the browser used.
 */
function sameOrigin(req: FastifyRequest, trustProxy: boolean): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const url = new URL(origin);
    if (url.host !== req.host) return false;
    return !(trustProxy && req.headers["x-forwarded-proto"]) || url.protocol === `${req.protocol}:`;
  } catch {
    return false;
  }
}
