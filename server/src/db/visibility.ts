import { type AnyColumn, eq, inArray, or, type SQL } from "drizzle-orm";

/**
 * The confidential rule as a WHERE condition, so that hidden records count in no total and no
 * page: open records, plus confidential ones of the departments the reader may see. `visible`
 * null means everything (the CLI operator); an empty list means no confidential record at all.
 */
export function confidentialVisible(
  confidential: AnyColumn,
  department: AnyColumn,
  visible: readonly string[] | null,
): SQL | undefined {
  if (visible === null) return undefined;
  if (visible.length === 0) return eq(confidential, false);
  return or(eq(confidential, false), inArray(department, [...visible]));
}
