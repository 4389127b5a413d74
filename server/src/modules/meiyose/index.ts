// The 名寄せ module's public face: other modules use the pure engine only through here.
export {
  compare,
  type HumanDecision,
  isValidCorporateNumber,
  type MatchRecord,
  normalizeName,
  type Reason,
  resolve,
} from "./engine/index.js";
