export * from "./audit.js";
export * from "./organizations.js";
export * from "./users.js";
