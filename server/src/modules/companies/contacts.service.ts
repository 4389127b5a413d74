import type { Contact, ContactInput } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import * as companies from "./companies.repository.js";
import * as repo from "./contacts.repository.js";

const CONTACT = { ja: "担当者", en: "The contact" };
const COMPANY = { ja: "事業者", en: "The business" };

function toDto(r: repo.ContactRow): Contact {
  return {
    id: r.id,
    companyId: r.companyId,
    name: r.name,
    nameKana: r.nameKana,
    role: r.role,
    phone: r.phone,
    email: r.email,
    notes: r.notes,
  };
}

const snapshot = (r: repo.ContactRow) => ({
  name: r.name,
  nameKana: r.nameKana,
  role: r.role,
  phone: r.phone,
  email: r.email,
  notes: r.notes,
});

async function company(db: Db, actor: Actor, companyId: string, action: "company.read" | "company.write") {
  const row = await companies.findById(db, actor.orgId, companyId);
  if (!row) throw notFound(COMPANY);
  requireAccess(actor, action, { orgId: row.orgId }, COMPANY);
  return row;
}

export async function listContacts(db: Db, actor: Actor, companyId: string): Promise<Contact[]> {
  await company(db, actor, companyId, "company.read");
  return (await repo.listOf(db, actor.orgId, companyId)).map(toDto);
}

export async function addContact(db: Db, actor: Actor, companyId: string, input: ContactInput): Promise<Contact> {
  await company(db, actor, companyId, "company.write");
  return db.transaction(async (tx) => {
    const row = await repo.insert(tx, actor.orgId, companyId, input);
    await recordAudit(tx, actor, {
      entity: "company_contact",
      entityId: row.id,
      action: "create",
      changes: diffFields(undefined, snapshot(row)),
    });
    return toDto(row);
  });
}

export async function updateContact(
  db: Db,
  actor: Actor,
  companyId: string,
  id: string,
  input: Partial<ContactInput>,
): Promise<Contact> {
  await company(db, actor, companyId, "company.write");
  return db.transaction(async (tx) => {
    const before = await repo.findOne(tx, actor.orgId, companyId, id);
    if (!before) throw notFound(CONTACT);
    const after = await repo.update(tx, actor.orgId, id, input);
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0)
      await recordAudit(tx, actor, { entity: "company_contact", entityId: id, action: "update", changes });
    return toDto(after);
  });
}

export async function removeContact(db: Db, actor: Actor, companyId: string, id: string): Promise<void> {
  await company(db, actor, companyId, "company.write");
  await db.transaction(async (tx) => {
    const before = await repo.findOne(tx, actor.orgId, companyId, id);
    if (!before) throw notFound(CONTACT);
    await repo.remove(tx, actor.orgId, id);
    await recordAudit(tx, actor, {
      entity: "company_contact",
      entityId: id,
      action: "delete",
      changes: diffFields(snapshot(before), undefined),
    });
  });
}
