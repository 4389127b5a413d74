import {
  idParamsSchema,
  vocabInputSchema,
  vocabItemSchema,
  vocabListSchema,
  vocabQuerySchema,
  vocabUpdateSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { createVocab, listVocab, updateVocab } from "./vocab.service.js";

export function vocabRoutes(app: ZodApp): void {
  const tags = ["vocab"];
  app.get(
    "/api/vocab",
    {
      schema: {
        tags,
        summary: "相談分野・連携先機関の選択肢",
        querystring: vocabQuerySchema,
        response: { 200: vocabListSchema },
      },
    },
    (req) => listVocab(app.db, req.actorOrThrow(), req.query.kind),
  );
  app.post(
    "/api/vocab",
    {
      schema: { tags, summary: "選択肢の追加（管理者）", body: vocabInputSchema, response: { 201: vocabItemSchema } },
    },
    async (req, reply) => reply.status(201).send(await createVocab(app.db, req.actorOrThrow(), req.body)),
  );
  app.patch(
    "/api/vocab/:id",
    {
      schema: {
        tags,
        summary: "選択肢の名称変更・並べ替え・廃止（管理者）",
        params: idParamsSchema,
        body: vocabUpdateSchema,
        response: { 200: vocabItemSchema },
      },
    },
    (req) => updateVocab(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
}
