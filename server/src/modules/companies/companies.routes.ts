import {
  companyImportReportSchema,
  companyImportRequestSchema,
  companyInputSchema,
  companyPageSchema,
  companyQuerySchema,
  companySchema,
  companyUpdateSchema,
  idParamsSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { exportCompanies } from "./companies.export.js";
import { importCompanies } from "./companies.import.js";
import { createCompany, getCompany, searchCompanies, updateCompany } from "./companies.service.js";
import { postalRoutes } from "./postal.routes.js";

export function companyRoutes(app: ZodApp): void {
  const tags = ["companies"];
  // the company form's 郵便番号 → 所在地 lookup
  postalRoutes(app);
  app.get(
    "/api/companies",
    {
      schema: {
        tags,
        summary: "事業者の検索（名称・カナの部分一致、法人番号、電話番号）",
        querystring: companyQuerySchema,
        response: { 200: companyPageSchema },
      },
    },
    (req) => searchCompanies(app.db, req.actorOrThrow(), req.query),
  );
  app.get(
    "/api/companies/:id",
    { schema: { tags, summary: "事業者", params: idParamsSchema, response: { 200: companySchema } } },
    (req) => getCompany(app.db, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/companies",
    { schema: { tags, summary: "事業者の登録", body: companyInputSchema, response: { 201: companySchema } } },
    async (req, reply) => reply.status(201).send(await createCompany(app.db, req.actorOrThrow(), req.body)),
  );
  app.patch(
    "/api/companies/:id",
    {
      schema: {
        tags,
        summary: "事業者の変更",
        params: idParamsSchema,
        body: companyUpdateSchema,
        response: { 200: companySchema },
      },
    },
    (req) => updateCompany(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
  app.post(
    "/api/companies/import",
    {
      bodyLimit: 48 * 1024 * 1024,
      schema: {
        tags,
        summary: "事業者の取り込み（CSV / xlsx。dryRun で検証のみ）",
        body: companyImportRequestSchema,
        response: { 200: companyImportReportSchema },
      },
    },
    (req) =>
      importCompanies(app.db, req.actorOrThrow(), {
        bytes: Buffer.from(req.body.contentBase64, "base64"),
        fileName: req.body.fileName,
        encoding: req.body.encoding,
        map: req.body.map,
        dryRun: req.body.dryRun,
      }),
  );
  app.get(
    "/api/companies/export",
    {
      schema: {
        tags,
        summary: "事業者台帳の出力",
        querystring: z.object({ format: z.enum(["csv", "xlsx"]).default("csv") }),
      },
    },
    async (req, reply) => {
      const body = await exportCompanies(app.db, req.actorOrThrow(), req.query.format);
      const type =
        req.query.format === "csv"
          ? "text/csv; charset=utf-8"
          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      const name = `事業者台帳.${req.query.format}`;
      return reply
        .header("content-type", type)
        .header(
          "content-disposition",
          `attachment; filename="companies.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(body);
    },
  );
}
