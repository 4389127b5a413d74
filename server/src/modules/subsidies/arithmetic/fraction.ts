/**
 * Exact integer arithmetic for yen and rates. Every amount is a non-negative bigint while it is
 * being computed, so no product (cost × numerator) can lose precision; results go back to
 * `number` only when they are safe integers again.
 */

/** A rate as configured: 2/3, 1/2, 10/10 (kept unreduced so the working shows what the 要綱 says). */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** An exact non-negative fraction with bigint parts, for sums of rates (share caps). */
export interface BigFraction {
  n: bigint;
  d: bigint;
}

/** Yen as a bigint; refuses anything that is not a non-negative safe integer. */
export function yen(value: number): bigint {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`金額は0以上の整数（円）にしてください: ${value}`);
  return BigInt(value);
}

/** Back to a number; the arithmetic never produces more than the inputs' sum, so this is exact. */
export function toYenNumber(value: bigint): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`金額が範囲外です: ${value}`);
  return Number(value);
}

export function big(f: Fraction): BigFraction {
  if (
    !Number.isSafeInteger(f.numerator) ||
    !Number.isSafeInteger(f.denominator) ||
    f.numerator < 0 ||
    f.denominator <= 0
  ) {
    throw new RangeError(`分数が不正です: ${f.numerator}/${f.denominator}`);
  }
  return { n: BigInt(f.numerator), d: BigInt(f.denominator) };
}

/** ⌊amount × n/d⌋ for amount ≥ 0: bigint division truncates, which is the floor here. */
export function mulFloor(amount: bigint, f: BigFraction): bigint {
  if (amount < 0n) throw new RangeError("金額が負です");
  return (amount * f.n) / f.d;
}

/** Whether amount × n/d is a whole number of yen. */
export function mulIsExact(amount: bigint, f: BigFraction): boolean {
  return (amount * f.n) % f.d === 0n;
}

/** Round down to a multiple of unit (千円未満切捨て: unit 1000). */
export function floorToUnit(amount: bigint, unit: bigint): bigint {
  if (amount < 0n || unit <= 0n) throw new RangeError("端数処理の値が不正です");
  return (amount / unit) * unit;
}

export function addFractions(a: BigFraction, b: BigFraction): BigFraction {
  return reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compareFractions(a: BigFraction, b: BigFraction): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function reduce(f: BigFraction): BigFraction {
  const g = gcd(f.n, f.d);
  return g === 0n ? f : { n: f.n / g, d: f.d / g };
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** "2/3" (as configured, unreduced). */
export function formatFraction(f: Fraction): string {
  return `${f.numerator}/${f.denominator}`;
}

/** "1,500,000円" for any non-negative bigint or safe integer. */
export function formatYen(value: bigint | number): string {
  const digits = (typeof value === "bigint" ? value : BigInt(value)).toString();
  const negative = digits.startsWith("-");
  const body = negative ? digits.slice(1) : digits;
  return `${negative ? "-" : ""}${body.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}円`;
}
