import {
  consultationInputSchema,
  consultationPageSchema,
  consultationQuerySchema,
  consultationSchema,
  consultationUpdateSchema,
  followUpDoneSchema,
  followUpListSchema,
  followUpQuerySchema,
  idParamsSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { exportConsultationsCsv, listConsultations, listFollowUps } from "./consultations.queries.js";
import { completeFollowUp, createConsultation, getConsultation, updateConsultation } from "./consultations.service.js";

export function consultationRoutes(app: ZodApp): void {
  const tags = ["consultations"];
  app.get(
    "/api/consultations",
    {
      schema: {
        tags,
        summary: "相談・訪問記録の一覧（新しい順）",
        querystring: consultationQuerySchema,
        response: { 200: consultationPageSchema },
      },
    },
    (req) => listConsultations(app.db, req.actorOrThrow(), req.query),
  );
  // Fixed paths before /:id, so that "follow-ups" and "export.csv" are never read as an id.
  app.get(
    "/api/consultations/follow-ups",
    {
      schema: {
        tags,
        summary: "アフターフォロー（自分の担当・部署、期限切れが先）",
        querystring: followUpQuerySchema,
        response: { 200: followUpListSchema },
      },
    },
    (req) => listFollowUps(app.db, req.actorOrThrow(), req.query),
  );
  app.get(
    "/api/consultations/export.csv",
    {
      schema: {
        tags,
        summary: "相談・訪問記録の CSV 出力（一覧と同じ絞り込み）",
        querystring: consultationQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const body = await exportConsultationsCsv(app.db, req.actorOrThrow(), req.query);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="consultations.csv"; filename*=UTF-8''${encodeURIComponent("相談記録.csv")}`,
        )
        .send(body);
    },
  );
  app.get(
    "/api/consultations/:id",
    { schema: { tags, summary: "相談・訪問記録", params: idParamsSchema, response: { 200: consultationSchema } } },
    (req) => getConsultation(app.db, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/consultations",
    {
      schema: {
        tags,
        summary: "相談・訪問の記録",
        body: consultationInputSchema,
        response: { 201: consultationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createConsultation(app.db, req.actorOrThrow(), req.body)),
  );
  app.patch(
    "/api/consultations/:id",
    {
      schema: {
        tags,
        summary: "相談・訪問記録の修正（読み込んだ version を送る）",
        params: idParamsSchema,
        body: consultationUpdateSchema,
        response: { 200: consultationSchema },
      },
    },
    (req) => updateConsultation(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
  app.post(
    "/api/consultations/:id/follow-up-done",
    {
      schema: {
        tags,
        summary: "アフターフォロー済みにする",
        params: idParamsSchema,
        body: followUpDoneSchema,
        response: { 200: consultationSchema },
      },
    },
    (req) => completeFollowUp(app.db, req.actorOrThrow(), req.params.id, req.body.version),
  );
}
