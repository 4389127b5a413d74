import { z } from "zod";
import { idSchema } from "./common.js";
import { corporateNumberProblem } from "./corporate-number.js";
import { jsicMedium } from "./jsic.js";

/** 事業者: a business the center supports (a company, a sole proprietor, or someone about to start one). */
export const SIZE_CLASSES = ["sme", "small", "other"] as const;
export const sizeClassSchema = z.enum(SIZE_CLASSES);

export const corporateNumberSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = corporateNumberProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem.ja, params: { en: problem.en } });
  });

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Hyphen look-alikes people type inside a 郵便番号 (NFKC leaves −, ‐, ― and ー alone). */
const POSTAL_HYPHENS = /[-\u2010-\u2015\u2212\u2500\u2501\u30fc\uff0d\uff70\ufe63]/g;

/**
 * A typed 郵便番号 as its 7 digits, or null when it is not one: 〒, spaces, full-width digits and
 * hyphen look-alikes are tolerated (〒960-8053, ９６０－８０５３, 960ー8053); nothing else is.
 */
export function postalCodeDigits(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw
    .normalize("NFKC")
    .replace(/[〒\s]/g, "")
    .replace(POSTAL_HYPHENS, "");
  return /^\d{7}$/.test(s) ? s : null;
}

const POSTAL_MESSAGE = {
  ja: "郵便番号は7桁の数字で入力してください（例: 960-8053）",
  en: "A postal code has 7 digits (e.g. 960-8053)",
};

export const companyInputSchema = z.object({
  corporateNumber: corporateNumberSchema.nullable().optional(),
  name: z.string().trim().min(1).max(200),
  nameKana: optionalText(200),
  representative: optionalText(100),
  postalCode: z
    .string()
    .trim()
    .refine((v) => postalCodeDigits(v) !== null, { message: POSTAL_MESSAGE.ja, params: { en: POSTAL_MESSAGE.en } })
    .nullable()
    .optional(),
  address: optionalText(300),
  // Phone numbers arrive as people write them (TEL ０２４-…, (0595)76-0438, 内線): kept as written,
  // they only need enough digits to be a number; matching uses the digits.
  phone: z
    .string()
    .trim()
    .max(40)
    .refine((v) => (v.normalize("NFKC").match(/\d/g)?.length ?? 0) >= 6, "電話番号には6桁以上の数字が必要です")
    .nullable()
    .optional(),
  email: z.email().max(200).nullable().optional(),
  website: z
    .url({ protocol: /^https?$/, error: "ウェブサイトは http:// または https:// で始まるURLで入力してください" })
    .max(300)
    .nullable()
    .optional(),
  industry: optionalText(100),
  /** 日本標準産業分類 中分類 ("09" 食料品製造業). Left out, it is read from `industry` when that names one. */
  industryCode: z
    .string()
    .trim()
    .refine((v) => jsicMedium(v) !== undefined, "業種コードは日本標準産業分類の中分類（01〜99の2桁）で入力してください")
    .nullable()
    .optional(),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  /** 資本金 in yen. */
  capitalYen: z.number().int().min(0).max(1e15).nullable().optional(),
  founded: z.iso.date().nullable().optional(),
  sizeClass: sizeClassSchema.nullable().optional(),
  /** 個人事業主 (including 創業予定者): no 法人番号. */
  soleProprietor: z.boolean().optional(),
  notes: optionalText(4000),
});
export type CompanyInput = z.infer<typeof companyInputSchema>;
export const companyUpdateSchema = companyInputSchema.partial();

export const companySchema = z.object({
  id: idSchema,
  corporateNumber: z.string().nullable(),
  name: z.string(),
  nameKana: z.string().nullable(),
  legalForm: z.string().nullable(),
  representative: z.string().nullable(),
  postalCode: z.string().nullable(),
  prefecture: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  industryCode: z.string().nullable(),
  /** 大分類 letter (E 製造業), from the medium. */
  industryMajor: z.string().nullable(),
  employees: z.number().int().nullable(),
  capitalYen: z.number().int().nullable(),
  founded: z.string().nullable(),
  sizeClass: sizeClassSchema.nullable(),
  soleProprietor: z.boolean(),
  notes: z.string().nullable(),
  /** 名寄せ: records with the same key are one business. */
  entityKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof companySchema>;

export const companyQuerySchema = z.object({
  /** Part of the name or kana, a 法人番号, or a phone number. */
  q: z.string().trim().max(100).optional(),
  /** Only the records of one business (after 名寄せ). */
  entityKey: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const companyPageSchema = z.object({
  items: z.array(companySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** An import file sent by the browser: base64 content (CSV or xlsx, ≤ 30 MB) and the mapping chosen. */
export const companyImportRequestSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.base64().max(40_000_000),
  encoding: z.enum(["utf-8", "shift_jis"]).optional(),
  /** File header → canonical column (corporate_number, name, name_kana, …). */
  map: z.record(z.string(), z.string()).optional(),
  dryRun: z.boolean().default(true),
});
export type CompanyImportRequest = z.infer<typeof companyImportRequestSchema>;

export const importRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});

export const companyImportReportSchema = z.object({
  fileName: z.string(),
  encoding: z.string(),
  rows: z.number().int(),
  mapping: z.record(z.string(), z.string()),
  ignoredColumns: z.array(z.string()),
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows whose 法人番号 an earlier row of the file already had: folded into that row. */
  sameNumberRows: z.number().int(),
  /** New rows that 名寄せ found to be an already registered business (linked to it, not dropped). */
  linked: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(importRowErrorSchema),
  /** Rows imported as they are but worth a look (a 郵便番号 in another prefecture than the 所在地). */
  warnings: z.array(importRowErrorSchema),
});
export type CompanyImportReport = z.infer<typeof companyImportReportSchema>;

/** `GET /api/postal-codes/:postalCode`: the code as typed (hyphens and full-width digits are fine). */
export const postalCodeParamsSchema = z.object({
  postalCode: z
    .string()
    .max(20)
    .refine((v) => postalCodeDigits(v) !== null, { message: POSTAL_MESSAGE.ja, params: { en: POSTAL_MESSAGE.en } }),
});

/** One town (町域) a postal code covers; a code may cover several, or a whole municipality (town ""). */
export const postalTownSchema = z.object({
  prefectureCode: z.string(),
  prefecture: z.string(),
  /** 5-digit 団体コード */
  cityCode: z.string(),
  /** 市区町村 with its 郡 or 政令市 (伊達郡国見町, 仙台市青葉区) */
  city: z.string(),
  town: z.string(),
});

/** What Japan Post's data (bundled, offline) says a postal code covers. */
export const postalLookupSchema = z.object({
  /** "960-8053" */
  postalCode: z.string(),
  /** set when every town shares it, else null */
  prefecture: z.string().nullable(),
  city: z.string().nullable(),
  towns: z.array(postalTownSchema),
});
export type PostalLookup = z.infer<typeof postalLookupSchema>;

/** Why the 名寄せ engine thinks two records are (or are not) one business. */
export const matchReasonSchema = z.object({
  field: z.string(),
  agreement: z.string(),
  detail: z.string(),
  weight: z.number(),
});

export const duplicateCandidatesSchema = z.object({
  items: z.array(
    z.object({
      company: companySchema,
      score: z.number(),
      decision: z.enum(["same", "review"]),
      reasons: z.array(matchReasonSchema),
    }),
  ),
});

export const reviewQueueSchema = z.object({
  items: z.array(
    z.object({ a: companySchema, b: companySchema, score: z.number(), reasons: z.array(matchReasonSchema) }),
  ),
});

export const pairDecisionSchema = z.object({ a: idSchema, b: idSchema, same: z.boolean() });
export const mergeRequestSchema = z.object({ companyIds: z.array(idSchema).min(2).max(50) });
export const mergeResultSchema = z.object({ mergeId: idSchema, entityKey: z.string() });
export const dedupeStatsSchema = z.object({
  records: z.number().int(),
  entities: z.number().int(),
  reviewPairs: z.number().int(),
  conflicts: z.number().int(),
});
/** 名寄せ of one business: the records it is made of and the open merges that made it, newest first. */
export const companyEntitySchema = z.object({
  entityKey: z.string().nullable(),
  records: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      corporateNumber: z.string().nullable(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  merges: z.array(
    z.object({
      id: idSchema,
      mergedBy: z.string(),
      createdAt: z.string(),
      companyIds: z.array(idSchema),
      /** false when a later merge built on it: that one is undone first */
      undoable: z.boolean(),
    }),
  ),
});
export type CompanyEntity = z.infer<typeof companyEntitySchema>;

export const registrySummarySchema = z.object({
  companies: z.number().int(),
  entities: z.number().int(),
  reviewPairs: z.number().int(),
});

export const contactInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  nameKana: optionalText(100),
  role: optionalText(100),
  phone: optionalText(40),
  email: z.email().max(200).nullable().optional(),
  notes: optionalText(2000),
});
export type ContactInput = z.infer<typeof contactInputSchema>;
export const contactUpdateSchema = contactInputSchema.partial();
export const contactSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  name: z.string(),
  nameKana: z.string().nullable(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;
export const contactListSchema = z.object({ items: z.array(contactSchema) });
export const contactParamsSchema = z.object({ id: idSchema, contactId: idSchema });

/** A dedupe run in the background: poll it for progress until it is done or failed. */
export const dedupeJobSchema = z.object({
  id: idSchema,
  status: z.enum(["running", "done", "failed"]),
  /** load → match → write → review → done */
  phase: z.enum(["load", "match", "write", "review", "done"]),
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: dedupeStatsSchema.nullable(),
  error: z.string().nullable(),
});
export type DedupeJob = z.infer<typeof dedupeJobSchema>;
