import { organizationSchema, organizationUpdateSchema } from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { getOrganization, updateOrganization } from "./organizations.service.js";

export function organizationRoutes(app: ZodApp): void {
  app.get(
    "/api/organization",
    { schema: { tags: ["organization"], summary: "自組織の情報", response: { 200: organizationSchema } } },
    (req) => getOrganization(app.db, req.actorOrThrow()),
  );
  app.patch(
    "/api/organization",
    {
      schema: {
        tags: ["organization"],
        summary: "組織名の変更（管理者）",
        body: organizationUpdateSchema,
        response: { 200: organizationSchema },
      },
    },
    (req) => updateOrganization(app.db, req.actorOrThrow(), req.body),
  );
}
