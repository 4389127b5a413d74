import {
  activeDepartmentSchema,
  loginRequestSchema,
  meResponseSchema,
  okSchema,
  passwordChangeSchema,
  SESSION_COOKIE,
} from "@shien/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodApp } from "../../http/types.js";
import { type AuthDeps, changePassword, login, logout, me, switchDepartment } from "./auth.service.js";

export function authRoutes(app: ZodApp, deps: AuthDeps & { loginRatePerMinute: number }): void {
  const tags = ["auth"];
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      // Secure whenever the request arrived over HTTPS (directly or via a trusted proxy).
      secure: req.protocol === "https",
      maxAge: Math.floor(deps.sessionPolicy.absoluteMs / 1000),
    });

  app.post(
    "/api/auth/login",
    {
      config: { public: true, rateLimit: { max: deps.loginRatePerMinute, timeWindow: "1 minute" } },
      schema: { tags, summary: "ログイン", body: loginRequestSchema, response: { 200: meResponseSchema } },
    },
    async (req, reply) => {
      const ua = req.headers["user-agent"];
      const { token, me: body } = await login(deps, req.body, { ip: req.ip, ...(ua ? { userAgent: ua } : {}) });
      setCookie(req, reply, token);
      return body;
    },
  );
  app.get(
    "/api/auth/me",
    { schema: { tags, summary: "ログイン中のユーザー", response: { 200: meResponseSchema } } },
    (req) => me(deps, req.sessionOrThrow()),
  );
  app.post(
    "/api/auth/logout",
    { schema: { tags, summary: "ログアウト", response: { 200: okSchema } } },
    async (req, reply) => {
      await logout(deps, req.sessionOrThrow());
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );
  app.post(
    "/api/auth/password",
    {
      // Each request costs an argon2 verify and hash; the per-user lockout caps guesses, this caps the load.
      config: { rateLimit: { max: deps.loginRatePerMinute, timeWindow: "1 minute" } },
      schema: { tags, summary: "自分のパスワード変更", body: passwordChangeSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await changePassword(deps, req.actorOrThrow(), req.body);
      return { ok: true as const };
    },
  );
  app.put(
    "/api/auth/active-department",
    {
      schema: {
        tags,
        summary: "作業中の部署の切替",
        body: activeDepartmentSchema,
        response: { 200: meResponseSchema },
      },
    },
    (req) => switchDepartment(deps, req.sessionOrThrow(), req.body.departmentId),
  );
}
