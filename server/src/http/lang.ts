import type { FastifyRequest } from "fastify";

/** Japanese unless the client prefers English (`Accept-Language: en…` first). */
export function langOf(req: FastifyRequest): "ja" | "en" {
  const header = req.headers["accept-language"];
  const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "ja";
}
