import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import type { ZodApp } from "./types.js";

/** OpenAPI generated from the same zod schemas that validate requests; UI at /api/docs. */
export async function registerOpenApi(app: ZodApp, version: string): Promise<void> {
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
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" }, staticCSP: true });
}
