import type { Organization, OrganizationUpdate } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { requireAccess } from "../../http/access.js";
import { type Actor, systemActor } from "../../http/actor.js";
import { conflict, notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import * as repo from "./organizations.repository.js";

const ORG = { ja: "組織", en: "The organization" };

function toDto(r: repo.OrganizationRow): Organization {
  return { id: r.id, slug: r.slug, name: r.name, createdAt: r.createdAt.toISOString() };
}

export async function getOrganization(db: Db, actor: Actor): Promise<Organization> {
  requireAccess(actor, "organization.read", { orgId: actor.orgId }, ORG);
  const row = await repo.findById(db, actor.orgId);
  if (!row) throw notFound(ORG);
  return toDto(row);
}

export async function updateOrganization(db: Db, actor: Actor, input: OrganizationUpdate): Promise<Organization> {
  requireAccess(actor, "organization.update", { orgId: actor.orgId }, ORG);
  return db.transaction(async (tx) => {
    const before = await repo.findById(tx, actor.orgId);
    if (!before) throw notFound(ORG);
    const after = await repo.updateName(tx, actor.orgId, input.name);
    const changes = diffFields({ name: before.name }, { name: after.name });
    if (changes.length > 0) {
      await recordAudit(tx, actor, { entity: "organization", entityId: actor.orgId, action: "update", changes });
    }
    return toDto(after);
  });
}

/** Creating a tenant is the system operator's job (CLI and first start), never an HTTP request. */
export async function createOrganization(tx: Executor, input: { slug: string; name: string }): Promise<Organization> {
  try {
    const row = await repo.insert(tx, input);
    await recordAudit(tx, systemActor(row.id), {
      entity: "organization",
      entityId: row.id,
      action: "create",
      changes: diffFields(undefined, { slug: row.slug, name: row.name }),
    });
    return toDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw conflict("slug", {
        ja: `組織コード「${input.slug}」は既に使われています。別のコードを指定してください。`,
        en: `Organization code "${input.slug}" is taken; choose another.`,
      });
    }
    throw err;
  }
}

export async function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  const row = await repo.findBySlug(db, slug);
  return row ? toDto(row) : undefined;
}

export async function findOrganizationById(db: Executor, id: string): Promise<Organization | undefined> {
  const row = await repo.findById(db, id);
  return row ? toDto(row) : undefined;
}

export async function listOrganizations(db: Executor): Promise<Organization[]> {
  return (await repo.listAll(db)).map(toDto);
}
