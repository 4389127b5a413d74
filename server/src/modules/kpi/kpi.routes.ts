import {
  idParamsSchema,
  kpiDashboardSchema,
  kpiFactsQuerySchema,
  kpiFactsSchema,
  kpiQuerySchema,
  kpiReportQuerySchema,
  manualFigureInputSchema,
  manualFigureListSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { findOrganizationById } from "../organizations/index.js";
import { indicatorFactsCsv, quarterlyReport } from "./kpi.exports.js";
import { enterManualFigure, listManualFigures } from "./kpi.manual.js";
import { getDashboard, getIndicatorFacts } from "./kpi.service.js";

const disposition = (asciiName: string, name: string) =>
  `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const yearQuery = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100) });

export function kpiRoutes(app: ZodApp): void {
  const tags = ["kpi"];
  app.get(
    "/api/kpi",
    {
      schema: {
        tags,
        summary: "指標の実績と進捗率（年度・基準日）",
        querystring: kpiQuerySchema,
        response: { 200: kpiDashboardSchema },
      },
    },
    (req) => getDashboard(app.db, req.actorOrThrow(), req.query),
  );
  app.get(
    "/api/kpi/report.xlsx",
    { schema: { tags, summary: "四半期報告（xlsx）", querystring: kpiReportQuerySchema } },
    async (req, reply) => {
      const actor = req.actorOrThrow();
      const org = await findOrganizationById(app.db, actor.orgId);
      const file = await quarterlyReport(app.db, actor, org?.name ?? "", req.query);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          disposition(`kpi-${req.query.fiscalYear}-q${req.query.quarter}.xlsx`, file.fileName),
        )
        .send(file.body);
    },
  );
  app.get(
    "/api/kpi/indicators/:id/facts",
    {
      schema: {
        tags,
        summary: "指標の実績の内訳（記録の一覧）",
        params: idParamsSchema,
        querystring: kpiFactsQuerySchema,
        response: { 200: kpiFactsSchema },
      },
    },
    (req) => getIndicatorFacts(app.db, req.actorOrThrow(), req.params.id, req.query),
  );
  app.get(
    "/api/kpi/indicators/:id/facts.csv",
    {
      schema: {
        tags,
        summary: "指標の実績の内訳（CSV）",
        params: idParamsSchema,
        querystring: kpiFactsQuerySchema.pick({ fiscalYear: true, asOf: true, part: true }),
      },
    },
    async (req, reply) => {
      const file = await indicatorFactsCsv(app.db, req.actorOrThrow(), req.params.id, req.query);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", disposition(`kpi-${req.params.id}.csv`, file.fileName))
        .send(file.body);
    },
  );
  app.get(
    "/api/kpi/indicators/:id/manual",
    {
      schema: {
        tags,
        summary: "手入力の実績（月別）",
        params: idParamsSchema,
        querystring: yearQuery,
        response: { 200: manualFigureListSchema },
      },
    },
    async (req) => ({
      items: await listManualFigures(app.db, req.actorOrThrow(), req.params.id, req.query.fiscalYear),
    }),
  );
  app.post(
    "/api/kpi/indicators/:id/manual",
    {
      schema: {
        tags,
        summary: "手入力の実績の入力・訂正",
        params: idParamsSchema,
        body: manualFigureInputSchema,
        response: { 200: manualFigureListSchema },
      },
    },
    async (req) => ({
      items: await enterManualFigure(app.db, req.actorOrThrow(), req.params.id, req.body),
    }),
  );
}
