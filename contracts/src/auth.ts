import { z } from "zod";
import { idSchema, roleSchema } from "./common.js";

/** Passwords: length is the policy (OWASP ASVS 5.0 V6.2): no composition rules, long passphrases welcome. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const loginRequestSchema = z.object({
  org: z.string().min(1).max(64),
  login: z.string().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const departmentRefSchema = z.object({ id: idSchema, name: z.string() });

export const sessionUserSchema = z.object({
  id: idSchema,
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  org: z.object({ id: idSchema, slug: z.string(), name: z.string() }),
  departments: z.array(departmentRefSchema),
  activeDepartmentId: idSchema.nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** The CSRF token is sent back on every cookie-authenticated mutation in the `x-csrf-token` header. */
export const meResponseSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type MeResponse = z.infer<typeof meResponseSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: passwordSchema,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const activeDepartmentSchema = z.object({ departmentId: idSchema.nullable() });
export type ActiveDepartment = z.infer<typeof activeDepartmentSchema>;

export const CSRF_HEADER = "x-csrf-token";
export const SESSION_COOKIE = "shien_session";
