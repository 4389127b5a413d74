export * from "./audit.js";
export * from "./companies.js";
export * from "./kpi.js";
export * from "./organizations.js";
export * from "./plans.js";
export * from "./subsidies.js";
export * from "./support.js";
export * from "./users.js";
