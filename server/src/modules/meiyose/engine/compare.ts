import { completeAddress } from "./address-completion.js";
import { normalizeCorporateNumber, registryPrefecture } from "./corporate-number.js";
import {
  type LegalFamily,
  legalFamily,
  type NormalizedAddress,
  type NormalizedName,
  normalizeAddress,
  normalizeKana,
  normalizeName,
  normalizePhones,
  normalizePostal,
  normalizeRepresentative,
} from "./normalize.js";

/** One mention of a business, as typed. */
export interface MatchRecord {
  id: string;
  corporateNumber?: string;
  name: string;
  nameKana?: string;
  postalCode?: string;
  address?: string;
  phone?: string;
  representative?: string;
}

/** A record with every field normalised once (what blocking and scoring work on). */
export interface PreparedRecord {
  id: string;
  /** valid 法人番号 or null (a number failing the check digit is ignored) */
  cn: string | null;
  name: NormalizedName;
  family: LegalFamily | null;
  kana: string;
  postal: string;
  phones: string[];
  address: NormalizedAddress | null;
  rep: string;
}

export function prepareRecord(r: MatchRecord): PreparedRecord {
  const name = normalizeName(r.name);
  const postal = normalizePostal(r.postalCode);
  let address = r.address?.trim() ? normalizeAddress(r.address) : null;
  if (address && postal) address = completeAddress(address, postal);
  return {
    id: r.id,
    cn: normalizeCorporateNumber(r.corporateNumber),
    name,
    family: legalFamily(name.legalForm),
    kana: normalizeKana(r.nameKana),
    postal,
    phones: normalizePhones(r.phone),
    address: address && address.key !== "" ? address : null,
    rep: normalizeRepresentative(r.representative),
  };
}

export type Field =
  | "corporateNumber"
  | "name"
  | "legalForm"
  | "nameKana"
  | "address"
  | "postalCode"
  | "phone"
  | "representative";

export type Agreement =
  | "equal"
  | "different"
  | "conflict"
  | "similar"
  | "partial"
  | "owner-suffix"
  | "same-reading"
  | "different-prefecture"
  | "rare";

export interface Reason {
  field: Field;
  agreement: Agreement;
  /** 日本語の説明 */
  detail: string;
  /** points this reason added to the score */
  weight: number;
}

export type Decision = "same" | "review" | "different";

export interface Comparison {
  /** sum of the reasons' weights (log-odds-like points); ≥ sameThreshold → same, ≥ reviewThreshold → review */
  score: number;
  decision: Decision;
  reasons: Reason[];
}

/** Points per kind of evidence, and the two thresholds. */
export const WEIGHTS = {
  cnEqual: 20,
  cnConflict: -100,
  nameEqual: 4,
  nameOwner: 3.5,
  nameTypo: 1.5,
  nameDropped: 2,
  nameReading: 1.5,
  nameDifferent: -8,
  formConflict: -4,
  formConverted: -2,
  positionConflict: -4,
  phoneEqual: 4.5,
  phoneDifferent: -2,
  phoneAdjacent: 1.5,
  addressEqual: 4,
  addressPartial: 1.5,
  addressDifferent: -2.5,
  prefectureDifferent: -4,
  postalEqual: 2,
  postalDifferent: -2,
  repEqual: 2,
  repDifferent: -1,
  kanaEqual: 0.5,
  kanaDifferent: -1,
  rareName: 4.5,
  sameThreshold: 6,
  reviewThreshold: 5,
} as const;

const FORM_LABEL: Record<string, string> = { before: "前", after: "後" };

let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/** Levenshtein distance over UTF-16 code units, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb + 1 > prevRow.length) {
    prevRow = new Int32Array(lb + 1);
    curRow = new Int32Array(lb + 1);
  }
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      const sub = (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const v = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] as number;
}

/** Municipality without its ward: 名古屋市瑞穂区 → 名古屋市; Tokyo's 23 wards count as one city. */
function municipality(a: NormalizedAddress): string | null {
  if (!a.city) return null;
  const m = /^(.+?市)/.exec(a.city);
  if (m?.[1]) return `${a.prefecture ?? ""}${m[1]}`;
  if (a.city.endsWith("区") && a.prefecture === "東京都") return "東京都区部";
  return `${a.prefecture ?? ""}${a.city}`;
}

function sameMunicipality(a: NormalizedAddress, b: NormalizedAddress): boolean {
  if (a.prefecture && b.prefecture && a.prefecture !== b.prefecture) return false;
  const ma = municipality(a);
  const mb = municipality(b);
  if (!ma || !mb) return false;
  const strip = (s: string) => s.replace(/^(北海道|東京都|京都府|大阪府|.{2,3}県)/, "");
  return strip(ma) === strip(mb) || (ma === "東京都区部" && mb === "東京都区部");
}

/** True when `long` is `short` with a city / county / ward prefix in front (address written without it). */
function suffixAtBoundary(long: string, short: string): boolean {
  if (short.length < 4 || !long.endsWith(short)) return false;
  return /[市郡区町村]$/.test(long.slice(0, long.length - short.length));
}

function compareAddress(a: NormalizedAddress, b: NormalizedAddress): Reason {
  if (
    a.key === b.key ||
    a.keyAlt === b.keyAlt ||
    a.key === b.keyAlt ||
    a.keyAlt === b.key ||
    suffixAtBoundary(a.key, b.key) ||
    suffixAtBoundary(b.key, a.key) ||
    // 甲賀郡信楽町… / 甲賀市信楽町…: county left out or merged into a city
    suffixAtBoundary(a.key, b.key.replace(/^.+?郡/, "")) ||
    suffixAtBoundary(b.key, a.key.replace(/^.+?郡/, "")) ||
    // 岡山市南区浜野… / 岡山市浜野…: ward left out
    (a.numbers !== "" &&
      a.rest === b.rest &&
      a.city &&
      b.city &&
      (a.city.startsWith(b.city) || b.city.startsWith(a.city)))
  ) {
    return { field: "address", agreement: "equal", detail: `所在地一致（${a.key}）`, weight: WEIGHTS.addressEqual };
  }
  if (a.prefecture && b.prefecture && a.prefecture !== b.prefecture) {
    return {
      field: "address",
      agreement: "different-prefecture",
      detail: `都道府県が異なる（${a.prefecture} / ${b.prefecture}）`,
      weight: WEIGHTS.prefectureDifferent,
    };
  }
  const sameTown = a.town === b.town || suffixAtBoundary(a.town, b.town) || suffixAtBoundary(b.town, a.town);
  if (sameTown && a.town !== "") {
    const na = a.numbers;
    const nb = b.numbers;
    if (na === "" || nb === "" || `${na}-`.startsWith(`${nb}-`) || `${nb}-`.startsWith(`${na}-`)) {
      return {
        field: "address",
        agreement: "partial",
        detail: `町名まで一致、番地の一部が欠落（${a.key} / ${b.key}）`,
        weight: WEIGHTS.addressPartial,
      };
    }
  }
  return {
    field: "address",
    agreement: "different",
    detail: `所在地が異なる（${a.key} / ${b.key}）`,
    weight: WEIGHTS.addressDifferent,
  };
}

/**
 * Two numbers of one line block (TEL and FAX, ダイヤルイン): same area code and exchange (all but the
 * last four digits), at most 2 apart.
 */
function adjacentPhones(as: string[], bs: string[]): string | null {
  for (const a of as)
    for (const b of bs)
      if (a.length === b.length && a.slice(0, -4) === b.slice(0, -4) && Math.abs(Number(a) - Number(b)) <= 2)
        return `${a} / ${b}`;
  return null;
}

/** `a`'s 法人番号 was given by the 法務局 of the prefecture `b` is in (a company that has moved since). */
function registeredWhereTheOtherIs(a: PreparedRecord, b: PreparedRecord): boolean {
  const registered = registryPrefecture(a.cn);
  return registered !== null && !b.cn && registered === b.address?.prefecture;
}

function ownerAsRepresentative(r: PreparedRecord): string {
  return r.name.owner ? normalizeRepresentative(r.name.owner) : "";
}

const NOT_NUMERAL = /[^0-9〇一二三四五六七八九十百千]/g;

/**
 * The part split off as an owner is a person: it is one of the two representatives, or the 屋号 left
 * (平井牧場) is long enough not to be a fragment of a longer name (東北 電気工事).
 */
function ownerPlausible(withOwner: PreparedRecord, other: PreparedRecord): boolean {
  const owner = withOwner.name.owner ?? "";
  if (owner !== "" && (owner === withOwner.rep || owner === other.rep)) return true;
  return (withOwner.name.coreWithoutOwner?.length ?? 0) >= 3;
}

/** How the two names agree (equal, owner-suffix, similar, same-reading or different). */
export function compareNames(a: PreparedRecord, b: PreparedRecord): Reason {
  const an = a.name;
  const bn = b.name;
  if (an.core === bn.core) {
    return { field: "name", agreement: "equal", detail: `名称一致（${an.core}）`, weight: WEIGHTS.nameEqual };
  }
  if (
    (an.coreWithoutOwner &&
      ownerPlausible(a, b) &&
      (an.coreWithoutOwner === bn.core || an.coreWithoutOwner === bn.coreWithoutOwner)) ||
    (bn.coreWithoutOwner && ownerPlausible(b, a) && bn.coreWithoutOwner === an.core)
  ) {
    return {
      field: "name",
      agreement: "owner-suffix",
      detail: `屋号が一致、一方に事業主名を併記（${an.core} / ${bn.core}）`,
      weight: WEIGHTS.nameOwner,
    };
  }
  const minLen = Math.min(an.core.length, bn.core.length);
  const lenDiff = Math.abs(an.core.length - bn.core.length);
  // a slip: one character replaced (names of 4+ characters) or one dropped (names of 3+ characters)
  if (
    ((lenDiff === 0 && minLen >= 4) || (lenDiff === 1 && minLen >= 2)) &&
    // numbers name different entities (第1回/第2回, 2015/2017基金), never a slip
    an.core.replace(NOT_NUMERAL, "") === bn.core.replace(NOT_NUMERAL, "") &&
    editDistance(an.core, bn.core, 1) <= 1
  ) {
    // a dropped character leaves the rest of the name as typed: with the same address that is one business.
    // A replaced one is also how two names differ (山田製作所 / 山口製作所), and a two-character name one
    // character longer is another word (丸山 / 丸山屋), so those alone never reach "same".
    return lenDiff === 1 && minLen >= 3
      ? {
          field: "name",
          agreement: "similar",
          detail: `名称の1文字が抜けている（${an.core} / ${bn.core}）：脱字の可能性`,
          weight: WEIGHTS.nameDropped,
        }
      : {
          field: "name",
          agreement: "similar",
          detail: `名称が1文字違い（${an.core} / ${bn.core}）：誤記の可能性`,
          weight: WEIGHTS.nameTypo,
        };
  }
  if (a.kana && a.kana === b.kana && a.kana.length >= 3 && Math.abs(an.core.length - bn.core.length) <= 1) {
    return {
      field: "name",
      agreement: "same-reading",
      detail: `表記は異なるが読みが一致（${an.core} / ${bn.core}、${a.kana}）`,
      weight: WEIGHTS.nameReading,
    };
  }
  return {
    field: "name",
    agreement: "different",
    detail: `名称が異なる（${an.core} / ${bn.core}）`,
    weight: WEIGHTS.nameDifferent,
  };
}

/**
 * No 有限会社 has been founded since 2006; the ones left may become a 株式会社 by changing their 商号, keeping
 * the rest of the name on the same side. So 有限会社A and 株式会社A can be one company before and after.
 */
function isConversion(a: PreparedRecord, b: PreparedRecord): boolean {
  const families = new Set([a.family, b.family]);
  return families.has("yugen") && families.has("kabushiki") && a.name.legalFormPosition === b.name.legalFormPosition;
}

export interface CompareContext {
  /** how many records of the whole input carry this exact name core (only used when the names are equal) */
  nameFrequency?: number;
}

/**
 * Compares two prepared records; reasons list every field that could be compared.
 * With a context from `resolve`, a name that only these two records carry in the input (with the same
 * legal form on the same side and the same reading) counts as evidence even when the address differs
 * (a registered company that moved); a name alone never does.
 */
export function comparePrepared(a: PreparedRecord, b: PreparedRecord, ctx?: CompareContext): Comparison {
  const reasons: Reason[] = [];
  let cnEqual = false;
  if (a.cn && b.cn) {
    if (a.cn === b.cn) {
      cnEqual = true;
      reasons.push({
        field: "corporateNumber",
        agreement: "equal",
        detail: `法人番号一致（${a.cn}）`,
        weight: WEIGHTS.cnEqual,
      });
    } else {
      reasons.push({
        field: "corporateNumber",
        agreement: "conflict",
        detail: `法人番号が異なる（${a.cn} / ${b.cn}）：別法人`,
        weight: WEIGHTS.cnConflict,
      });
    }
  }
  reasons.push(compareNames(a, b));
  if (a.family && b.family) {
    if (a.family !== b.family && isConversion(a, b)) {
      reasons.push({
        field: "legalForm",
        agreement: "conflict",
        detail: `法人格が異なる（${a.name.legalForm} / ${b.name.legalForm}）：有限会社から株式会社への移行の可能性`,
        weight: WEIGHTS.formConverted,
      });
    } else if (a.family !== b.family) {
      reasons.push({
        field: "legalForm",
        agreement: "conflict",
        detail: `法人格が異なる（${a.name.legalForm} / ${b.name.legalForm}）`,
        weight: WEIGHTS.formConflict,
      });
    } else if (a.name.legalFormPosition !== b.name.legalFormPosition) {
      reasons.push({
        field: "legalForm",
        agreement: "conflict",
        detail: `法人格の位置が異なる（${FORM_LABEL[a.name.legalFormPosition ?? ""]}株 / ${FORM_LABEL[b.name.legalFormPosition ?? ""]}株）：別の商号`,
        weight: WEIGHTS.positionConflict,
      });
    } else {
      reasons.push({ field: "legalForm", agreement: "equal", detail: `法人格一致（${a.name.legalForm}）`, weight: 0 });
    }
  }
  if (a.phones.length > 0 && b.phones.length > 0) {
    const common = a.phones.find((p) => b.phones.includes(p));
    const adjacent = common ? null : adjacentPhones(a.phones, b.phones);
    reasons.push(
      common
        ? { field: "phone", agreement: "equal", detail: `電話番号一致（${common}）`, weight: WEIGHTS.phoneEqual }
        : adjacent
          ? {
              field: "phone",
              agreement: "similar",
              detail: `電話番号が隣り合う番号（${adjacent}）：同じ契約の代表・FAX番号の可能性`,
              weight: WEIGHTS.phoneAdjacent,
            }
          : {
              field: "phone",
              agreement: "different",
              detail: `電話番号が異なる（${a.phones.join("・")} / ${b.phones.join("・")}）`,
              weight: WEIGHTS.phoneDifferent,
            },
    );
  }
  if (a.address && b.address) {
    const address = compareAddress(a.address, b.address);
    if (
      address.agreement === "different-prefecture" &&
      (registeredWhereTheOtherIs(a, b) || registeredWhereTheOtherIs(b, a))
    ) {
      // the 法人番号 was given in the other record's prefecture: a company that moved, not a stranger
      address.agreement = "different";
      address.detail += "：法人番号の登記所はもう一方の都道府県（移転の可能性）";
      address.weight = WEIGHTS.addressDifferent;
    }
    reasons.push(address);
  }
  if (a.postal && b.postal) {
    const moved = reasons.some((r) => r.field === "address" && r.agreement === "different");
    reasons.push(
      a.postal === b.postal
        ? {
            field: "postalCode",
            agreement: "equal",
            detail: `郵便番号一致（${a.postal}）`,
            weight: WEIGHTS.postalEqual,
          }
        : {
            field: "postalCode",
            agreement: "different",
            detail: `郵便番号が異なる（${a.postal} / ${b.postal}）${moved ? "：所在地の違いと同じ事実として数えない" : ""}`,
            weight: moved ? 0 : WEIGHTS.postalDifferent,
          },
    );
  }
  // a sole proprietor's name written with the owner (浜松精肉店（工藤清）) names its representative
  const repA = a.rep || ownerAsRepresentative(a);
  const repB = b.rep || ownerAsRepresentative(b);
  if (repA && repB) {
    reasons.push(
      repA === repB
        ? { field: "representative", agreement: "equal", detail: `代表者一致（${repA}）`, weight: WEIGHTS.repEqual }
        : {
            field: "representative",
            agreement: "different",
            detail: `代表者が異なる（${repA} / ${repB}）：交代の可能性`,
            weight: WEIGHTS.repDifferent,
          },
    );
  }
  if (a.kana && b.kana) {
    reasons.push(
      a.kana === b.kana
        ? { field: "nameKana", agreement: "equal", detail: `フリガナ一致（${a.kana}）`, weight: WEIGHTS.kanaEqual }
        : {
            field: "nameKana",
            agreement: "different",
            detail: `フリガナが異なる（${a.kana} / ${b.kana}）`,
            weight: WEIGHTS.kanaDifferent,
          },
    );
  }
  if (
    ctx?.nameFrequency === 2 &&
    (a.cn || b.cn) &&
    a.family &&
    a.family === b.family &&
    a.name.legalFormPosition === b.name.legalFormPosition &&
    a.name.core === b.name.core &&
    a.name.core.length >= 2 &&
    a.kana !== "" &&
    a.kana === b.kana &&
    a.address &&
    b.address &&
    ((a.address.prefecture && a.address.prefecture === b.address.prefecture) ||
      sameMunicipality(a.address, b.address) ||
      registeredWhereTheOtherIs(a, b) ||
      registeredWhereTheOtherIs(b, a)) &&
    reasons.every((r) => r.weight >= 0 || (r.field === "address" && r.agreement === "different"))
  ) {
    reasons.push({
      field: "name",
      agreement: "rare",
      detail: "入力全体でこの商号はこの2件だけ（法人格・位置・読みも一致）：移転の可能性",
      weight: WEIGHTS.rareName,
    });
  }
  let score = 0;
  for (const r of reasons) score += r.weight;
  score = Math.round(score * 100) / 100;
  let decision: Decision;
  if (a.cn && b.cn) decision = cnEqual ? "same" : "different";
  else if (score >= WEIGHTS.sameThreshold) decision = "same";
  else if (score >= WEIGHTS.reviewThreshold) decision = "review";
  else decision = "different";
  return { score, decision, reasons };
}

/** Compares two raw records (normalises both first). */
export function compare(a: MatchRecord, b: MatchRecord): Comparison {
  return comparePrepared(prepareRecord(a), prepareRecord(b));
}
