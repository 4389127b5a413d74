import { idSchema, subsidyStatusSchema } from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { applicationsXlsx, NOTICE_KINDS, noticePdf } from "./notices/index.js";

/**
 * Downloads of the subsidy module (plain links from the screens, so no JSON response schema):
 *
 * GET /api/subsidies/applications.xlsx?fiscalYear=&subsidyProgramId=&roundId=&status=   申請一覧 (xlsx)
 * GET /api/subsidies/applications/:id/notices/:kind.pdf    kind = decision | confirmation | rejection
 */
const disposition = (asciiName: string, name: string) =>
  `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const xlsxQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  subsidyProgramId: idSchema.optional(),
  roundId: idSchema.optional(),
  status: subsidyStatusSchema.optional(),
});
const noticeParamsSchema = z.object({ id: idSchema, kind: z.enum(NOTICE_KINDS) });

export function subsidyDocumentRoutes(app: ZodApp): void {
  const tags = ["subsidies"];
  app.get(
    "/api/subsidies/applications.xlsx",
    {
      schema: {
        tags,
        summary: "補助金申請の一覧（xlsx。補助金・公募回・年度・状況で絞り込み）",
        querystring: xlsxQuerySchema,
      },
    },
    async (req, reply) => {
      const file = await applicationsXlsx(app.db, req.actorOrThrow(), req.query);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", disposition("subsidy-applications.xlsx", file.fileName))
        .send(file.body);
    },
  );
  app.get(
    "/api/subsidies/applications/:id/notices/:kind.pdf",
    {
      schema: {
        tags,
        summary: "通知書（PDF）: 交付決定通知書 decision・額の確定通知書 confirmation・不採択通知書 rejection",
        params: noticeParamsSchema,
      },
    },
    async (req, reply) => {
      const file = await noticePdf(app.db, req.actorOrThrow(), req.params.id, req.params.kind);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", disposition(file.asciiName, file.fileName))
        .send(file.body);
    },
  );
}
