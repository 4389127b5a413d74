import {
  SUBSIDY_UNITS,
  type SubsidyCalcInput,
  type SubsidyCalcResult,
  type SubsidyExpenseCategory,
  type SubsidyProgramTerms,
  type SubsidyRate,
  type SubsidyVariant,
  subsidyProgramTermsSchema,
} from "@shien/contracts";
import { describe, expect, it } from "vitest";
import { calculateSubsidy, confirmSubsidy } from "./calculate.js";
import { calcFromCli } from "./cli.js";
import { SEED_SUBSIDY_TERMS } from "./seed-terms.js";
import { resolveTerms } from "./terms.js";

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const float = () => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53;
  const int = (lo: number, hi: number) => lo + Math.floor(float() * (hi - lo + 1));
  const chance = (p: number) => float() < p;
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  /** Yen spread over magnitudes: a few yen to hundreds of millions, with round figures often. */
  const yenAmount = (maxDigits = 9) => {
    const v = int(0, 10 ** int(1, maxDigits));
    return chance(0.3) ? Math.floor(v / 1000) * 1000 : v;
  };
  return { int, chance, pick, yenAmount };
}
type Rng = ReturnType<typeof prng>;

const refusedOr = (r: SubsidyCalcResult) => ("refused" in r ? 0 : r.amount);

function randomRate(rng: Rng): SubsidyRate {
  const denominator = rng.pick([1, 2, 3, 4, 5, 10, 12, 100, 7]);
  return { numerator: rng.int(1, denominator), denominator };
}

function randomLimits(
  rng: Rng,
  withRate: boolean,
): Pick<SubsidyVariant, "rate" | "capYen" | "floorYen" | "eligibleCostCapYen"> {
  return {
    ...(withRate ? { rate: randomRate(rng) } : {}),
    ...(rng.chance(0.5) ? { capYen: rng.yenAmount(8) } : {}),
    ...(rng.chance(0.3) ? { floorYen: rng.yenAmount(6) } : {}),
    ...(rng.chance(0.15) ? { eligibleCostCapYen: rng.yenAmount(8) } : {}),
  };
}

function randomCategories(rng: Rng): SubsidyExpenseCategory[] {
  return Array.from({ length: rng.int(1, 4) }, (_, i) => ({
    code: `c${i}`,
    name: { ja: `区分${i}`, en: `Category ${i}` },
    ...(rng.chance(0.4) ? { capYen: rng.yenAmount(7) } : {}),
    ...(rng.chance(0.4) ? { shareCap: randomRate(rng) } : {}),
  }));
}

/** Random valid terms: a floor above a cap of the same combination is dropped, as managers cannot save it. */
function randomTerms(rng: Rng): SubsidyProgramTerms {
  const courses = rng.chance(0.35)
    ? Array.from({ length: rng.int(1, 3) }, (_, i) => ({
        code: `k${i}`,
        name: { ja: `コース${i}`, en: `Course ${i}` },
        ...randomLimits(rng, rng.chance(0.5)),
      }))
    : undefined;
  const terms: SubsidyProgramTerms = {
    programCode: "P-1",
    name: "無作為補助金",
    unitYen: rng.pick(SUBSIDY_UNITS),
    ...randomLimits(rng, true),
    ...(rng.chance(0.3) ? { perCompanyCapYen: rng.yenAmount(8) } : {}),
    ...(rng.chance(0.35) ? { categories: randomCategories(rng) } : {}),
    ...(courses ? { courses } : {}),
  };
  if (subsidyProgramTermsSchema.safeParse(terms).success) return terms;
  const { floorYen: _f, ...rest } = terms;
  return { ...rest, courses: courses?.map(({ floorYen: _cf, ...c }) => c) };
}

function randomInput(rng: Rng, terms: SubsidyProgramTerms): SubsidyCalcInput {
  return {
    ...(terms.courses ? { course: rng.pick(terms.courses).code } : {}),
    taxIncluded: rng.chance(0.4),
    taxTreatment: rng.pick(["standard", "standard", "exempt", "simplified"] as const),
    ...(rng.chance(0.5) ? { companyUsedYen: rng.yenAmount(8) } : {}),
    lines: Array.from({ length: rng.int(1, 5) }, () => ({
      amountYen: rng.yenAmount(),
      ...(terms.categories ? { category: rng.pick(terms.categories).code } : {}),
      ...(rng.chance(0.2) ? { taxIncluded: rng.chance(0.5) } : {}),
      ...(rng.chance(0.2) ? { taxRate: rng.pick(["standard", "reduced", "none"] as const) } : {}),
    })),
  };
}

/** An independent, straight-line reading of the rules for one cost figure (the CLI's case). */
function reference(
  terms: SubsidyProgramTerms,
  course: SubsidyVariant | undefined,
  costYen: number,
  taxIncluded: boolean,
  usedYen: number | undefined,
): number {
  const levels = [terms, ...(course ? [course] : [])];
  const rate = course?.rate ?? terms.rate;
  if (!rate) throw new Error("no rate");
  const unit = BigInt(terms.unitYen);
  let eligible = taxIncluded ? (BigInt(costYen) * 100n) / 110n : BigInt(costYen);
  for (const l of levels)
    if (l.eligibleCostCapYen !== undefined && eligible > BigInt(l.eligibleCostCapYen))
      eligible = BigInt(l.eligibleCostCapYen);
  const rounded = ((eligible * BigInt(rate.numerator)) / BigInt(rate.denominator) / unit) * unit;
  for (const l of levels) if (l.floorYen !== undefined && rounded < BigInt(l.floorYen)) return 0;
  let amount = rounded;
  for (const l of levels) {
    if (l.capYen === undefined) continue;
    const cap = (BigInt(l.capYen) / unit) * unit;
    if (amount > cap) amount = cap;
  }
  if (terms.perCompanyCapYen !== undefined) {
    const left = BigInt(terms.perCompanyCapYen) - BigInt(usedYen ?? 0);
    const remaining = left > 0n ? (left / unit) * unit : 0n;
    if (amount > remaining) amount = remaining;
  }
  return Number(amount);
}

const stepYen = (r: SubsidyCalcResult, key: string) => r.steps.find((s) => s.key === key)?.yen;
/** The eligible cost the rate was applied to. */
const eligibleOf = (r: SubsidyCalcResult) =>
  r.steps.findLast((s) => s.key === "eligible" || s.key === "eligible.cap")?.yen;

describe("properties over random terms and applications (seeded)", () => {
  it("for 5,000 one-figure calculations, then the result equals the straight-line reference", () => {
    const rng = prng(20260401);
    for (let i = 0; i < 5_000; i++) {
      const terms = randomTerms(rng);
      const course = terms.courses ? rng.pick(terms.courses) : undefined;
      const costYen = rng.yenAmount(10);
      const taxIncluded = rng.chance(0.3);
      const companyUsedYen = rng.chance(0.5) ? rng.yenAmount(8) : undefined;
      const out = calcFromCli(terms, { course: course?.code, costYen, taxIncluded, companyUsedYen });
      const expected = reference(terms, course, costYen, taxIncluded, companyUsedYen);
      if (out.amount !== expected) {
        throw new Error(
          `case ${i}: ${JSON.stringify({ terms, course, costYen, taxIncluded, companyUsedYen, out, expected })}`,
        );
      }
      expect("refused" in out).toBe(expected === 0);
    }
  });

  it("for 5,000 multi-line applications, then caps, rate, unit, floor and company cap all hold", () => {
    const rng = prng(7);
    let granted = 0;
    let refusedBelowFloor = 0;
    for (let i = 0; i < 5_000; i++) {
      const terms = randomTerms(rng);
      const input = randomInput(rng, terms);
      const r = calculateSubsidy(terms, input);
      const resolved = resolveTerms(terms, { course: input.course });
      if (!resolved.ok) throw new Error(`case ${i}: unresolved`);
      const t = resolved.terms;
      const rate = input.rate ?? t.rate;
      const rawTotal = input.lines.reduce((s, l) => s + BigInt(l.amountYen), 0n);
      const fail = (what: string) => new Error(`case ${i}: ${what} ${JSON.stringify({ terms, input, r })}`);
      const amount = BigInt(r.amount);
      const eligible = eligibleOf(r);
      const rounded = stepYen(r, "unit");
      const floor = t.floors.reduce((m, f) => (f.yen > m ? f.yen : m), -1n);

      // Never above a cap, never above rate × eligible cost (nor × the raw costs), a multiple of the unit.
      for (const cap of t.caps) if (amount > cap.yen) throw fail("above a cap");
      if (eligible === undefined || rounded === undefined) throw fail("no eligible/unit step");
      if (amount * BigInt(rate.denominator) > BigInt(rate.numerator) * BigInt(eligible))
        throw fail("above rate × eligible");
      if (amount * BigInt(rate.denominator) > BigInt(rate.numerator) * rawTotal) throw fail("above rate × cost");
      if (amount % t.unit !== 0n) throw fail("not a multiple of the unit");
      const left = t.perCompanyCap === undefined ? undefined : t.perCompanyCap - BigInt(input.companyUsedYen ?? 0);
      if (left !== undefined && amount > (left > 0n ? left : 0n)) {
        throw fail("above the company's remaining cap");
      }
      if (BigInt(eligible) > rawTotal) throw fail("eligible above the costs");

      // A refusal only for its reason; the floor refuses exactly below it.
      if ("refused" in r) {
        const code = r.refused.code;
        if (code === "below_floor") {
          if (!(BigInt(rounded) < floor)) throw fail("refused at or above the floor");
          refusedBelowFloor++;
        } else if (code === "company_cap_reached") {
          if (t.perCompanyCap === undefined || t.perCompanyCap - BigInt(input.companyUsedYen ?? 0) >= t.unit) {
            throw fail("refused with cap left");
          }
        } else if (code !== "zero_amount") throw fail(`unexpected refusal ${code}`);
      } else {
        granted++;
        if (amount <= 0n) throw fail("granted nothing");
        if (floor >= 0n && BigInt(rounded) < floor) throw fail("granted below the floor");
        if (stepYen(r, "final") !== r.amount) throw fail("final step differs");
      }

      // Share caps hold on the eligible total the categories add up to (before an overall 対象経費上限).
      const categoryTotal = stepYen(r, "eligible") ?? 0;
      for (const c of t.categories ?? []) {
        if (!c.shareCap) continue;
        const x =
          stepYen(r, `category.${c.code}.share`) ??
          stepYen(r, `category.${c.code}.cap`) ??
          stepYen(r, `category.${c.code}`);
        if (
          x !== undefined &&
          BigInt(x) * BigInt(c.shareCap.denominator) > BigInt(c.shareCap.numerator) * BigInt(categoryTotal)
        ) {
          throw fail(`category ${c.code} above its share`);
        }
      }
    }
    // The generator reaches both outcomes often enough for the checks to mean something.
    expect(granted).toBeGreaterThan(1_500);
    expect(refusedBelowFloor).toBeGreaterThan(100);
  });

  it("for 3,000 applications, then raising any one line's cost never lowers the amount (monotone)", () => {
    const rng = prng(42);
    for (let i = 0; i < 3_000; i++) {
      const terms = randomTerms(rng);
      const input = randomInput(rng, terms);
      const before = refusedOr(calculateSubsidy(terms, input));
      const j = rng.int(0, input.lines.length - 1);
      const raised = {
        ...input,
        lines: input.lines.map((l, k) =>
          k === j ? { ...l, amountYen: l.amountYen + rng.yenAmount(rng.int(1, 8)) } : l,
        ),
      };
      const after = refusedOr(calculateSubsidy(terms, raised));
      if (after < before)
        throw new Error(`case ${i}: ${before} → ${after} ${JSON.stringify({ terms, input, raised })}`);
    }
  });

  it("for every seed program and 2,000 costs each, then the amount is monotone in the cost and within the terms", () => {
    const rng = prng(8);
    for (const plan of Object.values(SEED_SUBSIDY_TERMS)) {
      for (const terms of plan) {
        for (const course of terms.courses ?? [undefined]) {
          for (const type of terms.types ?? [undefined]) {
            const costs = Array.from({ length: 2_000 }, () => rng.yenAmount(8)).sort((a, b) => a - b);
            let last = 0;
            for (const costYen of costs) {
              const out = calcFromCli(terms, { course: course?.code, type: type?.code, costYen });
              if (out.amount < last) throw new Error(`${terms.programCode} not monotone at ${costYen}`);
              if (out.amount % terms.unitYen !== 0)
                throw new Error(`${terms.programCode} not a multiple at ${costYen}`);
              last = out.amount;
            }
          }
        }
      }
    }
  });

  it("for 3,000 decisions and actual reports, then the confirmed amount is never above the decision and follows the arithmetic", () => {
    const rng = prng(1_234);
    let below = 0;
    for (let i = 0; i < 3_000; i++) {
      const terms = randomTerms(rng);
      const { companyUsedYen: _u, ...input } = randomInput(rng, terms);
      const decision = calculateSubsidy(terms, input);
      if ("refused" in decision) continue;
      const actual = {
        ...input,
        lines: input.lines.map((l) => ({
          ...l,
          amountYen: rng.chance(0.5) ? rng.int(0, l.amountYen) : l.amountYen + rng.yenAmount(7),
        })),
      };
      const confirmed = confirmSubsidy(terms, { decidedYen: decision.amount, actual });
      if (confirmed.amount > decision.amount) throw new Error(`case ${i}: confirmation above the decision`);
      // Without the company cap and floor the same arithmetic gives the actual amount; the confirmation is its min with the decision.
      const free: SubsidyProgramTerms = {
        ...terms,
        floorYen: undefined,
        perCompanyCapYen: undefined,
        courses: terms.courses?.map((c) => ({ ...c, floorYen: undefined })),
      };
      const onActual = refusedOr(calculateSubsidy(free, actual));
      if (confirmed.amount !== Math.min(decision.amount, onActual))
        throw new Error(`case ${i}: not min(decided, actual)`);
      if (confirmed.amount < decision.amount) below++;
      // Unchanged costs confirm the decision exactly.
      if (refusedOr(confirmSubsidy(terms, { decidedYen: decision.amount, actual: input })) !== decision.amount) {
        throw new Error(`case ${i}: unchanged costs changed the amount`);
      }
    }
    expect(below).toBeGreaterThan(100);
  });
});
