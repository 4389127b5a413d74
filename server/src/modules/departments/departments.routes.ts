import {
  departmentCreateSchema,
  departmentListSchema,
  departmentSchema,
  departmentUpdateSchema,
  idParamsSchema,
} from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { createDepartment, getDepartment, listDepartments, updateDepartment } from "./departments.service.js";

export function departmentRoutes(app: ZodApp): void {
  const tags = ["departments"];
  app.get(
    "/api/departments",
    { schema: { tags, summary: "部署一覧", response: { 200: departmentListSchema } } },
    async (req) => ({ items: await listDepartments(app.db, req.actorOrThrow()) }),
  );
  app.get(
    "/api/departments/:id",
    { schema: { tags, summary: "部署", params: idParamsSchema, response: { 200: departmentSchema } } },
    (req) => getDepartment(app.db, req.actorOrThrow(), req.params.id),
  );
  app.post(
    "/api/departments",
    {
      schema: {
        tags,
        summary: "部署の作成（管理者）",
        body: departmentCreateSchema,
        response: { 201: departmentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(app.db, req.actorOrThrow(), req.body)),
  );
  app.patch(
    "/api/departments/:id",
    {
      schema: {
        tags,
        summary: "部署の変更・廃止（管理者）",
        params: idParamsSchema,
        body: departmentUpdateSchema,
        response: { 200: departmentSchema },
      },
    },
    (req) => updateDepartment(app.db, req.actorOrThrow(), req.params.id, req.body),
  );
}
