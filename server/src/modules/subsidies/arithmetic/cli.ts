import type { SubsidyCliCalcInput, SubsidyCliCalcOutput, SubsidyProgramTerms } from "@shien/contracts";
import { calculateSubsidy } from "./calculate.js";

/**
 * `shien subsidy calc … --json`: one cost figure (the eligible total; `--tax-included` = it
 * includes 10% 消費税, which is excluded), the program's configured terms, and the company's
 * subsidy already decided in this program. Prints `{ amount, steps }` or
 * `{ amount: 0, refused: "reason" }` (the Japanese reason).
 */
export function calcFromCli(terms: SubsidyProgramTerms, options: SubsidyCliCalcInput): SubsidyCliCalcOutput {
  const result = calculateSubsidy(
    terms,
    {
      course: options.course,
      type: options.type,
      lines: [{ amountYen: options.costYen, taxIncluded: options.taxIncluded ?? false, description: "対象経費" }],
      companyUsedYen: options.companyUsedYen,
    },
    { categoryLimits: "skip" },
  );
  return "refused" in result
    ? { amount: 0, refused: result.refused.ja }
    : { amount: result.amount, steps: result.steps };
}
