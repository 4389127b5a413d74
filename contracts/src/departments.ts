import { z } from "zod";
import { idSchema } from "./common.js";

/** 課 / 部署 / 拠点: owner of programs and the confidentiality boundary. */
export const departmentSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  archived: z.boolean(),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentCodeSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,31}$/,
    "部署コードは半角英小文字・数字・ハイフンの32文字以内で、英小文字か数字で始めてください。",
  );

export const departmentCreateSchema = z.object({
  code: departmentCodeSchema,
  name: z.string().trim().min(1).max(100),
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export type DepartmentCreate = z.infer<typeof departmentCreateSchema>;

export const departmentUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    sortOrder: z.number().int().min(0).max(9999),
    archived: z.boolean(),
  })
  .partial();
export type DepartmentUpdate = z.infer<typeof departmentUpdateSchema>;

export const departmentListSchema = z.object({ items: z.array(departmentSchema) });
