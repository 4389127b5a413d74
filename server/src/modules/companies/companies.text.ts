/**
 * Text forms of a company used for search: NFKC (full-width → half-width, ㈱ → (株), half-width
 * katakana → full-width), lower case, no spaces, hiragana folded to katakana so that either script
 * finds the kana. Matching for 名寄せ uses the stricter engine in ../meiyose/engine.
 */
export function searchForm(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

export function digitsOf(text: string): string {
  return text.normalize("NFKC").replace(/\D/g, "");
}

const PREFECTURE =
  /^(北海道|東京都|大阪府|京都府|(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川|新潟|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県)/;

/** The prefecture an address starts with, if it names one. */
export function prefectureOf(address: string | null | undefined): string | null {
  if (!address) return null;
  return PREFECTURE.exec(address.normalize("NFKC").trim())?.[1] ?? null;
}

/**
 * Dashes people type in phone numbers: full-width hyphen, minus sign, dashes, the long vowel mark
 * (ー, an IME's default for "-" in kana mode) and its half-width form. NFKC leaves most of these.
 */
const PHONE_HYPHENS = /[\u2010-\u2015\u2212\u2500\u2501\u30fc\ufe63\uff0d\uff70]/g;

/**
 * A phone number as stored: half-width (NFKC: ０２４２ → 0242, （ → (), every dash look-alike a plain
 * '-', the hyphenation as typed. The registry shows what was typed, so it must be readable and
 * searchable without guessing where an area code ends; "TEL" or 内線 stay.
 */
export function normalizePhone(phone: string): string {
  return phone.normalize("NFKC").replace(PHONE_HYPHENS, "-").trim();
}

/**
 * フリガナ as stored: full-width katakana. Hiragana (ゝゞ too) moves to katakana; half-width katakana
 * (ｶﾌﾞｼｷｶﾞｲｼｬ, from old systems' CSV) is widened with its sound marks composed. Only the kana are
 * touched: NFKC on the whole text would also rewrite full-width letters and ㈱ the user meant.
 */
export function normalizeKana(kana: string): string {
  return kana
    .replace(/[\uff61-\uff9f]+/g, (run) => run.normalize("NFKC"))
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}
