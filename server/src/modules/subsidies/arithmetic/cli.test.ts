import { subsidyCliCalcOutputSchema } from "@shien/contracts";
import { describe, expect, it } from "vitest";
import { calcFromCli } from "./cli.js";
import { seedTerms } from "./seed-terms.js";

describe("calcFromCli (shien subsidy calc … --json)", () => {
  const mie11 = seedTerms("mie-2026", "11");

  it("when 賃上げコース has 3,000,000 yen of cost, then it prints exactly { amount: 1500000, steps }", () => {
    const out = calcFromCli(mie11, { course: "賃上げコース", costYen: 3_000_000 });
    expect(Object.keys(out)).toEqual(["amount", "steps"]);
    expect(out.amount).toBe(1_500_000);
    expect(subsidyCliCalcOutputSchema.parse(JSON.parse(JSON.stringify(out)))).toEqual(out);
  });

  it("when the program lists expense categories, then --cost counts as the eligible total and the working says so", () => {
    const out = calcFromCli(mie11, { course: "賃上げコース", costYen: 3_000_000 });
    if (!("steps" in out)) throw new Error("refused");
    expect(out.steps.find((s) => s.key === "eligible")?.note).toContain("区分別の限度は未適用");
  });

  it("when the application is refused, then it prints exactly { amount: 0, refused: reason } with the Japanese reason", () => {
    const out = calcFromCli(mie11, { course: "一般コース", costYen: 500_000 });
    expect(Object.keys(out)).toEqual(["amount", "refused"]);
    expect(out).toEqual({ amount: 0, refused: expect.stringContaining("下限額 300,000円") });
    expect(subsidyCliCalcOutputSchema.parse(out)).toEqual(out);
  });

  it("when --tax-included is given, then 10% 消費税 is excluded from the cost", () => {
    expect(calcFromCli(mie11, { course: "賃上げコース", costYen: 3_300_000, taxIncluded: true }).amount).toBe(
      1_500_000,
    );
  });

  it("when --company-used is given, then the per-company cap's rest limits the amount", () => {
    const terms = seedTerms("fukushima-2026", "II-2-1-2");
    expect(calcFromCli(terms, { type: "特許", costYen: 5_000_000, companyUsedYen: 2_000_000 }).amount).toBe(1_000_000);
    expect(calcFromCli(terms, { type: "特許", costYen: 5_000_000, companyUsedYen: 3_000_000 })).toEqual({
      amount: 0,
      refused: expect.stringContaining("1事業者あたりの上限 3,000,000円"),
    });
  });

  it("when the course or type is missing or unknown, then the reason names the choices", () => {
    expect(calcFromCli(mie11, { costYen: 1 })).toEqual({ amount: 0, refused: expect.stringContaining("賃上げコース") });
    const fund = seedTerms("fukushima-2026", "II-3-1-1");
    expect(calcFromCli(fund, { type: "研究", costYen: 1 })).toEqual({
      amount: 0,
      refused: expect.stringContaining("技術開発等事業"),
    });
  });
});
