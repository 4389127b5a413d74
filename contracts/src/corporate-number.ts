/**
 * 法人番号 (corporate number): 13 digits, the first being a check digit over the 12-digit 基礎番号
 * (財務省令第70号 第2条): CD = 9 − (Σ P_n × Q_n mod 9), P_n the n-th digit from the right, Q_n = 1
 * for odd n and 2 for even n. Example: 5070001000715.
 */
export function corporateNumberCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** Why a value is not a valid 法人番号, in Japanese and English; undefined when it is valid. */
export function corporateNumberProblem(value: string): { ja: string; en: string } | undefined {
  const v = value.trim();
  if (/^\d(\.\d+)?E\+\d+$/i.test(v)) {
    return {
      ja: `「${v}」はExcelで指数表記に変わった法人番号です。列を文字列形式にして13桁で入力し直してください`,
      en: `"${v}" is a corporate number mangled by Excel into exponent form; format the column as text and enter all 13 digits`,
    };
  }
  if (!/^\d{13}$/.test(v)) {
    return { ja: "法人番号は半角数字13桁で入力してください", en: "A corporate number has exactly 13 digits" };
  }
  if (Number(v[0]) !== corporateNumberCheckDigit(v.slice(1))) {
    return {
      ja: "法人番号のチェックデジット（先頭の数字）が合いません。番号を確認してください",
      en: "The corporate number's check digit (its first digit) does not match; check the number",
    };
  }
  return undefined;
}

export const isValidCorporateNumber = (value: string): boolean => corporateNumberProblem(value) === undefined;
