import { z } from "zod";
import { idSchema } from "./common.js";

/** 支援機関 (a center): the tenant. */
export const organizationSchema = z.object({
  id: idSchema,
  slug: z.string(),
  name: z.string(),
  createdAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const orgSlugSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,31}$/,
    "組織コードは半角英小文字で始め、英小文字・数字・ハイフンの2〜32文字で入力してください。",
  );

export const organizationUpdateSchema = z.object({ name: z.string().trim().min(1).max(200) });
export type OrganizationUpdate = z.infer<typeof organizationUpdateSchema>;
