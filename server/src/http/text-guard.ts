import { AppError, type Text } from "./app-error.js";
import { fieldLabel } from "./field-labels.js";
import type { ZodApp } from "./types.js";

/**
 * Text PostgreSQL cannot store must not reach a query: there it fails as a 500 ("invalid byte
 * sequence for encoding UTF8: 0x00", or "unsupported Unicode escape sequence" once a lone surrogate
 * lands in jsonb). Every request's body, query string and path parameters are checked once before
 * validation, and the field is named.
 *
 * Two kinds are refused:
 * - U+0000 (NUL): PostgreSQL text cannot hold it.
 * - A lone UTF-16 surrogate (e.g. JSON "\ud800" without its pair): not well-formed Unicode, so it
 *   has no UTF-8 form. Percent-encoded invalid UTF-8 in a URL never becomes one: the query-string
 *   parser leaves such a sequence undecoded.
 */
export function registerTextGuard(app: ZodApp): void {
  app.addHook("preValidation", async (req) => {
    for (const part of [req.body, req.query, req.params]) {
      const found = findUnstorable(part, []);
      if (found) throw refusal(found);
    }
  });
}

type Problem = "nul" | "surrogate";

interface Found {
  path: (string | number)[];
  problem: Problem;
}

// With the `u` flag a surrogate pair is one code point (an emoji, 𠮷), so \p{Cs} matches only a
// surrogate without its partner: the same test as String.prototype.isWellFormed (ES2024, which the
// project's TypeScript lib, ES2023, does not declare yet).
const LONE_SURROGATE = /\p{Cs}/u;

function problemOf(s: string): Problem | undefined {
  if (s.includes("\u0000")) return "nul";
  if (LONE_SURROGATE.test(s)) return "surrogate";
  return undefined;
}

function findUnstorable(value: unknown, path: (string | number)[]): Found | undefined {
  if (typeof value === "string") {
    const problem = problemOf(value);
    return problem ? { path, problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findUnstorable(v, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = problemOf(k);
      const found = keyProblem ? { path: [...path, k], problem: keyProblem } : findUnstorable(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

function refusal({ path, problem }: Found): AppError {
  const field = path.join(".");
  const label = fieldLabel(field);
  const text: Text =
    problem === "nul"
      ? {
          ja: `${label.ja}に使用できない制御文字（NUL）が含まれています。削除して入力し直してください。`,
          en: `${label.en} contains a NUL control character; remove it.`,
        }
      : {
          ja: `${label.ja}に文字として不正なデータ（対になっていないサロゲート）が含まれています。その文字を削除して入力し直してください。`,
          en: `${label.en} contains malformed text (an unpaired UTF-16 surrogate); remove that character and try again.`,
        };
  return new AppError("VALIDATION_FAILED", text, [{ field, message: text }]);
}
