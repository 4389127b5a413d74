import {
  dispatchFrameListSchema,
  dispatchFrameQuerySchema,
  dispatchFrameSchema,
  dispatchFrameUpdateSchema,
  dispatchInputSchema,
  dispatchPageSchema,
  dispatchQuerySchema,
  dispatchSchema,
  dispatchTransitionSchema,
  idParamsSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { getDispatch, listDispatches, requestDispatch } from "./dispatch.service.js";
import { transitionDispatch } from "./dispatch.transitions.js";
import { listFrames, updateFrame } from "./frames.service.js";

export function dispatchRoutes(app: ZodApp): void {
  const tags = ["dispatch"];
  app.get(
    "/api/dispatch/frames",
    {
      schema: {
        tags,
        summary: "派遣枠（年度別・使用数と残り）",
        querystring: dispatchFrameQuerySchema,
        response: { 200: dispatchFrameListSchema },
      },
    },
    async (req) => ({ items: await listFrames(app.db, req.actorOrThrow(), req.query.fiscalYear) }),
  );
  app.patch(
    "/api/dispatch/frames/:id",
    {
      schema: {
        tags,
        summary: "派遣枠の上限の変更",
        params: idParamsSchema,
        body: dispatchFrameUpdateSchema,
        response: { 200: dispatchFrameSchema },
      },
    },
    (req) => updateFrame(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
  app.get(
    "/api/dispatches",
    {
      schema: {
        tags,
        summary: "専門家派遣の一覧",
        querystring: dispatchQuerySchema,
        response: { 200: dispatchPageSchema },
      },
    },
    (req) => listDispatches(app.db, req.actorOrThrow(), req.query),
  );
  app.post(
    "/api/dispatches",
    { schema: { tags, summary: "専門家派遣の申請", body: dispatchInputSchema, response: { 201: dispatchSchema } } },
    async (req, reply) => reply.status(201).send(await requestDispatch(app.db, req.actorOrThrow(), req.body)),
  );
  app.get(
    "/api/dispatches/:id",
    { schema: { tags, summary: "専門家派遣", params: idParamsSchema, response: { 200: dispatchSchema } } },
    (req) => getDispatch(app.db, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/dispatches/:id/transition",
    {
      schema: {
        tags,
        summary: "専門家派遣の状態変更（承認・却下・実施・報告受領・支払・取消）",
        params: idParamsSchema,
        body: dispatchTransitionSchema,
        response: { 200: dispatchSchema },
      },
    },
    (req) => transitionDispatch(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
}
