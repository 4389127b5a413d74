/** The pure subsidy arithmetic (no database, no HTTP): see README.md beside this file. */
export { type CalcOptions, calculateSubsidy, confirmSubsidy } from "./calculate.js";
export { applyCategoryLimits, solveShareCaps } from "./categories.js";
export { calcFromCli } from "./cli.js";
export { SEED_SUBSIDY_TERMS, type SeedPlanKey, seedTerms } from "./seed-terms.js";
export { excludeTax } from "./tax.js";
export { type ResolvedTerms, resolveTerms } from "./terms.js";
