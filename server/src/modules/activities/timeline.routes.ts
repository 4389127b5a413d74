import { idParamsSchema, timelineQuerySchema, timelineSchema } from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { getTimeline } from "./timeline.service.js";

export function timelineRoutes(app: ZodApp): void {
  app.get(
    "/api/companies/:id/timeline",
    {
      schema: {
        tags: ["activities"],
        summary: "事業者の支援履歴（全部署・名寄せ後）",
        params: idParamsSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelineSchema },
      },
    },
    (req) => getTimeline(app.db, req.actorOrThrow(), req.params.id, req.query),
  );
}
