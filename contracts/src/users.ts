import { z } from "zod";
import { passwordSchema } from "./auth.js";
import { idSchema, roleSchema } from "./common.js";

export const loginNameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$/, "ログインIDは半角英数字と . _ - の2〜64文字で、英数字で始めてください。");

export const userSchema = z.object({
  id: idSchema,
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  departmentIds: z.array(idSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  activeSessions: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const userCreateSchema = z.object({
  login: loginNameSchema,
  displayName: z.string().trim().min(1).max(100),
  email: z.email().max(200).nullable().optional(),
  role: roleSchema,
  departmentIds: z.array(idSchema).min(1).max(50),
  password: passwordSchema,
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    email: z.email().max(200).nullable(),
    role: roleSchema,
    departmentIds: z.array(idSchema).min(1).max(50),
    disabled: z.boolean(),
  })
  .partial();
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const passwordResetSchema = z.object({ newPassword: passwordSchema });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

export const userListQuerySchema = z.object({
  departmentId: idSchema.optional(),
  includeDisabled: z.stringbool().optional(),
});
export const userListSchema = z.object({ items: z.array(userSchema) });
