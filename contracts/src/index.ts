export * from "./audit.js";
export * from "./auth.js";
export * from "./common.js";
export * from "./departments.js";
export * from "./errors.js";
export * from "./organizations.js";
export * from "./plan-file.js";
export * from "./users.js";
