import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { planTreeNodeSchema, programDetailSchema } from "@shien/contracts";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ZodApp } from "./types.js";

/** OpenAPI generated from the same zod schemas that validate requests; UI at /api/docs. */
/** Recursive schemas can only be described by reference: they are registered under a name once. */
const NAMED_SCHEMAS: [z.ZodType, string][] = [
  [planTreeNodeSchema, "PlanTreeNode"],
  [programDetailSchema, "ProgramDetail"],
];

export async function registerOpenApi(app: ZodApp, version: string): Promise<void> {
  for (const [schema, id] of NAMED_SCHEMAS) if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  await app.register(swagger, {
    openapi: {
      info: { title: "Shien API", description: "支援機関の業務と事業計画のAPI", version },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "shien_session" },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" }, staticCSP: true });
}
