import type { PlanFile } from "@shien/contracts";
import { fiscalYearWareki } from "@shien/contracts";
import { stringify } from "yaml";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { findOrganizationById } from "../organizations/index.js";
import { planToFile } from "./plans.file-export.js";
import { getBudgetStatement, getOverview, getProgramDetails } from "./plans.service.js";
import { buildWorkbook } from "./plans.xlsx.js";

export interface ExportedFile {
  name: string;
  asciiName: string;
  contentType: string;
  body: Buffer;
}

/** A plan as a spreadsheet (mirroring the documents' tables) or as a re-importable plan file. */
export async function exportPlan(
  db: Db,
  actor: Actor,
  planId: string,
  format: "xlsx" | "json" | "yaml",
): Promise<ExportedFile> {
  const overview = await getOverview(db, actor, planId);
  const org = await findOrganizationById(db, actor.orgId);
  const slug = org?.slug ?? "org";
  const base = `${slug}-${overview.plan.fiscalYear}-plan`;
  const jaBase = `${org?.name ?? slug}_${fiscalYearWareki(overview.plan.fiscalYear)}_事業計画`;
  if (format === "xlsx") {
    const programs = await getProgramDetails(db, actor, planId);
    const budget = overview.plan.hasBudgetStatement ? await getBudgetStatement(db, actor, planId) : undefined;
    const body = await buildWorkbook({ orgName: org?.name ?? slug, overview, programs, budget });
    return {
      name: `${jaBase}.xlsx`,
      asciiName: `${base}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body,
    };
  }
  const file: PlanFile = await planToFile(db, actor, planId, slug);
  if (format === "json") {
    return {
      name: `${jaBase}.json`,
      asciiName: `${base}.json`,
      contentType: "application/json; charset=utf-8",
      body: Buffer.from(`${JSON.stringify(file, null, 2)}\n`),
    };
  }
  return {
    name: `${jaBase}.yaml`,
    asciiName: `${base}.yaml`,
    contentType: "application/yaml; charset=utf-8",
    body: Buffer.from(stringify(file, { lineWidth: 0 })),
  };
}
