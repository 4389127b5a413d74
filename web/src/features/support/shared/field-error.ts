import { withoutRepeatedLabel } from "../../../components/FormError";
import { ApiError } from "../../../lib/api";

/**
 * The server's message for a field or anything under it: errors name paths such as
 * `staffUserIds.0`, `visit.purpose` or `target.departmentId`, shown beside the whole control.
 */
export function errorUnder(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const message = error.details.find((d) => d.field === field || d.field.startsWith(`${field}.`))?.message;
  return message === undefined ? undefined : withoutRepeatedLabel(message);
}

/**
 * FormError's `fields`: the fields the server named that the form shows beside its controls, so
 * the summary stays short. A conflict (a full 派遣枠, a record someone else saved first) is about
 * the record rather than the typing, so its message is always given in full in the summary too.
 */
export function detailsUnder(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError) || error.code === "CONFLICT") return [];
  return error.details
    .map((d) => d.field)
    .filter((f) => fields.some((field) => f === field || f.startsWith(`${field}.`)));
}
