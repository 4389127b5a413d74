import { z } from "zod";

export const idSchema = z.uuid();
export const idParamsSchema = z.object({ id: idSchema });

/** 部署 roles. `system` exists only for the CLI operator and is never stored on a user. */
export const ROLES = ["admin", "manager", "staff", "viewer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const LOCALES = ["ja", "en"] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const okSchema = z.object({ ok: z.literal(true) });
