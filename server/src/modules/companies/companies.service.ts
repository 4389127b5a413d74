import { type Company, type CompanyInput, jsicMedium } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { can, requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { conflict, notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import * as repo from "./companies.repository.js";
import { digitsOf, searchForm } from "./companies.text.js";
import { valuesOf } from "./companies.values.js";

const COMPANY = { ja: "事業者", en: "The business" };

export function toDto(r: repo.CompanyRow): Company {
  return {
    id: r.id,
    corporateNumber: r.corporateNumber,
    name: r.name,
    nameKana: r.nameKana,
    legalForm: r.legalForm,
    representative: r.representative,
    postalCode: r.postalCode,
    prefecture: r.prefecture,
    address: r.address,
    phone: r.phone,
    email: r.email,
    website: r.website,
    industry: r.industry,
    industryCode: r.industryCode,
    industryMajor: r.industryCode ? (jsicMedium(r.industryCode)?.major ?? null) : null,
    employees: r.employees,
    capitalYen: r.capitalYen,
    founded: r.founded,
    sizeClass: r.sizeClass as Company["sizeClass"],
    soleProprietor: r.soleProprietor,
    notes: r.notes,
    entityKey: r.entityKey,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function duplicateNumber(err: unknown, corporateNumber: string | null | undefined) {
  if (!isUniqueViolation(err, "companies_org_corporate_number_uq")) return undefined;
  return conflict("corporateNumber", {
    ja: `法人番号 ${corporateNumber} の事業者は既に登録されています。既存の事業者を開いてください`,
    en: `A business with corporate number ${corporateNumber} is already registered; open it instead`,
  });
}

export async function searchCompanies(
  db: Db,
  actor: Actor,
  q: { q?: string | undefined; entityKey?: string | undefined; page: number; pageSize: number },
) {
  requireAccess(actor, "company.read", { orgId: actor.orgId }, COMPANY);
  const text = q.q ? searchForm(q.q) : undefined;
  const digits = q.q ? digitsOf(q.q) : undefined;
  const { items, total } = await repo.search(db, actor.orgId, {
    ...(text ? { text } : {}),
    ...(digits && digits === q.q?.replace(/[\s-]/g, "") ? { digits } : {}),
    ...(q.entityKey ? { entityKey: q.entityKey } : {}),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: items.map(toDto), total, page: q.page, pageSize: q.pageSize };
}

export async function getCompany(db: Db, actor: Actor, id: string): Promise<Company> {
  const row = await repo.findById(db, actor.orgId, id);
  if (!row) throw notFound(COMPANY);
  requireAccess(actor, "company.read", { orgId: row.orgId }, COMPANY);
  return toDto(row);
}

export async function createCompany(db: Db, actor: Actor, input: CompanyInput): Promise<Company> {
  requireAccess(actor, "company.write", { orgId: actor.orgId }, COMPANY);
  try {
    return await db.transaction(async (tx) => {
      const row = await repo.insert(tx, actor.orgId, valuesOf(input) as repo.CompanyValues);
      await recordAudit(tx, actor, {
        entity: "company",
        entityId: row.id,
        action: "create",
        changes: diffFields(undefined, { ...input }),
      });
      return toDto(row);
    });
  } catch (err) {
    throw duplicateNumber(err, input.corporateNumber) ?? err;
  }
}

export async function updateCompany(db: Db, actor: Actor, id: string, input: Partial<CompanyInput>): Promise<Company> {
  try {
    return await db.transaction(async (tx) => {
      const before = await repo.findById(tx, actor.orgId, id, true);
      if (!before) throw notFound(COMPANY);
      requireAccess(actor, "company.write", { orgId: before.orgId }, COMPANY);
      const after = await repo.update(tx, actor.orgId, id, valuesOf(input, before));
      const pick = (r: repo.CompanyRow) =>
        Object.fromEntries(Object.keys(input).map((k) => [k, (r as Record<string, unknown>)[k]]));
      const changes = diffFields(pick(before), pick(after));
      if (changes.length > 0)
        await recordAudit(tx, actor, { entity: "company", entityId: id, action: "update", changes });
      return toDto(after);
    });
  } catch (err) {
    throw duplicateNumber(err, input.corporateNumber) ?? err;
  }
}

/**
 * A business as the support modules see it: the record and its 名寄せ siblings. Null when the
 * record is not in the actor's organization (callers answer 404).
 */
export async function companyEntity(
  db: Executor,
  actor: Actor,
  companyId: string,
): Promise<{ id: string; name: string; members: { id: string; name: string }[] } | null> {
  if (!can(actor, "company.read", { orgId: actor.orgId })) return null;
  const members = await repo.entityMembers(db, actor.orgId, companyId);
  const self = members.find((m) => m.id === companyId);
  return self ? { id: self.id, name: self.name, members } : null;
}

/**
 * What eligibility rules read of a business (subsidies: 規模区分 and 所在都道府県); null when the
 * record is missing or the actor may not read the registry.
 */
export async function companyProfile(
  db: Executor,
  actor: Actor,
  companyId: string,
): Promise<{ id: string; name: string; sizeClass: Company["sizeClass"]; prefecture: string | null } | null> {
  if (!can(actor, "company.read", { orgId: actor.orgId })) return null;
  const row = await repo.findById(db, actor.orgId, companyId);
  if (!row) return null;
  return { id: row.id, name: row.name, sizeClass: row.sizeClass as Company["sizeClass"], prefecture: row.prefecture };
}

/** Names of companies by id (missing ids are left out). */
export async function companyNames(db: Executor, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.findByIds(db, orgId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
