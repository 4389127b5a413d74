import { type SubsidyApplicationInput, subsidyApplicationInputSchema } from "@shien/contracts";
import { z } from "zod";
import type { Text } from "../../../http/app-error.js";
import type { Column } from "./columns.js";
import type { FileApplication } from "./rows.js";

const ja = z.locales.ja().localeError;

/** Which file column an error of the application rules (a field of the API's body) is about. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  subsidyProgramId: "program_code",
  roundId: "round",
  companyId: "company_name",
  title: "title",
  course: "course",
  type: "type",
  taxTreatment: "tax_treatment",
  taxIncluded: "tax_included",
  receivedOn: "received_on",
  preStartApprovedOn: "pre_start_approved_on",
};
const COLUMN_OF_LINE_FIELD: Record<string, Column> = {
  category: "category",
  description: "note",
  amountYen: "amount_yen",
  taxRate: "tax_rate",
};

/** Where an error of one application goes: its row, its column, the cell's value. */
export interface Place {
  row: number;
  column: Column;
  value: string;
}

/** The place of a field of the API's body in the file (lines.3.category → the 4th line's row, category). */
export function placeOf(app: FileApplication, path: readonly PropertyKey[], lineOfMessage?: number): Place {
  const [field, index, lineField] = path;
  if (field === "lines") {
    const i = typeof index === "number" ? index : lineOfMessage !== undefined ? lineOfMessage - 1 : undefined;
    const row = i === undefined ? undefined : app.rows[i];
    if (row !== undefined) {
      const column =
        COLUMN_OF_LINE_FIELD[String(lineField)] ?? (lineOfMessage !== undefined ? "category" : "amount_yen");
      const line = app.lines[i as number];
      const value =
        column === "amount_yen"
          ? String(line?.amountYen ?? "")
          : column === "note"
            ? (line?.description ?? "")
            : (line?.category ?? "");
      return { row, column, value };
    }
    const total = app.lines.reduce((sum, l) => sum + l.amountYen, 0);
    return { row: app.rows[0] as number, column: "amount_yen", value: `合計 ${total.toLocaleString("ja-JP")}` };
  }
  let column = COLUMN_OF_FIELD[String(field)] ?? "application_ref";
  if (column === "company_name" && app.values.company_name === undefined) column = "corporate_number";
  return {
    row: app.sourceRow[column] ?? (app.rows[0] as number),
    column,
    value: column === "application_ref" ? app.ref : (app.values[column] ?? ""),
  };
}

/** The application as the API would receive it passes the API's schema too (lengths, counts). */
export function checked(
  app: FileApplication,
  input: SubsidyApplicationInput,
): SubsidyApplicationInput | { place: Place; reason: Text } {
  const parsed = subsidyApplicationInputSchema.safeParse(input, { error: ja });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const en = subsidyApplicationInputSchema.safeParse(input).error?.issues[0]?.message ?? issue.message;
  return { place: placeOf(app, issue.path), reason: { ja: issue.message, en } };
}
