import type { FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { langOf } from "./lang.js";

const asked = (header?: string) =>
  langOf({ headers: header === undefined ? {} : { "accept-language": header } } as FastifyRequest);

describe("the language of a response", () => {
  it.each([
    [undefined, "ja"],
    ["en", "en"],
    ["en-US,en;q=0.9,ja;q=0.8", "en"],
    ["ja;q=0.1, en;q=0.9", "en"],
    ["ja,en;q=0.9", "ja"],
    ["ja, en", "ja"],
    ["fr-FR, en;q=0.5", "en"],
    ["fr-FR, de", "ja"],
    ["en;q=0", "ja"],
    ["en;q=abc", "ja"],
  ])("when Accept-Language is %s, then the answer is in %s", (header, lang) => {
    expect(asked(header)).toBe(lang);
  });
});
