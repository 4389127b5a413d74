import { z } from "zod";
import { idSchema } from "./common.js";
import { importRowErrorSchema } from "./companies.js";

/**
 * 申請の一括取り込み: subsidy applications from a CSV (UTF-8, UTF-8 with BOM, CP932) or xlsx file,
 * one row per expense line; rows sharing an application_ref form one application. All or nothing:
 * one error anywhere and nothing is stored. A dry run goes through the same checks and stores nothing.
 */
export const SUBSIDY_IMPORT_COLUMNS = [
  "application_ref",
  "corporate_number",
  "company_name",
  "postal_code",
  "address",
  "phone",
  "size_class",
  "program_code",
  "fiscal_year",
  "round",
  "course",
  "type",
  "title",
  "received_on",
  "pre_start_approved_on",
  "tax_treatment",
  "tax_included",
  "category",
  "amount_yen",
  "tax_rate",
  "note",
] as const;
export type SubsidyImportColumn = (typeof SUBSIDY_IMPORT_COLUMNS)[number];

export const subsidyImportRequestSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file, base64 (≤ 30 MB once decoded). */
  contentBase64: z.base64().min(1).max(40_000_000),
  /** Left out: a UTF-8 BOM means UTF-8, bytes that are not UTF-8 are read as CP932. */
  encoding: z.enum(["utf-8", "shift_jis"]).optional(),
  /** File header → import column (application_ref, company_name, amount_yen …); "" = do not import. */
  mapping: z.record(z.string(), z.string()).optional(),
  dryRun: z.boolean().default(true),
  /** Register the businesses that match no registered one (ambiguous ones stay errors). */
  createCompanies: z.boolean().default(false),
});
export type SubsidyImportRequest = z.input<typeof subsidyImportRequestSchema>;

/** A problem of the file: 行・列・値 and the reason, in Japanese and in English. */
export const subsidyImportErrorSchema = importRowErrorSchema.extend({ reasonEn: z.string() });
export type SubsidyImportError = z.infer<typeof subsidyImportErrorSchema>;

/** One application of the file as it was (or, in a dry run, would be) received. */
export const subsidyImportApplicationSchema = z.object({
  ref: z.string(),
  /** Spreadsheet rows of its expense lines (the header is row 1). */
  rows: z.array(z.number().int()),
  company: z.object({
    /** null when the business would be registered by the import (dry run). */
    id: idSchema.nullable(),
    name: z.string(),
    /** How the row's business was found: 法人番号, 名寄せ, or registered by the import. */
    match: z.enum(["corporateNumber", "meiyose", "created"]),
  }),
  program: z.object({ code: z.string(), name: z.string() }),
  fiscalYear: z.number().int(),
  round: z.string().nullable(),
  course: z.string().nullable(),
  type: z.string().nullable(),
  title: z.string(),
  receivedOn: z.iso.date(),
  lines: z.number().int(),
  /** The expense lines' amounts as entered (before tax exclusion). */
  costYen: z.number().int(),
  /** 申請額の算定: what the arithmetic gives, as for a hand-entered application. */
  computedYen: z.number().int(),
  /** The stored application; null in a dry run and when the file was refused. */
  applicationId: idSchema.nullable(),
});
export type SubsidyImportApplication = z.infer<typeof subsidyImportApplicationSchema>;

export const subsidyImportReportSchema = z.object({
  fileName: z.string(),
  encoding: z.string(),
  /** Data rows (expense lines) read. */
  rows: z.number().int(),
  /** File header → import column, as used. */
  mapping: z.record(z.string(), z.string()),
  ignoredColumns: z.array(z.string()),
  dryRun: z.boolean(),
  /** Applications stored (in a dry run: that would be stored); 0 whenever there are errors. */
  created: z.number().int(),
  companies: z.object({ matched: z.number().int(), created: z.number().int() }),
  /** Rows whose business is not registered: registered with createCompanies, errors without. */
  unmatched: z.array(z.object({ row: z.number().int(), name: z.string() })),
  /** Applications that passed every check (all of them when there are no errors). */
  applications: z.array(subsidyImportApplicationSchema),
  /** When not empty, nothing was imported. */
  errors: z.array(subsidyImportErrorSchema),
});
export type SubsidyImportReport = z.infer<typeof subsidyImportReportSchema>;
