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
    if (MUTATING.has(req.method) && !sameOrigin(req)) throw csrfFailed();
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

/** Browsers send Origin on cross-site POSTs; when present it must name this host. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
