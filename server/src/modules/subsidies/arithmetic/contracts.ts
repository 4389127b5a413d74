/**
 * The subsidy terms contract. contracts/src/index.ts does not export it yet; once it does, import
 * these from "@shien/contracts" and delete this file.
 */
export * from "../../../../../contracts/src/subsidy-terms.js";
