import type { CompanyInput } from "@shien/contracts";
import type { Db, Executor } from "../../../db/client.js";
import type { Actor } from "../../../http/actor.js";
import { createCompany, type Match, matchCompany, searchCompanies } from "../../companies/index.js";
import type { FileApplication } from "./rows.js";

/** The business of an application: 法人番号 alone is looked up; a described business goes through 名寄せ. */
export async function matchOf(
  db: Db,
  actor: Actor,
  app: FileApplication,
  cache: Map<string, Promise<Match>>,
): Promise<Match> {
  const key = JSON.stringify(app.company);
  let match = cache.get(key);
  if (!match) {
    match =
      "input" in app.company
        ? matchCompany(db, actor, app.company.input)
        : byNumber(db, actor, app.company.corporateNumber);
    cache.set(key, match);
  }
  return match;
}

async function byNumber(db: Db, actor: Actor, corporateNumber: string): Promise<Match> {
  const hit = (await searchCompanies(db, actor, { q: corporateNumber, page: 1, pageSize: 5 })).items.find(
    (c) => c.corporateNumber === corporateNumber,
  );
  return hit ? { kind: "matched", companyId: hit.id, by: "corporateNumber" } : { kind: "unmatched" };
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s/g, "");

/** The matched business, or (createCompanies) a new one, once per business of the file. */
export async function companyFor(
  tx: Executor,
  actor: Actor,
  app: FileApplication,
  match: Match,
  created: Map<string, string>,
): Promise<{ id: string; name: string; created?: string }> {
  const input = "input" in app.company ? app.company.input : null;
  const name = input?.name ?? ("corporateNumber" in app.company ? app.company.corporateNumber : "");
  if (match.kind === "matched") return { id: match.companyId, name };
  // Applications of one new business share its 法人番号, else its name.
  const c = input as CompanyInput;
  const key = c.corporateNumber ?? fold(c.name);
  const known = created.get(key);
  if (known) return { id: known, name };
  const company = await createCompany(tx as Db, actor, c);
  return { id: company.id, name: company.name, created: key };
}
