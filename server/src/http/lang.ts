import type { FastifyRequest } from "fastify";

/**
 * Japanese unless the client prefers English: the language with the highest q among ja and en
 * (`en`, `en-US,en;q=0.9`, `ja;q=0.1, en;q=0.9` → English); ties and anything else stay Japanese.
 */
export function langOf(req: FastifyRequest): "ja" | "en" {
  const header = req.headers["accept-language"];
  const value = (Array.isArray(header) ? header[0] : header) ?? "";
  let best: { lang: "ja" | "en"; q: number } = { lang: "ja", q: 0 };
  for (const part of value.split(",")) {
    const [tag = "", ...params]: string[] = part.trim().toLowerCase().split(";");
    const lang = tag.startsWith("en") ? "en" : tag.startsWith("ja") ? "ja" : null;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > best.q) best = { lang, q };
  }
  return best.lang;
}
