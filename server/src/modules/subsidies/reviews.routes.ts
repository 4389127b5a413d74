import {
  idParamsSchema,
  idSchema,
  rubricSchema,
  subsidyProgramSchema,
  subsidyRankingSchema,
  subsidyReviewInputSchema,
  subsidyReviewListSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { listReviews, ranking, saveReview, setRubric } from "./reviews.service.js";

const rankingQuerySchema = z.object({ roundId: idSchema.optional() });

/**
 * 審査 (issue 7):
 * PUT /api/subsidies/programs/:id/rubric          the program's 評価項目 (body: the criteria array)
 * GET /api/subsidies/programs/:id/ranking?roundId= applications by average score, against the frame
 * PUT /api/subsidies/applications/:id/review      the signed-in reviewer's own score sheet
 * GET /api/subsidies/applications/:id/reviews     the sheets and their average
 */
export function reviewRoutes(app: ZodApp): void {
  const tags = ["subsidies"];
  app.put(
    "/api/subsidies/programs/:id/rubric",
    {
      schema: {
        tags,
        summary: "審査の評価項目の設定（採点済みの審査票があると変更不可）",
        params: idParamsSchema,
        body: rubricSchema,
        response: { 200: subsidyProgramSchema },
      },
    },
    (req) => setRubric(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
  app.get(
    "/api/subsidies/programs/:id/ranking",
    {
      schema: {
        tags,
        summary: "審査結果の順位（平均点順、予算枠との累計）",
        params: idParamsSchema,
        querystring: rankingQuerySchema,
        response: { 200: subsidyRankingSchema },
      },
    },
    (req) => ranking(app.db, req.actorOrThrow(), req.params.id, req.query.roundId),
  );
  app.put(
    "/api/subsidies/applications/:id/review",
    {
      schema: {
        tags,
        summary: "審査票の入力・修正（本人の審査票、利害関係の申告）",
        params: idParamsSchema,
        body: subsidyReviewInputSchema,
        response: { 200: subsidyReviewListSchema },
      },
    },
    (req) => saveReview(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
  app.get(
    "/api/subsidies/applications/:id/reviews",
    {
      schema: {
        tags,
        summary: "審査票と平均点",
        params: idParamsSchema,
        response: { 200: subsidyReviewListSchema },
      },
    },
    (req) => listReviews(app.db, req.actorOrThrow(), req.params.id),
  );
}
