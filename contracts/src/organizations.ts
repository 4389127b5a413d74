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
  .regex(/^[a-z][a-z0-9-]{1,31}$/, "lowercase letters, digits and hyphens, 2–32 characters");

export const organizationUpdateSchema = z.object({ name: z.string().trim().min(1).max(200) });
export type OrganizationUpdate = z.infer<typeof organizationUpdateSchema>;
