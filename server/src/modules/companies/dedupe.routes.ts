import {
  companyEntitySchema,
  companyInputSchema,
  dedupeJobSchema,
  dedupeStatsSchema,
  duplicateCandidatesSchema,
  idParamsSchema,
  mergeRequestSchema,
  mergeResultSchema,
  okSchema,
  pairDecisionSchema,
  registrySummarySchema,
  reviewQueueSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { getDedupeJob, startDedupeJob } from "./dedupe.jobs.js";
import {
  companyEntity,
  decidePair,
  likelyDuplicates,
  mergeCompanies,
  registrySummary,
  reviewQueue,
  runDedupe,
  undoMerge,
} from "./dedupe.service.js";

export function dedupeRoutes(app: ZodApp): void {
  const tags = ["companies", "名寄せ"];
  app.get(
    "/api/companies/summary",
    { schema: { tags, summary: "事業者数と名寄せ後の事業者数", response: { 200: registrySummarySchema } } },
    (req) => registrySummary(app.db, req.actorOrThrow()),
  );
  app.get(
    "/api/companies/:id/entity",
    {
      schema: {
        tags,
        summary: "名寄せ後の事業者：同じ事業者の記録と、それを作った統合（新しい順）",
        params: idParamsSchema,
        response: { 200: companyEntitySchema },
      },
    },
    (req) => companyEntity(app.db, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/companies/duplicates",
    {
      schema: {
        tags,
        summary: "登録前の重複候補（理由つき）",
        body: companyInputSchema.extend({ exceptId: z.uuid().optional() }),
        response: { 200: duplicateCandidatesSchema },
      },
    },
    async (req) => {
      const { exceptId, ...input } = req.body;
      return { items: await likelyDuplicates(app.db, req.actorOrThrow(), input, exceptId) };
    },
  );
  app.post(
    "/api/companies/dedupe",
    { schema: { tags, summary: "名寄せの再計算", response: { 200: dedupeStatsSchema } } },
    (req) => runDedupe(app.db, req.actorOrThrow()),
  );
  app.get(
    "/api/companies/review",
    { schema: { tags, summary: "名寄せの確認待ち", response: { 200: reviewQueueSchema } } },
    async (req) => ({ items: await reviewQueue(app.db, req.actorOrThrow()) }),
  );
  app.post(
    "/api/companies/review/decision",
    {
      schema: {
        tags,
        summary: "確認待ちの判定（同一 / 別）",
        body: pairDecisionSchema,
        response: { 200: z.object({ ok: z.literal(true), mergeId: z.uuid().nullable() }) },
      },
    },
    async (req) => {
      const merged = await decidePair(app.db, req.actorOrThrow(), req.body.a, req.body.b, req.body.same);
      return { ok: true as const, mergeId: merged?.mergeId ?? null };
    },
  );
  app.post(
    "/api/companies/merge",
    {
      schema: {
        tags,
        summary: "事業者の統合（同一事業者とする）",
        body: mergeRequestSchema,
        response: { 200: mergeResultSchema },
      },
    },
    (req) => mergeCompanies(app.db, req.actorOrThrow(), req.body.companyIds),
  );
  app.post(
    "/api/companies/merges/:id/undo",
    { schema: { tags, summary: "統合の取り消し", params: idParamsSchema, response: { 200: okSchema } } },
    async (req) => {
      await undoMerge(app.db, req.actorOrThrow(), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    "/api/companies/dedupe/jobs",
    { schema: { tags, summary: "名寄せをバックグラウンドで実行", response: { 202: dedupeJobSchema } } },
    async (req, reply) => reply.status(202).send(await startDedupeJob(app.db, req.actorOrThrow(), req.log)),
  );
  app.get(
    "/api/companies/dedupe/jobs/:id",
    { schema: { tags, summary: "名寄せの進み具合", params: idParamsSchema, response: { 200: dedupeJobSchema } } },
    (req) => getDedupeJob(app.db, req.actorOrThrow(), req.params.id),
  );
}
