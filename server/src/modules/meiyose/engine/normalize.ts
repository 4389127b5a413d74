import { matchMunicipality } from "./postal-codes.js";
import { foldGa, foldKyuji, foldSmallKana, HYPHEN_CLASS, hiraganaToKatakana, unifyHyphens } from "./variants.js";

// ---------------------------------------------------------------------------------------------
// Legal forms
// ---------------------------------------------------------------------------------------------

/** Family used to decide whether two legal forms conflict (一般社団法人 ≈ 社団法人 ≈ 公益社団法人). */
export type LegalFamily =
  | "kabushiki"
  | "yugen"
  | "godo"
  | "goshi"
  | "gomei"
  | "shadan"
  | "zaidan"
  | "npo"
  | "iryo"
  | "fukushi"
  | "gakko"
  | "shukyo"
  | "kumiai"
  | "llp"
  | "gyosei"
  | "shigyo"
  | "other";

interface LegalFormDef {
  /** canonical spelling */
  form: string;
  family: LegalFamily;
  /** tokens after name folding (NFKC, upper case, no spaces) */
  tokens: string[];
}

const LEGAL_FORMS: LegalFormDef[] = [
  {
    form: "株式会社",
    family: "kabushiki",
    tokens: ["株式会社", "(株)", "株式會社", "カブシキガイシャ", "カブシキカイシャ"],
  },
  { form: "有限会社", family: "yugen", tokens: ["有限会社", "(有)", "ユウゲンガイシャ", "ユウゲンカイシャ"] },
  { form: "合同会社", family: "godo", tokens: ["合同会社", "(同)", "ゴウドウガイシャ"] },
  { form: "合資会社", family: "goshi", tokens: ["合資会社", "(資)"] },
  { form: "合名会社", family: "gomei", tokens: ["合名会社", "(名)"] },
  { form: "一般社団法人", family: "shadan", tokens: ["一般社団法人", "(一社)", "(一般社団法人)"] },
  { form: "公益社団法人", family: "shadan", tokens: ["公益社団法人", "(公社)"] },
  { form: "社団法人", family: "shadan", tokens: ["社団法人", "(社)"] },
  { form: "一般財団法人", family: "zaidan", tokens: ["一般財団法人", "(一財)"] },
  { form: "公益財団法人", family: "zaidan", tokens: ["公益財団法人", "(公財)"] },
  { form: "財団法人", family: "zaidan", tokens: ["財団法人", "(財)"] },
  { form: "特定非営利活動法人", family: "npo", tokens: ["特定非営利活動法人", "NPO法人", "(特非)", "(NPO)"] },
  { form: "社会医療法人", family: "iryo", tokens: ["社会医療法人"] },
  { form: "医療法人社団", family: "iryo", tokens: ["医療法人社団"] },
  { form: "医療法人財団", family: "iryo", tokens: ["医療法人財団"] },
  { form: "医療法人", family: "iryo", tokens: ["医療法人", "(医)"] },
  { form: "社会福祉法人", family: "fukushi", tokens: ["社会福祉法人", "(福)", "社福"] },
  { form: "学校法人", family: "gakko", tokens: ["学校法人", "(学)"] },
  { form: "宗教法人", family: "shukyo", tokens: ["宗教法人", "(宗)"] },
  { form: "協同組合", family: "kumiai", tokens: ["協同組合", "(協)", "協組"] },
  { form: "企業組合", family: "kumiai", tokens: ["企業組合", "(企)"] },
  { form: "農事組合法人", family: "kumiai", tokens: ["農事組合法人"] },
  { form: "有限責任事業組合", family: "llp", tokens: ["有限責任事業組合", "LLP"] },
  { form: "独立行政法人", family: "gyosei", tokens: ["地方独立行政法人", "独立行政法人"] },
  { form: "国立大学法人", family: "gyosei", tokens: ["国立大学法人"] },
  {
    form: "士業法人",
    family: "shigyo",
    tokens: [
      "税理士法人",
      "弁護士法人",
      "監査法人",
      "司法書士法人",
      "行政書士法人",
      "社会保険労務士法人",
      "弁理士法人",
    ],
  },
];

/**
 * Bank-style (全銀) abbreviations, as names come out of transfer records and bank books in half-width
 * kana: ｶ)ﾔﾏﾀﾞｾｲｻｸｼｮ, ﾔﾏﾀﾞｾｲｻｸｼｮ(ｶ, (ｶ)ﾔﾏﾀﾞ … (after NFKC: カ) / (カ / (カ)).
 */
const ZENGIN_OF: Record<string, string[]> = {
  株式会社: ["カ"],
  有限会社: ["ユ"],
  合同会社: ["ド"],
  合資会社: ["シ"],
  合名会社: ["メ"],
  一般財団法人: ["ザイ"],
  一般社団法人: ["シャ", "シヤ"],
  医療法人: ["イ"],
  学校法人: ["ガク"],
  社会福祉法人: ["フク"],
  特定非営利活動法人: ["トクヒ"],
};

const TOKEN_TABLE: { token: string; def: LegalFormDef }[] = LEGAL_FORMS.flatMap((def) =>
  [...def.tokens, ...(ZENGIN_OF[def.form] ?? []).flatMap((k) => [`${k})`, `(${k}`, `(${k})`])].map((token) => ({
    token,
    def,
  })),
).sort((a, b) => b.token.length - a.token.length);

export function legalFamily(form: string | null): LegalFamily | null {
  if (!form) return null;
  return LEGAL_FORMS.find((d) => d.form === form)?.family ?? "other";
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

export interface NormalizedName {
  /** canonical legal form (株式会社, 有限会社, …) or null when none was written */
  legalForm: string | null;
  legalFormPosition: "before" | "after" | null;
  /** the name without its legal form, folded for matching (no spaces, punctuation, 旧字, small kana) */
  core: string;
  /** exact-name identity key: legal-form family + position + core ("kabushiki@before:アシスト"); core alone when no form */
  key: string;
  /** a sole proprietor's name written with the owner after it (山田商店（山田太郎）, 平井牧場 平井美穂) */
  owner?: string;
  /** core without the owner part */
  coreWithoutOwner?: string;
}

const PUNCT = /[\s・·.,，、。&'’‘"“”!?！？:：;；/／\\_\-()[\]{}「」『』【】〔〕<>＜＞*＊#＃@＠~〜～]/g;

/** NFKC, upper case, hyphen unification, ヶ folding, 旧字 folding. Keeps spaces. */
function baseFold(raw: string): string {
  return foldKyuji(foldGa(unifyHyphens(raw.normalize("NFKC").toUpperCase()))).trim();
}

function stripPunct(s: string): string {
  return foldSmallKana(s.replace(PUNCT, ""));
}

const PERSON_PART = /^\p{Script=Han}{1,3}$/u;
const OWNER_TOKEN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{3,6}$/u;

export function normalizeName(raw: string | null | undefined): NormalizedName {
  // 株式会社ジェイ・エム・エス（商号 株式会社ＪＭＳ）: a note on the registered spelling, not part of the name
  const base = baseFold(raw ?? "").replace(/\s*\([^()]*(?:商号|称号|通称|旧社名|旧商号)[^()]*\)$/, "");
  let compact = base.replace(/\s+/g, "");
  let legalForm: string | null = null;
  let position: "before" | "after" | null = null;
  let family: LegalFamily | null = null;
  for (const { token, def } of TOKEN_TABLE) {
    if (compact.length > token.length && compact.startsWith(token)) {
      legalForm = def.form;
      family = def.family;
      position = "before";
      compact = compact.slice(token.length);
      break;
    }
  }
  if (!legalForm) {
    for (const { token, def } of TOKEN_TABLE) {
      if (compact.length > token.length && compact.endsWith(token)) {
        legalForm = def.form;
        family = def.family;
        position = "after";
        compact = compact.slice(0, compact.length - token.length);
        break;
      }
    }
  }
  let owner: string | undefined;
  let coreWithoutOwner: string | undefined;
  if (!legalForm) {
    // 山田商店(山田太郎) — NFKC already turned （） into ()
    const paren = /^(.+?)\(([^()]+)\)$/.exec(compact);
    if (paren?.[1] && paren[2]) {
      owner = stripPunct(paren[2]);
      coreWithoutOwner = stripPunct(paren[1]);
    } else {
      const parts = base.split(/\s+/);
      const last = parts[parts.length - 1] ?? "";
      const prev = parts[parts.length - 2] ?? "";
      if (parts.length >= 3 && PERSON_PART.test(prev) && PERSON_PART.test(last)) {
        // 豊橋農園 鎌田 正人
        owner = stripPunct(prev + last);
        coreWithoutOwner = stripPunct(parts.slice(0, -2).join(""));
      } else if (parts.length >= 2 && OWNER_TOKEN.test(last)) {
        owner = stripPunct(last);
        coreWithoutOwner = stripPunct(parts.slice(0, -1).join(""));
      }
    }
  }
  const core = stripPunct(compact);
  const key = family ? `${family}@${position}:${core}` : core;
  const out: NormalizedName = { legalForm, legalFormPosition: position, core, key };
  if (owner && coreWithoutOwner) {
    out.owner = owner;
    out.coreWithoutOwner = coreWithoutOwner;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kana
// ---------------------------------------------------------------------------------------------

const KANA_FORMS = [
  "カブシキガイシヤ",
  "カブシキカイシヤ",
  "ユウゲンガイシヤ",
  "ユウゲンカイシヤ",
  "ゴウドウガイシヤ",
  "ゴウドウカイシヤ",
  "ゴウシガイシヤ",
  "ゴウシカイシヤ",
  "ゴウメイガイシヤ",
  "ゴウメイカイシヤ",
  "イツパンシヤダンホウジン",
  "イツパンザイダンホウジン",
  "コウエキシヤダンホウジン",
  "コウエキザイダンホウジン",
  "シヤダンホウジン",
  "ザイダンホウジン",
  "トクテイヒエイリカツドウホウジン",
  "エヌピーオーホウジン",
  "エヌピーオウホウジン",
  "NPOホウジン",
  "イリヨウホウジンシヤダン",
  "イリヨウホウジンザイダン",
  "イリヨウホウジン",
  "シヤカイフクシホウジン",
  "ガツコウホウジン",
  "ジギヨウキヨウドウクミアイ",
  "キヨウドウクミアイ",
].sort((a, b) => b.length - a.length);
const ZENGIN = "(?:カ|ユ|ド|シ|メ|ザイ|シヤ|イ|ガク|フク|トクヒ|ドク)";
const ZENGIN_START = new RegExp(`^\\(?${ZENGIN}\\)`);
const ZENGIN_END = new RegExp(`\\(${ZENGIN}\\)?$`);

/**
 * Reading (フリガナ) key: NFKC (half-width kana → full), hiragana → katakana, small kana → large,
 * ヂ/ヅ → ジ/ズ, long-vowel marks and punctuation dropped, legal-form readings (カブシキガイシャ …,
 * 全銀 カ) / (カ) stripped at either end.
 */
export function normalizeKana(raw: string | null | undefined): string {
  if (!raw) return "";
  let s = unifyHyphens(hiraganaToKatakana(raw.normalize("NFKC").toUpperCase())).replace(/\s+/g, "");
  s = foldSmallKana(s).replace(/ヂ/g, "ジ").replace(/ヅ/g, "ズ");
  s = s.replace(ZENGIN_START, "").replace(ZENGIN_END, "");
  s = s.replace(/[・·.,、。&'’"()]/g, "");
  for (const f of KANA_FORMS) {
    if (s.length > f.length && s.startsWith(f)) {
      s = s.slice(f.length);
      break;
    }
  }
  for (const f of KANA_FORMS) {
    if (s.length > f.length && s.endsWith(f)) {
      s = s.slice(0, s.length - f.length);
      break;
    }
  }
  return s.replace(/[ー-]/g, "").replace(/([オコソトノホモヨロゴゾドボポ])ウ/g, "$1");
}

// ---------------------------------------------------------------------------------------------
// Phone, postal code, representative
// ---------------------------------------------------------------------------------------------

const HYPHEN_ANY = new RegExp(`[${HYPHEN_CLASS}]`, "g");

/** All phone numbers in a field, as digit strings (10–11 digits starting with 0, or +81 converted). */
export function normalizePhones(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const s = raw
    .normalize("NFKC")
    .replace(HYPHEN_ANY, "-")
    .replace(/(?<=[0-9])\.(?=[0-9])/g, "-") // 024.382.7899
    .replace(/\+81-?/g, "0");
  const out: string[] = [];
  for (const chunk of s.split(/[^0-9()\-\s]+/)) {
    const digits = chunk.replace(/\D/g, "");
    if (digits.length >= 10 && digits.length <= 11) out.push(digits);
    else if (digits.length > 11) {
      for (const part of chunk.split(/\s+/)) {
        const d = part.replace(/\D/g, "");
        if (d.length >= 10 && d.length <= 11) out.push(d);
      }
    }
  }
  return [...new Set(out)];
}

/** The first phone number in a field, digits only, or "" when there is none. */
export function normalizePhone(raw: string | null | undefined): string {
  return normalizePhones(raw)[0] ?? "";
}

/** 郵便番号 as 7 digits ("9608053"), or "" when the field does not hold one. */
export function normalizePostal(raw: string | null | undefined): string {
  if (!raw) return "";
  const d = raw
    .normalize("NFKC")
    .replace(/[〒\s]/g, "")
    .replace(HYPHEN_ANY, "")
    .replace(/\D/g, "");
  return d.length === 7 ? d : "";
}

const TITLES =
  /^(代表取締役社長|代表取締役会長|代表取締役|取締役社長|代表執行役社長|代表執行役|代表社員|業務執行社員|代表理事長|代表理事|理事長|代表者|代表|社長|院長|所長|会長|店主|園長|校長|組合長|オーナー)/;

/** 代表者 key: NFKC, titles dropped, spaces removed, 旧字 folded. */
export function normalizeRepresentative(raw: string | null | undefined): string {
  if (!raw) return "";
  let s = raw.normalize("NFKC").trim();
  s = s.replace(/\s+/g, "");
  for (let i = 0; i < 3; i++) {
    const next = s.replace(TITLES, "").replace(/^[:：・]/, "");
    if (next === s) break;
    s = next;
  }
  return foldKyuji(s);
}

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

export const PREFECTURES = [
  "北海道",
  "青森県",
  "岩手県",
  "宮城県",
  "秋田県",
  "山形県",
  "福島県",
  "茨城県",
  "栃木県",
  "群馬県",
  "埼玉県",
  "千葉県",
  "東京都",
  "神奈川県",
  "新潟県",
  "富山県",
  "石川県",
  "福井県",
  "山梨県",
  "長野県",
  "岐阜県",
  "静岡県",
  "愛知県",
  "三重県",
  "滋賀県",
  "京都府",
  "大阪府",
  "兵庫県",
  "奈良県",
  "和歌山県",
  "鳥取県",
  "島根県",
  "岡山県",
  "広島県",
  "山口県",
  "徳島県",
  "香川県",
  "愛媛県",
  "高知県",
  "福岡県",
  "佐賀県",
  "長崎県",
  "熊本県",
  "大分県",
  "宮崎県",
  "鹿児島県",
  "沖縄県",
];

export interface NormalizedAddress {
  /** prefecture as written, or inferred from the municipality when only one prefecture has one of that name (postal-codes.ts) */
  prefecture: string | null;
  /** true when the prefecture was not written but inferred from the city */
  prefectureInferred?: boolean;
  city?: string;
  /** town and number part after the city (building name dropped) */
  rest: string;
  /** city + town + number chain ("伊達市堀之内16", "中央区勝どき1-13-6"), prefecture excluded */
  key: string;
  /** like key, but with only the 字 marker dropped (字 name kept): 大山崎町字大山崎小泉1 → 大山崎町大山崎小泉1 */
  keyAlt: string;
  /** town part of the key (before the number chain) */
  town: string;
  /** number chain ("1-13-6"), "" when none */
  numbers: string;
  /** building, floor, room (as written, folded) */
  building: string;
}

const KANJI_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二十六 → 26, 三 → 3, 百二 → 102, 一〇五 → 105. */
export function kanjiToNumber(s: string): number {
  if (/^[〇零一二三四五六七八九]+$/.test(s) && s.length > 1) {
    return Number(Array.from(s, (c) => KANJI_DIGITS[c] ?? 0).join(""));
  }
  let total = 0;
  let current = 0;
  for (const c of s) {
    const d = KANJI_DIGITS[c];
    if (d !== undefined) current = d;
    else {
      const unit = c === "十" ? 10 : c === "百" ? 100 : c === "千" ? 1000 : 1;
      total += (current || 1) * unit;
      current = 0;
    }
  }
  return total + current;
}

const KN = "[〇零一二三四五六七八九十百千]+";
const HAS_KANJI_NUMERAL = /[〇零一二三四五六七八九十百千]/;
const KANJI_BEFORE_UNIT = new RegExp(`(${KN})(?=丁目|番(?![町丁])|号|地割|線|条)`, "g");
const KANJI_AFTER_UNIT = new RegExp(`(?<=[0-9](?:丁目|番地の|番地|番|の|-))(${KN})(?!\\p{Script=Han})`, "gu");
const KANJI_BEFORE_HYPHEN = new RegExp(`(?<![\\p{Script=Han}])(${KN})(?=-[0-9〇一二三四五六七八九])`, "gu");

/**
 * Offline address normalisation: NFKC, prefecture detection, 大字/字 dropped, kanji numerals in the
 * block part converted, 丁目/番地/番/号/の → hyphens, building names split off.
 */
/**
 * A space after the block number that starts a floor or room (1-20 2F, 1-20 501号室, 10番1号 5階):
 * the rest is the building, not more block number. A number that goes on (2-3 4-5 is rare, 1丁目 2番
 * is not) keeps the chain.
 */
/**
 * An address has at most three block levels (丁目-番-号, or 番地-枝番); a fourth number is a room
 * (2-9-24-308 = 2丁目9番24号 308号室), so it belongs to the building, not to the block.
 */
function splitRoom(chain: string): { block: string; room: string } {
  const parts = chain.split("-");
  if (parts.length <= 3) return { block: chain, room: "" };
  return { block: parts.slice(0, 3).join("-"), room: parts.slice(3).join("-") };
}

const SPACE_BEFORE_ROOM = /(?<=[0-9号])\s+(?=[0-9]+(?![0-9]|-|丁目|番|号(?![室館棟])|の[0-9]))/g;
/** Stands for that space until the block number is split off (a character no address holds). */
const ROOM_MARK = "\uE000";

export function normalizeAddress(raw: string | null | undefined): NormalizedAddress {
  let s = foldKyuji(foldGa(unifyHyphens((raw ?? "").normalize("NFKC"))))
    .trim()
    .replace(SPACE_BEFORE_ROOM, ROOM_MARK)
    .replace(/\s+/g, "")
    .replace(/[〒]\d{3}-?\d{4}/, "");
  let prefecture: string | null = null;
  for (const p of PREFECTURES) {
    if (s.startsWith(p)) {
      prefecture = p;
      s = s.slice(p.length);
      break;
    }
  }
  // The municipality, from Japan Post's list (四日市市, 三条市, 不破郡関ケ原町 …): split off before the
  // block-number rules, which would read 三条 as a number; the pattern below is the fallback.
  const muni = matchMunicipality(s);
  const cityPart = muni?.name ?? "";
  // its last character stays in front, so the rules see the same context (字 after a kanji) as before
  const lead = cityPart.slice(-1);
  s = s
    .slice(cityPart.length - lead.length)
    .replace(/大字|小字/g, "")
    .replace(/ニ(?=丁目)/g, "二")
    .replace(/(上|下|入)る/g, "$1ル");
  if (HAS_KANJI_NUMERAL.test(s)) {
    s = s.replace(KANJI_BEFORE_UNIT, (m) => String(kanjiToNumber(m)));
    s = s.replace(KANJI_AFTER_UNIT, (m) => String(kanjiToNumber(m)));
    s = s.replace(KANJI_BEFORE_HYPHEN, (m) => String(kanjiToNumber(m)));
  }
  // 三番町, 五番丁, 北13条: town names, keep their numbers out of the block chain (full-width digits).
  s = s.replace(/[0-9]+(?=番[町丁]|条)/g, (m) =>
    m.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
  );
  // 字XXX before the block number is often left out: drop it (keyAlt keeps the name, drops the marker).
  const hasAza = s.includes("字");
  const alt = hasAza ? s.replace(/(?<=\p{Script=Han}|\p{Script=Katakana}|\p{Script=Hiragana})字/gu, "") : s;
  if (hasAza) s = s.replace(/(?<=\p{Script=Han}|\p{Script=Katakana}|\p{Script=Hiragana})字[^0-9-]+?(?=[0-9])/u, "");
  const blocks = (t: string) =>
    t
      .replace(/([0-9]+)丁目/g, "$1-")
      .replace(/([0-9]+)地割/g, "$1-")
      .replace(/([0-9]+)番地の?/g, "$1-")
      .replace(/([0-9]+)番(?![町丁])/g, "$1-")
      .replace(/([0-9]+)号(?![室館棟])/g, "$1")
      .replace(/([0-9]+)の([0-9]+)/g, "$1-$2")
      .replace(/-+/g, "-");
  const altBlocks = blocks(alt);
  s = hasAza ? blocks(s) : altBlocks;
  const altM = /^(.*?)([0-9]+(?:-[0-9]+)*)/.exec(altBlocks);
  const keyAlt = altM ? (altM[1] ?? "") + splitRoom(altM[2] ?? "").block : altBlocks;
  const m = /^(.*?)([0-9]+(?:-[0-9]+)*)(.*)$/.exec(s);
  let town = s;
  let numbers = "";
  let building = "";
  if (m) {
    const { block, room } = splitRoom(m[2] ?? "");
    town = m[1] ?? "";
    numbers = block;
    building = room + (m[3] ?? "").replace(/^-/, "").replace(ROOM_MARK, "");
  }
  town = cityPart + town.slice(lead.length);
  const key = town + numbers;
  const city = muni ? cityPart : /^(.+?郡.+?[町村]|.+?市.+?区|.+?[市区町村])/.exec(town)?.[1];
  const rest = city ? key.slice(city.length) : key;
  const out: NormalizedAddress = {
    prefecture,
    rest,
    key,
    keyAlt: cityPart + keyAlt.slice(lead.length),
    town,
    numbers,
    building,
  };
  if (city) out.city = city;
  if (!prefecture) {
    const guess = muni ? muni.prefecture : null;
    if (guess) {
      out.prefecture = guess;
      out.prefectureInferred = true;
    }
  }
  return out;
}
