import type { Executor } from "../../db/client.js";
import * as repo from "./companies.repository.js";

/** Name and 法人番号 of companies by id, for lists and exports of other modules (missing ids are left out). */
export async function companyRefs(
  db: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, { name: string; corporateNumber: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.findByIds(db, orgId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { name: r.name, corporateNumber: r.corporateNumber }]));
}
