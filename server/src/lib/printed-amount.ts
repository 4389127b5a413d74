/**
 * Converts an amount as a Japanese plan prints it into integer yen, exactly (BigInt arithmetic):
 * "69,803千円" → 69,803,000; "11億5,460万円" → 1,154,600,000; "157億5,464万7千円" → 15,754,647,000;
 * "▲741千円" → −741,000; "約5,400千円" → 5,400,000 (approximate).
 */
export interface ParsedAmount {
  yen: number;
  approximate: boolean;
}

const UNIT: Record<string, bigint> = { 億: 100_000_000n, 万: 10_000n, 千: 1_000n, "": 1n };

export function parsePrintedAmount(printed: string): ParsedAmount {
  let text = printed.replace(/\s+/g, "");
  const approximate = text.includes("約");
  text = text.replaceAll("約", "");
  let sign = 1n;
  if (/^[-▲△]/.test(text)) sign = -1n;
  text = text.replace(/^[+\-▲△]/, "");
  if (!text.endsWith("円")) throw new Error(`「${printed}」: 単位（円・千円・万円・億円）がありません`);
  const body = text.slice(0, -1);
  const tokens = [...body.matchAll(/(\d[\d,]*(?:\.\d+)?)(億|万|千)?/g)];
  if (tokens.length === 0 || tokens.map((t) => t[0]).join("") !== body) {
    throw new Error(`「${printed}」を金額として読めません`);
  }
  let total = 0n;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const [, digits = "", unit = ""] of tokens) {
    const scale = UNIT[unit] ?? 1n;
    // Units must descend (億 before 万 before 千): "5千3億円" is a typo, not an amount.
    if (Number(scale) >= lastUnit) throw new Error(`「${printed}」: 単位の順序が正しくありません`);
    lastUnit = Number(scale);
    total += decimalTimes(digits.replaceAll(",", ""), scale, printed);
  }
  const yen = sign * total;
  if (yen > BigInt(Number.MAX_SAFE_INTEGER) || yen < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`「${printed}」: 金額が大きすぎます`);
  }
  return { yen: Number(yen), approximate };
}

function decimalTimes(decimal: string, scale: bigint, printed: string): bigint {
  const [whole = "0", fraction = ""] = decimal.split(".");
  const denominator = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole + fraction) * scale;
  if (numerator % denominator !== 0n) throw new Error(`「${printed}」: 1円未満の端数になります`);
  return numerator / denominator;
}

/** 千円 figures of a budget statement are printed without a unit ("4,179,684", "▲173"). */
export function parseThousandYen(printed: string): ParsedAmount {
  const t = printed.trim();
  return parsePrintedAmount(/円$/.test(t) ? t : `${t}千円`);
}
