import {
  companyInputSchema,
  companyPageSchema,
  companyQuerySchema,
  companySchema,
  companyUpdateSchema,
  idParamsSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { createCompany, getCompany, searchCompanies, updateCompany } from "./companies.service.js";

export function companyRoutes(app: ZodApp): void {
  const tags = ["companies"];
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
}
