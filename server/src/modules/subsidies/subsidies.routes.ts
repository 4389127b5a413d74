import {
  idParamsSchema,
  subsidyApplicationInputSchema,
  subsidyApplicationPageSchema,
  subsidyApplicationQuerySchema,
  subsidyApplicationSchema,
  subsidyEventListSchema,
  subsidyImportReportSchema,
  subsidyImportRequestSchema,
  subsidyProgramListSchema,
  subsidyProgramSchema,
  subsidyProgramTermsSchema,
  subsidyRoundInputSchema,
  subsidyTransitionSchema,
  subsidyYenSchema,
} from "@shien/contracts";
import { z } from "zod";
import type { ZodApp } from "../../http/types.js";
import { importApplications } from "./applications.import.js";
import { addRound, listSubsidyPrograms, updateSubsidyProgram } from "./subsidies.programs.js";
import { createApplication, getApplication, listApplications, listEvents } from "./subsidies.service.js";
import { transitionApplication } from "./subsidies.transitions.js";

const programQuerySchema = z.object({ fiscalYear: z.coerce.number().int().min(2000).max(2100) });
/**
 * The manager's edit of a subsidy program: its terms (validated whole) and the whole-year frame's
 * budget. Kept here until contracts/src/subsidies.ts declares it.
 */
const programUpdateSchema = z
  .object({ terms: subsidyProgramTermsSchema.optional(), budgetYen: subsidyYenSchema.optional() })
  .refine((v) => v.terms !== undefined || v.budgetYen !== undefined, {
    message: "条件（terms）か予算額（budgetYen）を入力してください",
    path: ["terms"],
  });

export function subsidyRoutes(app: ZodApp): void {
  const tags = ["subsidies"];
  app.get(
    "/api/subsidies/programs",
    {
      schema: {
        tags,
        summary: "補助金（年度別・条件・公募回・予算枠）",
        querystring: programQuerySchema,
        response: { 200: subsidyProgramListSchema },
      },
    },
    async (req) => ({ items: await listSubsidyPrograms(app.db, req.actorOrThrow(), req.query.fiscalYear) }),
  );
  app.patch(
    "/api/subsidies/programs/:id",
    {
      schema: {
        tags,
        summary: "補助金の条件・予算額の変更",
        params: idParamsSchema,
        body: programUpdateSchema,
        response: { 200: subsidyProgramSchema },
      },
    },
    (req) => updateSubsidyProgram(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
  app.post(
    "/api/subsidies/programs/:id/rounds",
    {
      schema: {
        tags,
        summary: "公募回の追加",
        params: idParamsSchema,
        body: subsidyRoundInputSchema,
        response: { 201: subsidyProgramSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await addRound(app.db, req.actorOrThrow(), req.params.id, req.body)),
  );
  app.get(
    "/api/subsidies/applications",
    {
      schema: {
        tags,
        summary: "補助金申請の一覧",
        querystring: subsidyApplicationQuerySchema,
        response: { 200: subsidyApplicationPageSchema },
      },
    },
    (req) => listApplications(app.db, req.actorOrThrow(), req.query),
  );
  app.post(
    "/api/subsidies/applications",
    {
      schema: {
        tags,
        summary: "補助金申請の受付",
        body: subsidyApplicationInputSchema,
        response: { 201: subsidyApplicationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createApplication(app.db, req.actorOrThrow(), req.body)),
  );
  app.post(
    "/api/subsidies/applications/import",
    {
      bodyLimit: 48 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "補助金申請の一括取り込み（CSV / xlsx、1行が経費1件。dryRun で検証のみ。誤りが1件でもあれば何も保存しない）",
        body: subsidyImportRequestSchema,
        response: { 200: subsidyImportReportSchema },
      },
    },
    (req) =>
      importApplications(app.db, req.actorOrThrow(), {
        bytes: Buffer.from(req.body.contentBase64, "base64"),
        fileName: req.body.fileName,
        encoding: req.body.encoding,
        mapping: req.body.mapping,
        dryRun: req.body.dryRun,
        createCompanies: req.body.createCompanies,
      }),
  );
  app.get(
    "/api/subsidies/applications/:id",
    { schema: { tags, summary: "補助金申請", params: idParamsSchema, response: { 200: subsidyApplicationSchema } } },
    (req) => getApplication(app.db, req.actorOrThrow(), req.params.id),
  );
  app.get(
    "/api/subsidies/applications/:id/events",
    {
      schema: {
        tags,
        summary: "補助金申請の経過（誰が・いつ・どの状態から・なぜ）",
        params: idParamsSchema,
        response: { 200: subsidyEventListSchema },
      },
    },
    (req) => listEvents(app.db, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/subsidies/applications/:id/transition",
    {
      schema: {
        tags,
        summary:
          "補助金申請の状態変更（形式審査・差戻し・採択・交付決定・変更・実績報告・額の確定・請求・支払・辞退・取消）",
        params: idParamsSchema,
        body: subsidyTransitionSchema,
        response: { 200: subsidyApplicationSchema },
      },
    },
    (req) => transitionApplication(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
}
