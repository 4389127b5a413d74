// The 名寄せ module's public face: other modules use the pure engine only through here.
export { normalizeName } from "./engine/index.js";
