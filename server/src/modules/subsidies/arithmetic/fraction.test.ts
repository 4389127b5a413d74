import { describe, expect, it } from "vitest";
import { solveShareCaps as solveShareCapsForTest } from "./categories.js";
import {
  addFractions,
  compareFractions,
  floorToUnit,
  formatFraction,
  formatYen,
  mulFloor,
  mulIsExact,
  toYenNumber,
  yen,
} from "./fraction.js";
import { CONSUMPTION_TAX_RATES, excludeTax } from "./tax.js";

describe("exact yen and fraction helpers", () => {
  it("when a product is not whole, then ⌊cost × rate⌋ drops the fraction of a yen (1,234,567 × 2/3 = 823,044)", () => {
    expect(mulFloor(1_234_567n, { n: 2n, d: 3n })).toBe(823_044n);
    expect(mulIsExact(1_234_567n, { n: 2n, d: 3n })).toBe(false);
    expect(mulFloor(3_000_000n, { n: 1n, d: 2n })).toBe(1_500_000n);
    expect(mulIsExact(3_000_000n, { n: 1n, d: 2n })).toBe(true);
  });

  it("when amounts exceed 2^53 in the product, then bigint keeps them exact", () => {
    const cost = 999_999_999_999n;
    expect(mulFloor(cost, { n: 999_999n, d: 1_000_000n })).toBe((cost * 999_999n) / 1_000_000n);
  });

  it("when rounding to a unit, then it rounds down (千円未満切捨て) and keeps multiples", () => {
    expect(floorToUnit(823_044n, 1000n)).toBe(823_000n);
    expect(floorToUnit(823_000n, 1000n)).toBe(823_000n);
    expect(floorToUnit(999n, 1000n)).toBe(0n);
    expect(floorToUnit(823_044n, 1n)).toBe(823_044n);
  });

  it("when yen is not a non-negative safe integer, then it is refused", () => {
    expect(() => yen(1.5)).toThrow(RangeError);
    expect(() => yen(-1)).toThrow(RangeError);
    expect(() => yen(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => toYenNumber(-1n)).toThrow(RangeError);
    expect(yen(0)).toBe(0n);
  });

  it("when fractions are added and compared, then the result is exact and reduced", () => {
    expect(addFractions({ n: 1n, d: 2n }, { n: 1n, d: 3n })).toEqual({ n: 5n, d: 6n });
    expect(compareFractions({ n: 2n, d: 3n }, { n: 4n, d: 6n })).toBe(0);
    expect(compareFractions({ n: 1n, d: 2n }, { n: 2n, d: 3n })).toBe(-1);
    expect(compareFractions({ n: 10n, d: 10n }, { n: 2n, d: 3n })).toBe(1);
  });

  it("when formatting, then yen get thousands separators and rates stay as configured", () => {
    expect(formatYen(1_500_000n)).toBe("1,500,000円");
    expect(formatYen(999)).toBe("999円");
    expect(formatYen(0n)).toBe("0円");
    expect(formatFraction({ numerator: 10, denominator: 10 })).toBe("10/10");
  });
});

describe("consumption tax exclusion", () => {
  it("when the amount is tax-included, then 税抜 = ⌊税込 × 100/110⌋ (8%: × 100/108)", () => {
    expect(excludeTax(1_100n, CONSUMPTION_TAX_RATES.standard)).toBe(1_000n);
    expect(excludeTax(3_300_000n, CONSUMPTION_TAX_RATES.standard)).toBe(3_000_000n);
    expect(excludeTax(1_080n, CONSUMPTION_TAX_RATES.reduced)).toBe(1_000n);
    expect(excludeTax(999n, CONSUMPTION_TAX_RATES.standard)).toBe(908n);
    expect(excludeTax(1_000n, CONSUMPTION_TAX_RATES.none)).toBe(1_000n);
  });

  it("for every tax-excluded price up to 200,000 yen and any seller rounding of the tax, then the exclusion gives the price or one yen less, never more", () => {
    for (const [key, rate] of [
      ["standard", CONSUMPTION_TAX_RATES.standard],
      ["reduced", CONSUMPTION_TAX_RATES.reduced],
    ] as const) {
      for (let e = 0n; e <= 200_000n; e++) {
        const down = (e * rate.n) / rate.d;
        const up = down + ((e * rate.n) % rate.d === 0n ? 0n : 1n);
        for (const tax of [down, up]) {
          const back = excludeTax(e + tax, rate);
          if (back > e || back < e - 1n) throw new Error(`${key}: ${e} + ${tax} → ${back}`);
        }
        // A seller who rounds the tax down (the usual choice) is recovered when the tax is whole.
        if ((e * rate.n) % rate.d === 0n) expect(excludeTax(e + down, rate)).toBe(e);
      }
    }
  });
});

describe("share caps (割合の上限) fixed point", () => {
  /** The greatest T with T = fixed + Σ min(aᵢ, ⌊sᵢT⌋), by scanning down from the uncapped total. */
  function bruteForce(fixed: bigint, shared: { amount: bigint; share: { n: bigint; d: bigint } }[]): bigint {
    for (let t = shared.reduce((s, c) => s + c.amount, fixed); t >= 0n; t--) {
      const g = shared.reduce(
        (s, c) => s + (c.amount < (t * c.share.n) / c.share.d ? c.amount : (t * c.share.n) / c.share.d),
        fixed,
      );
      if (g === t) return t;
    }
    throw new Error("no fixed point");
  }

  it("when one category may be at most half of the total, then it is limited to the rest (x ≤ (x + others)/2)", () => {
    expect(solveShareCapsForTest(1_000_000n, [{ amount: 3_000_000n, share: { n: 1n, d: 2n } }])).toEqual({
      total: 2_000_000n,
      amounts: [1_000_000n],
    });
    expect(solveShareCapsForTest(1_000_001n, [{ amount: 3_000_000n, share: { n: 1n, d: 3n } }])).toEqual({
      total: 1_500_001n,
      amounts: [500_000n],
    });
  });

  it("for every small case with up to three share-capped categories, then the solver finds the brute-force answer", () => {
    const shares = [
      { n: 1n, d: 2n },
      { n: 1n, d: 3n },
      { n: 2n, d: 3n },
      { n: 1n, d: 10n },
      { n: 9n, d: 10n },
      { n: 1n, d: 1n },
    ];
    let checked = 0;
    for (let fixed = 0n; fixed <= 40n; fixed += 3n) {
      for (const s1 of shares) {
        for (const s2 of shares) {
          for (let a1 = 0n; a1 <= 60n; a1 += 7n) {
            for (let a2 = 0n; a2 <= 60n; a2 += 11n) {
              const shared = [
                { amount: a1, share: s1 },
                { amount: a2, share: s2 },
                { amount: 13n, share: { n: 1n, d: 4n } },
              ];
              const got = solveShareCapsForTest(fixed, shared);
              const want = bruteForce(fixed, shared);
              if (got.total !== want) throw new Error(`${fixed} ${a1} ${a2}: ${got.total} ≠ ${want}`);
              got.amounts.forEach((x, i) => {
                const c = shared[i] as (typeof shared)[number];
                if (x > c.amount || x * c.share.d > c.share.n * got.total)
                  throw new Error(`${fixed} ${a1} ${a2}: share`);
              });
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("when a share is close to 1 and amounts are large, then it converges quickly", () => {
    const got = solveShareCapsForTest(1n, [{ amount: 1_000_000_000_000n, share: { n: 999_999n, d: 1_000_000n } }]);
    expect(got.total).toBe(1_000_000n);
    expect(got.amounts).toEqual([999_999n]);
  });
});
