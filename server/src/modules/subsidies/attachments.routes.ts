import {
  idParamsSchema,
  idSchema,
  okSchema,
  subsidyAttachmentInputSchema,
  subsidyAttachmentListSchema,
  subsidyAttachmentSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { addAttachment, deleteAttachment, getAttachmentFile, listAttachments } from "./attachments.service.js";
import { reportsDue, reportsDueQuerySchema, reportsDueSchema } from "./reminders.service.js";

const attachmentParamsSchema = z.object({ id: idSchema, attachmentId: idSchema });

/** The download's name: an ASCII fallback plus the real (UTF-8) name, like the other downloads. */
const disposition = (asciiName: string, name: string) =>
  `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * 添付書類 of an application and the 実績報告 reminders:
 *
 * GET    /api/subsidies/applications/:id/attachments                 (list, no content)
 * POST   /api/subsidies/applications/:id/attachments                 (base64, at most 10 MB)
 * GET    /api/subsidies/applications/:id/attachments/:attachmentId   (the file)
 * DELETE /api/subsidies/applications/:id/attachments/:attachmentId   (申請受付・差戻し only)
 * GET    /api/subsidies/reports-due?within=30                         (実績報告の期限が近い・過ぎた交付決定)
 */
export function attachmentRoutes(app: ZodApp): void {
  const tags = ["subsidies"];
  app.get(
    "/api/subsidies/applications/:id/attachments",
    {
      schema: {
        tags,
        summary: "補助金申請の添付書類",
        params: idParamsSchema,
        response: { 200: subsidyAttachmentListSchema },
      },
    },
    async (req) => ({ items: await listAttachments(app.db, req.actorOrThrow(), req.params.id) }),
  );
  app.post(
    "/api/subsidies/applications/:id/attachments",
    {
      // 10 MB of file is about 13.4 MB of base64; the app-wide limit is 1 MB.
      bodyLimit: 15 * 1024 * 1024,
      schema: {
        tags,
        summary: "添付書類の追加（PDF・画像・xlsx・docx・CSV・テキスト、10MBまで）",
        params: idParamsSchema,
        body: subsidyAttachmentInputSchema,
        response: { 201: subsidyAttachmentSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addAttachment(app.db, req.actorOrThrow(), req.params.id, req.body)),
  );
  app.get(
    "/api/subsidies/applications/:id/attachments/:attachmentId",
    { schema: { tags, summary: "添付書類のダウンロード", params: attachmentParamsSchema } },
    async (req, reply) => {
      const file = await getAttachmentFile(app.db, req.actorOrThrow(), req.params.id, req.params.attachmentId);
      return reply
        .header("content-type", file.mime)
        .header("content-disposition", disposition(file.fallbackName, file.name))
        .header("etag", `"${file.sha256}"`)
        .send(file.content);
    },
  );
  app.delete(
    "/api/subsidies/applications/:id/attachments/:attachmentId",
    {
      schema: {
        tags,
        summary: "添付書類の削除（申請受付・差戻しの間だけ）",
        params: attachmentParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await deleteAttachment(app.db, req.actorOrThrow(), req.params.id, req.params.attachmentId);
      return { ok: true as const };
    },
  );
  app.get(
    "/api/subsidies/reports-due",
    {
      schema: {
        tags,
        summary: "実績報告の期限が近い・過ぎた交付決定（期限切れが先）",
        querystring: reportsDueQuerySchema,
        response: { 200: reportsDueSchema },
      },
    },
    (req) => reportsDue(app.db, req.actorOrThrow(), req.query),
  );
}
