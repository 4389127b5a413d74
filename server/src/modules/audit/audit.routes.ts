import { auditPageSchema, auditQuerySchema } from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { listAudit } from "./audit.service.js";

export function auditRoutes(app: ZodApp): void {
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "監査ログの検索",
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    (req) => listAudit(app.db, req.actorOrThrow(), req.query),
  );
}
