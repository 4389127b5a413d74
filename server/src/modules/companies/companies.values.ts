import { type CompanyInput, resolveJsicMedium } from "@shien/contracts";
import { invalidField } from "../../http/app-error.js";
import { normalizeName } from "../meiyose/index.js";
import type * as repo from "./companies.repository.js";
import { digitsOf, normalizeKana, normalizePhone, prefectureOf, searchForm } from "./companies.text.js";

/**
 * Stored values from input: derived fields (legal form, prefecture, search text, phone digits) follow the typed ones.
 * Phone and フリガナ are stored in one form (half-width phone, full-width katakana) whichever way they
 * were typed or imported, so lists, exports and the 名寄せ read one spelling.
 */
export function valuesOf(raw: Partial<CompanyInput>, current?: repo.CompanyRow): Partial<repo.CompanyValues> {
  const input = normalized(raw);
  const merged = { ...(current ?? {}), ...input } as Partial<repo.CompanyRow> & Partial<CompanyInput>;
  const name = merged.name ?? "";
  const kana = merged.nameKana ?? "";
  const soleProprietor = merged.soleProprietor ?? false;
  if (soleProprietor && merged.corporateNumber) {
    throw invalidField("corporateNumber", {
      ja: "個人事業主には法人番号がありません。法人番号を消すか、個人事業主の指定を外してください",
      en: "Sole proprietors have no corporate number; clear one of the two",
    });
  }
  const postal = merged.postalCode ? digitsOf(merged.postalCode) : null;
  return {
    ...Object.fromEntries(Object.entries(input).filter(([k]) => k !== "postalCode")),
    ...(input.postalCode !== undefined
      ? { postalCode: postal ? `${postal.slice(0, 3)}-${postal.slice(3)}` : null }
      : {}),
    ...industryCodeOf(input),
    legalForm: normalizeName(name).legalForm,
    prefecture: prefectureOf(merged.address),
    phoneDigits: merged.phone ? digitsOf(merged.phone) : null,
    searchText: searchForm(`${name} ${kana}`),
  };
}

function normalized(input: Partial<CompanyInput>): Partial<CompanyInput> {
  const out = { ...input };
  if (typeof input.phone === "string") out.phone = normalizePhone(input.phone);
  if (typeof input.nameKana === "string") out.nameKana = normalizeKana(input.nameKana);
  return out;
}

/**
 * The 中分類 code: as given, else read from the industry text when that names a medium ("09",
 * "食料品製造業"); free text ("菓子製造") leaves the code as it was.
 */
function industryCodeOf(input: Partial<CompanyInput>): { industryCode?: string | null } {
  if (input.industryCode !== undefined) return { industryCode: input.industryCode };
  if (input.industry === undefined) return {};
  const medium = resolveJsicMedium(input.industry);
  return medium ? { industryCode: medium.code } : {};
}
