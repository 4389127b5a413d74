/**
 * 名寄せ (entity resolution) engine: a pure module (no database, no I/O).
 * The registry service wraps `resolve` / `compare`; the CLI (`shien meiyose`) runs it on CSV files.
 */

export { completeAddress } from "./address-completion.js";
export {
  type Agreement,
  type CompareContext,
  type Comparison,
  compare,
  compareNames,
  comparePrepared,
  type Decision,
  editDistance,
  type Field,
  type MatchRecord,
  type PreparedRecord,
  prepareRecord,
  type Reason,
  WEIGHTS,
} from "./compare.js";
export {
  type CorporateNumberExplanation,
  type CorporateNumberProblem,
  corporateCheckDigit,
  explainCorporateNumber,
  isValidCorporateNumber,
  normalizeCorporateNumber,
  registryPrefecture,
} from "./corporate-number.js";
export {
  kanjiToNumber,
  type LegalFamily,
  legalFamily,
  type NormalizedAddress,
  type NormalizedName,
  normalizeAddress,
  normalizeKana,
  normalizeName,
  normalizePhone,
  normalizePhones,
  normalizePostal,
  normalizeRepresentative,
  PREFECTURES,
} from "./normalize.js";
export { lookupPostalCode, matchMunicipality, type PostalArea } from "./postal-codes.js";
export {
  blockingKeys,
  type HumanDecision,
  type ResolveOptions,
  type ResolveResult,
  type ReviewPair,
  resolve,
  resolvePrepared,
} from "./resolve.js";
export { foldKyuji, foldSmallKana, hiraganaToKatakana, unifyHyphens } from "./variants.js";
