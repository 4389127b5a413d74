import {
  idParamsSchema,
  referralInputSchema,
  referralPageSchema,
  referralQuerySchema,
  referralSchema,
  referralTransitionSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { createReferral, getReferral, listReferrals } from "./referrals.service.js";
import { transitionReferral } from "./referrals.transitions.js";

export function referralRoutes(app: ZodApp): void {
  const tags = ["referrals"];
  app.get(
    "/api/referrals",
    {
      schema: {
        tags,
        summary: "橋渡しの一覧（受信・送信）",
        querystring: referralQuerySchema,
        response: { 200: referralPageSchema },
      },
    },
    (req) => listReferrals(app.db, req.actorOrThrow(), req.query),
  );
  app.post(
    "/api/referrals",
    { schema: { tags, summary: "橋渡しの送付", body: referralInputSchema, response: { 201: referralSchema } } },
    async (req, reply) => reply.status(201).send(await createReferral(app.db, req.actorOrThrow(), req.body)),
  );
  app.get(
    "/api/referrals/:id",
    { schema: { tags, summary: "橋渡し", params: idParamsSchema, response: { 200: referralSchema } } },
    (req) => getReferral(app.db, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/referrals/:id/transition",
    {
      schema: {
        tags,
        summary: "橋渡しの受入・辞退・完了",
        params: idParamsSchema,
        body: referralTransitionSchema,
        response: { 200: referralSchema },
      },
    },
    (req) => transitionReferral(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
}
