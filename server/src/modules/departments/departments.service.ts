import type { Department, DepartmentCreate, DepartmentUpdate } from "@shien/contracts";
import { type Db, type Executor, inTransaction } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { type AppError, conflict, invalidField, notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import * as repo from "./departments.repository.js";

const DEPT = { ja: "部署", en: "The department" };

function toDto(r: repo.DepartmentRow): Department {
  return { id: r.id, code: r.code, name: r.name, sortOrder: r.sortOrder, archived: r.archived };
}

function duplicate(err: unknown, input: { code?: string; name?: string }): AppError | undefined {
  if (isUniqueViolation(err, "departments_org_code_uq")) {
    return conflict("code", {
      ja: `部署コード「${input.code}」は既に使われています。別のコードを指定してください。`,
      en: `Department code "${input.code}" is already used; choose another.`,
    });
  }
  if (isUniqueViolation(err, "departments_org_name_uq")) {
    return conflict("name", {
      ja: `部署名「${input.name}」は既にあります。別の名称にしてください。`,
      en: `A department named "${input.name}" already exists; choose another name.`,
    });
  }
  return undefined;
}

export async function listDepartments(db: Db, actor: Actor): Promise<Department[]> {
  requireAccess(actor, "department.read", { orgId: actor.orgId }, DEPT);
  return (await repo.list(db, actor.orgId)).map(toDto);
}

export async function getDepartment(db: Db, actor: Actor, id: string): Promise<Department> {
  const row = await repo.findById(db, actor.orgId, id);
  if (!row) throw notFound(DEPT);
  requireAccess(actor, "department.read", { orgId: row.orgId, departmentIds: [row.id] }, DEPT);
  return toDto(row);
}

export async function createDepartment(db: Executor, actor: Actor, input: DepartmentCreate): Promise<Department> {
  requireAccess(actor, "department.manage", { orgId: actor.orgId }, DEPT);
  const run = async (tx: Executor) => {
    const row = await repo.insert(tx, {
      orgId: actor.orgId,
      code: input.code,
      name: input.name,
      sortOrder: input.sortOrder ?? 0,
    });
    await recordAudit(tx, actor, {
      entity: "department",
      entityId: row.id,
      action: "create",
      changes: diffFields(undefined, { code: row.code, name: row.name, sortOrder: row.sortOrder }),
    });
    return toDto(row);
  };
  try {
    return await inTransaction(db, run);
  } catch (err) {
    throw duplicate(err, input) ?? err;
  }
}

export async function updateDepartment(db: Db, actor: Actor, id: string, input: DepartmentUpdate): Promise<Department> {
  try {
    return await db.transaction(async (tx) => {
      const before = await repo.findById(tx, actor.orgId, id);
      if (!before) throw notFound(DEPT);
      requireAccess(actor, "department.manage", { orgId: before.orgId, departmentIds: [before.id] }, DEPT);
      const after = await repo.update(tx, actor.orgId, id, input);
      if (!after) throw notFound(DEPT);
      const changes = diffFields(
        { name: before.name, sortOrder: before.sortOrder, archived: before.archived },
        { name: after.name, sortOrder: after.sortOrder, archived: after.archived },
      );
      if (changes.length > 0)
        await recordAudit(tx, actor, { entity: "department", entityId: id, action: "update", changes });
      return toDto(after);
    });
  } catch (err) {
    throw duplicate(err, input) ?? err;
  }
}

/** Resolves department ids of this organization, refusing any that are unknown or archived. */
export async function requireActiveDepartments(
  db: Executor,
  orgId: string,
  ids: readonly string[],
  field = "departmentIds",
) {
  const unique = [...new Set(ids)];
  const rows = await repo.findByIds(db, orgId, unique);
  const usable = rows.filter((r) => !r.archived);
  if (usable.length !== unique.length) {
    throw invalidField(field, {
      ja: "所属部署に存在しない部署または廃止された部署が含まれています。一覧から選び直してください。",
      en: "Departments include an unknown or archived department; choose again from the list.",
    });
  }
  return usable.map(toDto);
}

export async function departmentsByIds(db: Executor, orgId: string, ids: readonly string[]): Promise<Department[]> {
  return (await repo.findByIds(db, orgId, ids)).map(toDto);
}

/** Department codes (as typed on the CLI) to departments; unknown codes are an error naming them. */
export async function departmentsByCodes(db: Executor, orgId: string, codes: readonly string[]): Promise<Department[]> {
  const rows = await repo.findByCodes(db, orgId, codes);
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0) {
    throw invalidField("department", {
      ja: `部署コード ${missing.join(", ")} はありません。`,
      en: `Unknown department code(s): ${missing.join(", ")}.`,
    });
  }
  return rows.map(toDto);
}

/** Every department of an organization, for importers that match departments by name. */
export async function allDepartments(db: Executor, orgId: string): Promise<Department[]> {
  return (await repo.list(db, orgId)).map(toDto);
}
