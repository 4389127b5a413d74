import type { SubsidyCalcStep, SubsidyExpenseCategory, SubsidyRate, SubsidyRefusal } from "@shien/contracts";
import {
  addFractions,
  type BigFraction,
  big,
  compareFractions,
  formatFraction,
  formatYen,
  minBig,
  mulFloor,
  yen,
} from "./fraction.js";

export interface CategorizedAmount {
  /** The line's category as entered (code or Japanese name), if any. */
  category: string | undefined;
  yen: bigint;
  line: number;
}

export type CategoryResult =
  | { ok: true; total: bigint; steps: SubsidyCalcStep[] }
  | { ok: false; refused: SubsidyRefusal };

function norm(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export function findCategory(categories: SubsidyExpenseCategory[], name: string): SubsidyExpenseCategory | undefined {
  const key = norm(name);
  return categories.find((c) => norm(c.code) === key || norm(c.name.ja) === key || norm(c.name.en) === key);
}

/**
 * The eligible total after each category's limits, in this order:
 * 1. the lines of a category are added up;
 * 2. its yen cap (capYen) limits that sum;
 * 3. its share cap (「補助対象経費総額の1/2以内」) limits it to that share of the *final* eligible
 *    total, the one the rate is applied to: the largest integer total T such that every
 *    share-capped category's amount is min(its sum, ⌊share × T⌋) and T is the sum of all amounts.
 * Without categories in the terms the lines are simply added up.
 */
export function applyCategoryLimits(
  amounts: CategorizedAmount[],
  categories: SubsidyExpenseCategory[] | undefined,
): CategoryResult {
  if (!categories) return { ok: true, total: amounts.reduce((s, a) => s + a.yen, 0n), steps: [] };
  const sums = new Map<SubsidyExpenseCategory, bigint>();
  for (const a of amounts) {
    if (a.category === undefined) {
      return {
        ok: false,
        refused: {
          code: "category_required",
          ja: `経費${a.line}の経費区分を指定してください（${categories.map((c) => c.name.ja).join("、")}）。`,
          en: `Line ${a.line} needs an expense category (${categories.map((c) => c.name.en).join(", ")}).`,
        },
      };
    }
    const category = findCategory(categories, a.category);
    if (!category) {
      return {
        ok: false,
        refused: {
          code: "unknown_category",
          ja: `経費${a.line}の経費区分「${a.category}」は補助対象経費ではありません。対象は ${categories.map((c) => c.name.ja).join("、")} です。`,
          en: `Line ${a.line}: "${a.category}" is not an eligible expense category (${categories.map((c) => c.name.en).join(", ")}).`,
        },
      };
    }
    sums.set(category, (sums.get(category) ?? 0n) + a.yen);
  }
  const steps: SubsidyCalcStep[] = [];
  const capped = new Map<SubsidyExpenseCategory, bigint>();
  for (const c of categories) {
    const sum = sums.get(c);
    if (sum === undefined) continue;
    steps.push({
      key: `category.${c.code}`,
      label: { ja: `${c.name.ja} 計`, en: `${c.name.en}: total` },
      yen: Number(sum),
    });
    let value = sum;
    if (c.capYen !== undefined && sum > yen(c.capYen)) {
      value = yen(c.capYen);
      steps.push({
        key: `category.${c.code}.cap`,
        label: { ja: `${c.name.ja} 区分の上限`, en: `${c.name.en}: category cap` },
        yen: Number(value),
        note: `${formatYen(sum)} → 区分の上限 ${formatYen(value)}`,
      });
    }
    capped.set(c, value);
  }
  const shared: { category: SubsidyExpenseCategory; share: SubsidyRate; amount: bigint }[] = [];
  let fixed = 0n;
  for (const [category, amount] of capped) {
    if (category.shareCap) shared.push({ category, share: category.shareCap, amount });
    else fixed += amount;
  }
  const limited = solveShareCaps(
    fixed,
    shared.map((c) => ({ amount: c.amount, share: big(c.share) })),
  );
  shared.forEach(({ category: c, share, amount }, i) => {
    const x = limited.amounts[i] ?? amount;
    if (x < amount) {
      steps.push({
        key: `category.${c.code}.share`,
        label: { ja: `${c.name.ja} 総額に対する割合の上限`, en: `${c.name.en}: share of the eligible total` },
        yen: Number(x),
        fraction: share,
        note: `補助対象経費総額 ${formatYen(limited.total)} の ${formatFraction(share)} 以内: ${formatYen(amount)} → ${formatYen(x)}（上限を当てはめた後の総額で判定）`,
      });
    }
  });
  return { ok: true, total: limited.total, steps };
}

/**
 * The greatest integer fixed point T = fixed + Σ min(amountᵢ, ⌊shareᵢ × T⌋), and the amounts at it.
 * g(T) = fixed + Σ min(aᵢ, ⌊sᵢT⌋) is monotone, and g(T₀) ≤ T₀ for T₀ = fixed + Σ aᵢ, so
 * iterating g from T₀ descends to the greatest fixed point without passing it. To descend fast,
 * each round first jumps to ⌊F / (1 − S)⌋ — the real fixed point when the categories over their
 * share (B) are bound, with F the rest and S = Σ_B sᵢ — which is still ≥ the answer (see README).
 */
export function solveShareCaps(
  fixed: bigint,
  shared: { amount: bigint; share: BigFraction }[],
): { total: bigint; amounts: bigint[] } {
  const g = (t: bigint) => shared.reduce((s, c) => s + minBig(c.amount, mulFloor(t, c.share)), fixed);
  let t = shared.reduce((s, c) => s + c.amount, fixed);
  for (let round = 0; round < 100_000; round++) {
    const bound = shared.filter((c) => c.amount > mulFloor(t, c.share));
    if (bound.length > 0) {
      const free = fixed + shared.filter((c) => !bound.includes(c)).reduce((s, c) => s + c.amount, 0n);
      const s = bound.reduce<BigFraction>((acc, c) => addFractions(acc, c.share), { n: 0n, d: 1n });
      // Σ_B sᵢ < 1 whenever B is not empty (Σ_B aᵢ > S·T and T ≥ Σ_B aᵢ), checked anyway.
      if (compareFractions(s, { n: 1n, d: 1n }) < 0) {
        const jump = (free * s.d) / (s.d - s.n);
        if (jump < t) t = jump;
      }
    }
    const next = g(t);
    if (next === t) return { total: t, amounts: shared.map((c) => minBig(c.amount, mulFloor(t, c.share))) };
    t = next;
  }
  throw new Error("経費区分の割合上限の計算が収束しません");
}
