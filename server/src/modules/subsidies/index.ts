/**
 * 補助金・助成金, the staff side of the lifecycle (issue 7). The pure arithmetic is in
 * ./arithmetic; this module keeps the configuration and the applications:
 *
 * - subsidies.programs.ts  programs of a year (synced from the plan and the seed terms), terms,
 *                          whole-year budget, rounds (公募回) and their frames.
 * - subsidies.service.ts   申請受付 (round, eligibility, arithmetic), reading and listing.
 * - subsidies.eligibility.ts  the rules that decide who may apply (size class, prefecture, prior step).
 * - subsidies.transitions.ts  the state machine: row lock, version, frame commitments in one
 *                          conditional UPDATE, gap-free notice numbers, events, facts, audit.
 * - subsidies.facts.ts     the facts an application implies in its state (synced, never appended by hand).
 *
 * GET    /api/subsidies/programs?fiscalYear=      PATCH /api/subsidies/programs/:id {terms?, budgetYen?}
 * POST   /api/subsidies/programs/:id/rounds       POST  /api/subsidies/applications
 * GET    /api/subsidies/applications[?…]          GET   /api/subsidies/applications/:id[/events]
 * POST   /api/subsidies/applications/:id/transition
 * POST   /api/subsidies/applications/import {fileName, contentBase64, mapping?, dryRun, createCompanies}
 *
 * - applications.import.ts  申請の一括取り込み: rows grouped by application_ref, each application
 *                          through receiveApplication, the whole file in one transaction (./import).
 */

export { importApplications, type SubsidyImportOptions } from "./applications.import.js";
export { attachmentRoutes } from "./attachments.routes.js";
export { parseMapOption as parseSubsidyImportMap } from "./import/columns.js";
export { reviewRoutes } from "./reviews.routes.js";
export { subsidyDocumentRoutes } from "./subsidies.documents.routes.js";
export { subsidyTermsOfYear, syncSubsidyPrograms } from "./subsidies.programs.js";
export { subsidyRoutes } from "./subsidies.routes.js";
