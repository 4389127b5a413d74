import { postalCodeParamsSchema, postalLookupSchema } from "@shien/contracts";
import type { ZodApp } from "../../http/types.js";
import { findPostalCode } from "./postal.service.js";

export function postalRoutes(app: ZodApp): void {
  app.get(
    "/api/postal-codes/:postalCode",
    {
      schema: {
        tags: ["companies"],
        summary: "郵便番号から都道府県・市区町村・町域（日本郵便のデータ、オフライン）",
        params: postalCodeParamsSchema,
        response: { 200: postalLookupSchema },
      },
    },
    (req) => findPostalCode(req.actorOrThrow(), req.params.postalCode),
  );
}
