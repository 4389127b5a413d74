import { z } from "zod";
import { idSchema } from "./common.js";

/**
 * Per-organization lists staff pick from: consultation topics (相談分野) and outside agencies
 * for referrals (連携先機関). Each center edits its own; archived entries stay on old records.
 */
export const VOCAB_KINDS = ["topic", "agency"] as const;
export const vocabKindSchema = z.enum(VOCAB_KINDS);
export type VocabKind = z.infer<typeof vocabKindSchema>;

export const DEFAULT_TOPICS = [
  "売上拡大",
  "資金繰り",
  "事業承継",
  "生産性向上",
  "省力化",
  "デジタル化",
  "人材",
  "知財",
  "海外展開",
  "BCP",
  "価格転嫁",
  "米国関税",
  "創業",
  "経営改善",
] as const;

export const DEFAULT_AGENCIES = [
  "商工会議所",
  "商工会",
  "金融機関",
  "信用保証協会",
  "事業承継・引継ぎ支援センター",
  "中小企業活性化協議会",
  "よろず支援拠点",
  "生産性向上支援センター",
  "日本政策金融公庫",
  "市町村",
] as const;

export const vocabItemSchema = z.object({
  id: idSchema,
  kind: vocabKindSchema,
  name: z.string(),
  sortOrder: z.number().int(),
  archived: z.boolean(),
});
export type VocabItem = z.infer<typeof vocabItemSchema>;
export const vocabListSchema = z.object({ items: z.array(vocabItemSchema) });
export const vocabQuerySchema = z.object({ kind: vocabKindSchema.optional() });

export const vocabInputSchema = z.object({
  kind: vocabKindSchema,
  name: z.string().trim().min(1).max(50),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export const vocabUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    sortOrder: z.number().int().min(0).max(9999),
    archived: z.boolean(),
  })
  .partial();
