/**
 * 法人番号 (corporate number): 13 digits, the first is a check digit over the 12-digit 基礎番号.
 * CD = 9 − ((Σ_{n=1..12} P_n × Q_n) mod 9), P_n counted from the rightmost digit, Q_n = 1 (odd n) / 2 (even n).
 */

const HYPHENS = /[-‐‑‒–—―−ー－ｰ\s]/g;

/** NFKC + strip spaces and hyphen look-alikes; does not validate. */
export function cleanCorporateNumber(raw: string | null | undefined): string {
  if (!raw) return "";
  return raw.normalize("NFKC").replace(HYPHENS, "").trim();
}

export function corporateCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const p = base12.charCodeAt(12 - n) - 48;
    sum += p * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** True when `s` is exactly 13 ASCII digits (after NFKC and hyphen removal) with a correct check digit. */
export function isValidCorporateNumber(s: string | null | undefined): boolean {
  const c = cleanCorporateNumber(s);
  if (!/^[1-9]\d{12}$/.test(c)) return false;
  return corporateCheckDigit(c.slice(1)) === c.charCodeAt(0) - 48;
}

/** The canonical 13-digit string when valid, else null. */
export function normalizeCorporateNumber(s: string | null | undefined): string | null {
  const c = cleanCorporateNumber(s);
  return isValidCorporateNumber(c) ? c : null;
}

export type CorporateNumberProblem =
  | "empty"
  | "excel-scientific"
  | "not-digits"
  | "wrong-length"
  | "leading-zero"
  | "check-digit";

export interface CorporateNumberExplanation {
  valid: boolean;
  normalized: string | null;
  problem?: CorporateNumberProblem;
  /** 日本語の説明 */
  message: string;
}

/** Explains why a 法人番号 is invalid (or confirms it is valid). */
export function explainCorporateNumber(raw: string | null | undefined): CorporateNumberExplanation {
  const c = cleanCorporateNumber(raw);
  if (c === "") return { valid: false, normalized: null, problem: "empty", message: "法人番号が空です" };
  if (/^\d(\.\d+)?E\+?\d+$/i.test(c)) {
    return {
      valid: false,
      normalized: null,
      problem: "excel-scientific",
      message: `「${c}」は Excel が数値として指数表記にした値です。元の13桁は復元できません。文字列（テキスト）として出力し直してください`,
    };
  }
  if (!/^\d+$/.test(c)) {
    return { valid: false, normalized: null, problem: "not-digits", message: `数字以外の文字を含みます（「${c}」）` };
  }
  if (c.length !== 13) {
    const hint = c.length === 12 ? "。12桁なら会社法人等番号（基礎番号）かもしれません" : "";
    return {
      valid: false,
      normalized: null,
      problem: "wrong-length",
      message: `法人番号は13桁ですが${c.length}桁です${hint}`,
    };
  }
  if (c[0] === "0") {
    return { valid: false, normalized: null, problem: "leading-zero", message: "先頭（チェックディジット）が0です" };
  }
  const expected = corporateCheckDigit(c.slice(1));
  if (expected !== c.charCodeAt(0) - 48) {
    return {
      valid: false,
      normalized: null,
      problem: "check-digit",
      message: `チェックディジットが一致しません（先頭は${expected}のはず）。入力誤りの可能性があります`,
    };
  }
  return { valid: true, normalized: c, message: "有効な法人番号です" };
}

/**
 * 登記所 codes (the first two digits of the 会社法人等番号, i.e. digits 2–3 of the 法人番号) by the
 * prefecture of the 法務局 that first registered the company. The number stays when the company moves,
 * so this is where it was registered, not where it is now.
 */
const REGISTRY_PREFECTURES = (
  "東京都 神奈川県 埼玉県 千葉県 茨城県 栃木県 群馬県 静岡県 山梨県 長野県 新潟県 大阪府 京都府 兵庫県 奈良県 滋賀県 和歌山県 愛知県 三重県 岐阜県 福井県 石川県 富山県 広島県 山口県 " +
  "岡山県 鳥取県 島根県 福岡県 佐賀県 長崎県 大分県 熊本県 鹿児島県 宮崎県 沖縄県 宮城県 福島県 山形県 岩手県 秋田県 青森県 北海道 北海道 北海道 北海道 香川県 徳島県 高知県 愛媛県"
).split(" ");

/**
 * The prefecture whose 法務局 registered a company with this (valid) 法人番号, or null for numbers
 * that are not built on a 会社法人等番号 (国の機関, 地方公共団体, 登記のない法人).
 */
export function registryPrefecture(cn: string | null): string | null {
  if (!cn) return null;
  const code = Number(cn.slice(1, 3));
  const kind = cn.slice(5, 7);
  if (code < 1 || code > REGISTRY_PREFECTURES.length || kind < "01" || kind > "05") return null;
  return REGISTRY_PREFECTURES[code - 1] ?? null;
}
