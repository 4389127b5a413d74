import type { NormalizedAddress } from "./normalize.js";
import { foldPlaceName, lookupPostalCode, matchMunicipality, type PostalArea } from "./postal-codes.js";

/** 伊達郡国見町 ≈ 国見町 (郡 left out), 仙台市青葉区 ≈ 仙台市 (ward left out). */
function sameCity(postalCity: string, addressCity: string): boolean {
  return (
    postalCity === addressCity ||
    postalCity.replace(/^.+?郡/, "") === addressCity ||
    (postalCity.startsWith(addressCity) && /^.+?市$/.test(addressCity))
  );
}

const only = <T>(xs: T[]): T | null => (new Set(xs).size === 1 ? (xs[0] ?? null) : null);

/**
 * Completes an address from the record's 郵便番号 before addresses are compared, only where the two
 * agree and only what the address leaves out:
 * - no prefecture (and one the city alone cannot tell: 伊達市 is in 北海道 and 福島県) → the code's
 *   prefecture, when the code lies in that city;
 * - no municipality (本町3-10-17) → the code's municipality and prefecture, when the address starts
 *   with a town the code covers.
 * A code Japan Post does not know, or one that points elsewhere, leaves the address as typed.
 */
export function completeAddress(a: NormalizedAddress, postalCode: string): NormalizedAddress {
  const city = a.city !== undefined && matchMunicipality(a.city)?.name === a.city ? a.city : null;
  if (city && a.prefecture) return a;
  const areas = lookupPostalCode(postalCode);
  if (areas.length === 0) return a;
  const folded = areas.map((x) => ({ ...x, city: foldPlaceName(x.city), town: foldPlaceName(x.town) }));
  if (city) {
    const prefecture = only(folded.filter((x) => sameCity(x.city, city)).map((x) => x.prefecture));
    return prefecture ? { ...a, prefecture, prefectureInferred: true } : a;
  }
  const area = townArea(folded, a.key);
  if (!area || (a.prefecture && a.prefecture !== area.prefecture)) return a;
  return {
    ...a,
    prefecture: a.prefecture ?? area.prefecture,
    ...(a.prefecture ? {} : { prefectureInferred: true }),
    city: area.city,
    rest: a.key,
    key: area.city + a.key,
    keyAlt: area.city + a.keyAlt,
    town: area.city + a.town,
  };
}

/** The one municipality of the towns the code covers that the address starts with. */
function townArea(areas: PostalArea[], key: string): PostalArea | null {
  const hits = areas.filter((x) => x.town !== "" && key.startsWith(x.town));
  const city = only(hits.map((x) => x.cityCode));
  return city ? (hits[0] ?? null) : null;
}
