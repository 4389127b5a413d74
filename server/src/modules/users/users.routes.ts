import {
  idParamsSchema,
  okSchema,
  passwordResetSchema,
  userCreateSchema,
  userListQuerySchema,
  userListSchema,
  userSchema,
  userUpdateSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import {
  createUser,
  getUser,
  listUsers,
  resetPassword,
  revokeSessions,
  type UsersDeps,
  updateUser,
} from "./users.service.js";

export function userRoutes(app: ZodApp, deps: UsersDeps): void {
  const tags = ["users"];
  app.get(
    "/api/users",
    { schema: { tags, summary: "ユーザー一覧", querystring: userListQuerySchema, response: { 200: userListSchema } } },
    async (req) => ({ items: await listUsers(deps, req.actorOrThrow(), req.query) }),
  );
  app.get(
    "/api/users/:id",
    { schema: { tags, summary: "ユーザー", params: idParamsSchema, response: { 200: userSchema } } },
    (req) => getUser(deps, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/users",
    { schema: { tags, summary: "ユーザーの作成（管理者）", body: userCreateSchema, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await createUser(deps.db, req.actorOrThrow(), req.body)),
  );
  app.patch(
    "/api/users/:id",
    {
      schema: {
        tags,
        summary: "ユーザーの変更・無効化（管理者）",
        params: idParamsSchema,
        body: userUpdateSchema,
        response: { 200: userSchema },
      },
    },
    (req) => updateUser(deps, req.actorOrThrow(), req.params.id, req.body),
  );
  app.post(
    "/api/users/:id/password",
    {
      schema: {
        tags,
        summary: "パスワードの再設定（管理者）",
        params: idParamsSchema,
        body: passwordResetSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await resetPassword(deps, req.actorOrThrow(), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    "/api/users/:id/sessions/revoke",
    {
      schema: {
        tags,
        summary: "ユーザーの全セッションを終了（管理者）",
        params: idParamsSchema,
        response: { 200: z.object({ ok: z.literal(true), ended: z.number().int() }) },
      },
    },
    async (req) => ({ ok: true as const, ended: await revokeSessions(deps, req.actorOrThrow(), req.params.id) }),
  );
}
