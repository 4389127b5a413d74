import type { PASSWORD_MIN as ContractPasswordMin } from "@shien/contracts";

/**
 * Importing a value from @shien/contracts brings zod (and every schema) into the browser bundle,
 * so the one policy number the UI shows is repeated here. Its type is the contract's literal
 * type, so `tsc -p web` fails the day the contract changes it.
 */
export const PASSWORD_MIN: typeof ContractPasswordMin = 12;
