import {
  amountLineDtoSchema,
  amountLineUpdateSchema,
  budgetStatementDtoSchema,
  idParamsSchema,
  indicatorDtoSchema,
  indicatorUpdateSchema,
  initiativeListSchema,
  okSchema,
  planItemParamsSchema,
  planListSchema,
  planOverviewSchema,
  planProgramParamsSchema,
  planReviseSchema,
  programDetailSchema,
  supportProgramListSchema,
  supportProgramQuerySchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { listSupportPrograms } from "./plans.catalog.service.js";
import { adoptPlan, revisePlan, updateAmountLine, updateIndicator } from "./plans.edit.js";
import { exportPlan } from "./plans.export.js";
import { getBudgetStatement, getInitiatives, getOverview, getProgram, listPlans } from "./plans.service.js";

export function planRoutes(app: ZodApp): void {
  const tags = ["plans"];
  app.get(
    "/api/programs",
    {
      schema: {
        tags,
        summary: "年度の事業と細事業の一覧（支援記録の事業選択用）",
        querystring: supportProgramQuerySchema,
        response: { 200: supportProgramListSchema },
      },
    },
    async (req) => ({ items: await listSupportPrograms(app.db, req.actorOrThrow(), req.query.fiscalYear) }),
  );
  app.get(
    "/api/plans",
    { schema: { tags, summary: "事業計画の一覧", response: { 200: planListSchema } } },
    async (req) => ({
      items: await listPlans(app.db, req.actorOrThrow()),
    }),
  );
  app.get(
    "/api/plans/:id",
    {
      schema: {
        tags,
        summary: "事業計画（事業体系と集計）",
        params: idParamsSchema,
        response: { 200: planOverviewSchema },
      },
    },
    (req) => getOverview(app.db, req.actorOrThrow(), req.params.id),
  );
  app.get(
    "/api/plans/:id/programs/:code",
    {
      schema: { tags, summary: "事業の詳細", params: planProgramParamsSchema, response: { 200: programDetailSchema } },
    },
    (req) => getProgram(app.db, req.actorOrThrow(), req.params.id, req.params.code),
  );
  app.get(
    "/api/plans/:id/budget-statement",
    {
      schema: { tags, summary: "正味財産予算書", params: idParamsSchema, response: { 200: budgetStatementDtoSchema } },
    },
    (req) => getBudgetStatement(app.db, req.actorOrThrow(), req.params.id),
  );
  app.get(
    "/api/plans/:id/initiatives",
    {
      schema: {
        tags,
        summary: "計画推進に向けた取組み",
        params: idParamsSchema,
        response: { 200: initiativeListSchema },
      },
    },
    async (req) => ({ items: await getInitiatives(app.db, req.actorOrThrow(), req.params.id) }),
  );
  app.patch(
    "/api/plans/:id/amount-lines/:itemId",
    {
      schema: {
        tags,
        summary: "金額の修正（管理者・担当課の管理職）",
        params: planItemParamsSchema,
        body: amountLineUpdateSchema,
        response: { 200: amountLineDtoSchema },
      },
    },
    (req) => updateAmountLine(app.db, req.actorOrThrow(), req.params.id, req.params.itemId, req.body),
  );
  app.patch(
    "/api/plans/:id/indicators/:itemId",
    {
      schema: {
        tags,
        summary: "指標・目標値の修正（管理者・担当課の管理職）",
        params: planItemParamsSchema,
        body: indicatorUpdateSchema,
        response: { 200: indicatorDtoSchema },
      },
    },
    (req) => updateIndicator(app.db, req.actorOrThrow(), req.params.id, req.params.itemId, req.body),
  );
  app.post(
    "/api/plans/:id/adopt",
    { schema: { tags, summary: "計画の採択（管理者）", params: idParamsSchema, response: { 200: okSchema } } },
    async (req) => {
      await adoptPlan(app.db, req.actorOrThrow(), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    "/api/plans/:id/revise",
    {
      schema: {
        tags,
        summary: "採択済み計画の見直し（管理者）",
        params: idParamsSchema,
        body: planReviseSchema,
        response: { 200: z.object({ revision: z.number().int() }) },
      },
    },
    (req) => revisePlan(app.db, req.actorOrThrow(), req.params.id, req.body.reason),
  );
  app.get(
    "/api/plans/:id/export",
    {
      schema: {
        tags,
        summary: "計画の出力（xlsx / json / yaml）",
        params: idParamsSchema,
        querystring: z.object({ format: z.enum(["xlsx", "json", "yaml"]).default("xlsx") }),
      },
    },
    async (req, reply) => {
      const file = await exportPlan(app.db, req.actorOrThrow(), req.params.id, req.query.format);
      return reply
        .header("content-type", file.contentType)
        .header(
          "content-disposition",
          `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .send(file.body);
    },
  );
}
