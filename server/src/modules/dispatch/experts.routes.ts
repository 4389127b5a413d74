import {
  expertInputSchema,
  expertListSchema,
  expertQuerySchema,
  expertSchema,
  expertUpdateSchema,
  idParamsSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { createExpert, getExpert, searchExperts, updateExpert } from "./experts.service.js";

export function expertRoutes(app: ZodApp): void {
  const tags = ["dispatch"];
  app.get(
    "/api/experts",
    {
      schema: {
        tags,
        summary: "専門家の検索",
        querystring: expertQuerySchema,
        response: { 200: expertListSchema },
      },
    },
    async (req) => ({ items: await searchExperts(app.db, req.actorOrThrow(), req.query) }),
  );
  app.post(
    "/api/experts",
    { schema: { tags, summary: "専門家の登録", body: expertInputSchema, response: { 201: expertSchema } } },
    async (req, reply) => reply.status(201).send(await createExpert(app.db, req.actorOrThrow(), req.body)),
  );
  app.get(
    "/api/experts/:id",
    { schema: { tags, summary: "専門家", params: idParamsSchema, response: { 200: expertSchema } } },
    (req) => getExpert(app.db, req.actorOrThrow(), req.params.id),
  );
  app.patch(
    "/api/experts/:id",
    {
      schema: {
        tags,
        summary: "専門家の変更",
        params: idParamsSchema,
        body: expertUpdateSchema,
        response: { 200: expertSchema },
      },
    },
    (req) => updateExpert(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
}
