import type { z } from "zod";
import { AppError } from "../http/app-error.js";
import { toFieldErrors, type ValidationIssue } from "../http/validation-messages.js";

/**
 * Parses CLI input with the contract schema the API uses for the same thing, so the CLI cannot
 * write what the API would refuse (a blank name, a department code with spaces). On failure it
 * throws the API's own field messages (Japanese, then English), each shown under the option or
 * argument that supplied the field; `describeError` prints them and the CLI exits with 1.
 *
 * `optionOf` maps a top-level field of `input` to the option name the user typed.
 */
export function parseCliInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  optionOf: Record<string, string>,
): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  // The shape fastify-type-provider-zod gives the API's error handler, so the wording is the same.
  const issues: ValidationIssue[] = r.error.issues.map(({ code, path, message, ...params }) => ({
    keyword: code,
    instancePath: `/${path.join("/")}`,
    message,
    params,
  }));
  const details = toFieldErrors(issues, undefined).map((d) => {
    const option = optionOf[d.field.split(".")[0] ?? ""];
    return { ...d, field: option ?? d.field };
  });
  throw new AppError(
    "VALIDATION_FAILED",
    { ja: "入力内容に誤りがあります。次の指定を直してください。", en: "Some options are invalid; fix the following." },
    details,
  );
}
