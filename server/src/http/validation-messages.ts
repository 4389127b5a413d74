import type { LocalizedFieldError, Text } from "./app-error.js";
import { fieldLabel, formatHint } from "./field-labels.js";

/** The shape fastify-type-provider-zod puts in `error.validation`: one entry per zod issue. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns zod issues into messages that name the field and say how to fix it, in both languages. */
export function toFieldErrors(
  issues: ValidationIssue[],
  context: string | undefined,
  route?: string,
): LocalizedFieldError[] {
  const withField = issues.map((issue) => ({
    issue,
    field: issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || unknownKeyField(issue) || context || "",
  }));
  return withField
    .filter(
      ({ issue, field }) =>
        !(isSafeIntegerBound(issue) && withField.some((o) => o.field === field && o.issue !== issue)),
    )
    .map(({ issue, field }) => ({ field, message: describe(issue, fieldLabel(field, route), formatHint(field)) }));
}

/** zod adds the safe-integer range to every .int(); the schema's own bound says the same more usefully. */
function isSafeIntegerBound(issue: ValidationIssue): boolean {
  const bound = issue.params.maximum ?? issue.params.minimum;
  return bound === Number.MAX_SAFE_INTEGER || bound === Number.MIN_SAFE_INTEGER;
}

function unknownKeyField(issue: ValidationIssue): string | undefined {
  const keys = issue.params.keys;
  return Array.isArray(keys) ? String(keys[0]) : undefined;
}

function describe(issue: ValidationIssue, label: Text, hint: Text | undefined): Text {
  const p = issue.params;
  switch (issue.keyword) {
    case "invalid_type":
      if (issue.message?.includes("received undefined")) {
        return { ja: `${label.ja}を入力してください。`, en: `${label.en} is required.` };
      }
      return {
        ja: `${label.ja}の値の種類が正しくありません（${String(p.expected)}を指定してください）。`,
        en: `${label.en} must be a ${String(p.expected)}.`,
      };
    case "too_small":
      if (p.origin === "string") {
        return Number(p.minimum) <= 1
          ? { ja: `${label.ja}を入力してください。`, en: `${label.en} is required.` }
          : {
              ja: `${label.ja}は${String(p.minimum)}文字以上で入力してください。`,
              en: `${label.en} must be at least ${String(p.minimum)} characters.`,
            };
      }
      if (p.origin === "array") {
        return {
          ja: `${label.ja}を${String(p.minimum)}件以上選択してください。`,
          en: `Choose at least ${String(p.minimum)} ${label.en}.`,
        };
      }
      return {
        ja: `${label.ja}は${String(p.minimum)}以上にしてください。`,
        en: `${label.en} must be at least ${String(p.minimum)}.`,
      };
    case "too_big":
      if (p.origin === "string") {
        return {
          ja: `${label.ja}は${String(p.maximum)}文字以内で入力してください。`,
          en: `${label.en} must be at most ${String(p.maximum)} characters.`,
        };
      }
      return {
        ja: `${label.ja}は${String(p.maximum)}以下にしてください。`,
        en: `${label.en} must be at most ${String(p.maximum)}.`,
      };
    case "custom": {
      // Schema-specific checks (法人番号 …) carry their own Japanese message and an English one.
      const en = (p.params as { en?: string } | undefined)?.en;
      return { ja: `${label.ja}: ${issue.message ?? ""}`, en: `${label.en}: ${en ?? issue.message ?? "invalid"}` };
    }
    case "invalid_format":
      if (p.format === "regex" && issue.message && !issue.message.startsWith("Invalid")) {
        return { ja: issue.message, en: `${label.en} has the wrong format.` };
      }
      return {
        ja: `${label.ja}の形式が正しくありません（${hint?.ja ?? formatName(p.format, "ja")}）。`,
        en: `${label.en} has the wrong format (${hint?.en ?? formatName(p.format, "en")}).`,
      };
    case "invalid_value": {
      const values = Array.isArray(p.values) ? p.values.map(String).join(", ") : "";
      return {
        ja: `${label.ja}は次のいずれかを指定してください: ${values}`,
        en: `${label.en} must be one of: ${values}`,
      };
    }
    case "unrecognized_keys":
      return {
        ja: `${label.ja}という項目は受け付けていません。削除してください。`,
        en: `${label.en} is not an accepted field; remove it.`,
      };
    default:
      return { ja: `${label.ja}の値が正しくありません。`, en: `${label.en} is invalid.` };
  }
}

function formatName(format: unknown, lang: "ja" | "en"): string {
  const hints: Record<string, Text> = {
    uuid: { ja: "UUID形式", en: "a UUID" },
    email: { ja: "例: name@example.jp", en: "e.g. name@example.jp" },
    date: { ja: "YYYY-MM-DD", en: "YYYY-MM-DD" },
  };
  return hints[String(format)]?.[lang] ?? String(format);
}
