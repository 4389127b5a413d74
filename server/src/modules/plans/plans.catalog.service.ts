import type { SupportProgramDto } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { departmentsByIds } from "../departments/index.js";
import { supportPrograms } from "./plans.catalog.js";

/** The year's programs, flat, for the pickers of the support screens. */
export async function listSupportPrograms(db: Db, actor: Actor, fiscalYear: number): Promise<SupportProgramDto[]> {
  requireAccess(actor, "plan.read", { orgId: actor.orgId });
  const programs = await supportPrograms(db, actor.orgId, fiscalYear);
  const names = new Map(
    (await departmentsByIds(db, actor.orgId, [...new Set(programs.flatMap((p) => p.departmentIds))])).map((d) => [
      d.id,
      d.name,
    ]),
  );
  return programs.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    fiscalYear: p.fiscalYear,
    parentId: p.parentId,
    depth: p.depth,
    departments: p.departmentIds.map((id) => ({ id, name: names.get(id) ?? "" })),
    confidential: p.confidential,
    kinds: p.kinds,
  }));
}
