// The 名寄せ module's public face: other modules use the pure engine only through here.
export {
  compare,
  type HumanDecision,
  isValidCorporateNumber,
  lookupPostalCode,
  type MatchRecord,
  normalizeAddress,
  normalizeName,
  type PostalArea,
  type Reason,
  resolve,
} from "./engine/index.js";
