import type { CompanyInput } from "@shien/contracts";
import type { Db } from "../../../db/client.js";
import type { Actor } from "../../../http/actor.js";
import type { Text } from "../../../http/app-error.js";
import { normalizeName } from "../../meiyose/index.js";
import { searchCompanies } from "../companies.service.js";
import { likelyDuplicates } from "../dedupe.service.js";

/** How an import row's business relates to the registry. */
export type Match =
  | { kind: "matched"; companyId: string; by: "corporateNumber" | "meiyose" }
  | { kind: "ambiguous"; reason: Text }
  | { kind: "unmatched" };

const names = (cs: { name: string }[]) =>
  cs
    .slice(0, 3)
    .map((c) => `「${c.name}」`)
    .join("");

/**
 * Finds the registered business an import row means (consultations, subsidy applications): by
 * 法人番号 first, then by the 名寄せ engine. One business judged the same (records of one 名寄せ
 * entity count as one) is a match; several, or only candidates the engine wants a person to check,
 * are ambiguous. A registered business with the very same name is ambiguous too: the engine never
 * takes a name alone as proof, and creating a second record of it would be the duplicate the
 * registry exists to avoid.
 */
export async function matchCompany(db: Db, actor: Actor, input: CompanyInput): Promise<Match> {
  const cn = input.corporateNumber ?? null;
  if (cn) {
    const hit = (await searchCompanies(db, actor, { q: cn, page: 1, pageSize: 5 })).items.find(
      (c) => c.corporateNumber === cn,
    );
    if (hit) return { kind: "matched", companyId: hit.id, by: "corporateNumber" };
  }
  const candidates = await likelyDuplicates(db, actor, input);
  const same = candidates.filter((c) => c.decision === "same");
  if (same.length > 0) {
    const entities = new Set(same.map((c) => c.company.entityKey ?? c.company.id));
    if (entities.size === 1)
      return { kind: "matched", companyId: (same[0] as (typeof same)[0]).company.id, by: "meiyose" };
    const list = names(same.map((c) => c.company));
    return {
      kind: "ambiguous",
      reason: {
        ja: `登録済みの複数の事業者${list}に該当します。法人番号を入れて1つに絞ってください`,
        en: `Several registered businesses match (${list}). Enter the corporate number to pick one`,
      },
    };
  }
  if (candidates.length > 0) {
    const list = names(candidates.map((c) => c.company));
    return {
      kind: "ambiguous",
      reason: {
        ja: `登録済みの${list}と同じ事業者か判断できません。法人番号・住所・電話番号を確かめるか、事業者台帳で先に名寄せしてください`,
        en: `It is unclear whether this is the registered ${list}. Check the corporate number, address and phone, or resolve it in the registry first`,
      },
    };
  }
  const key = normalizeName(input.name).key;
  const sameName = (await searchCompanies(db, actor, { q: input.name, page: 1, pageSize: 50 })).items.filter(
    (c) => normalizeName(c.name).key === key && !(cn && c.corporateNumber && c.corporateNumber !== cn),
  );
  if (sameName.length > 0) {
    const list = names(sameName);
    return {
      kind: "ambiguous",
      reason: {
        ja: `同じ名称の事業者${list}が登録済みですが、名称だけでは同じ事業者か判断できません。法人番号・住所・電話番号を入れてください`,
        en: `A business named ${list} is registered, but a name alone does not prove it is the same one. Add the corporate number, address or phone`,
      },
    };
  }
  return { kind: "unmatched" };
}
