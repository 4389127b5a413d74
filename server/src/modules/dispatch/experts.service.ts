import type { Expert, ExpertInput } from "@shien/contracts";
import type { Db, Executor } from "../../db/client.js";
import { requireAccess } from "../../http/access.js";
import type { Actor } from "../../http/actor.js";
import { notFound } from "../../http/app-error.js";
import { diffFields, recordAudit } from "../audit/index.js";
import * as repo from "./experts.repository.js";

export const EXPERT = { ja: "専門家", en: "The expert" };

function toDto(r: repo.ExpertRow): Expert {
  return {
    id: r.id,
    name: r.name,
    nameKana: r.nameKana,
    specialties: r.specialties,
    qualifications: r.qualifications,
    organization: r.organization,
    phone: r.phone,
    email: r.email,
    feePerDispatchYen: r.feePerDispatchYen,
    feePerHourYen: r.feePerHourYen,
    active: r.active,
    conflictNotes: r.conflictNotes,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const snapshot = (r: repo.ExpertRow) => ({
  name: r.name,
  nameKana: r.nameKana,
  specialties: r.specialties,
  qualifications: r.qualifications,
  organization: r.organization,
  phone: r.phone,
  email: r.email,
  feePerDispatchYen: r.feePerDispatchYen,
  feePerHourYen: r.feePerHourYen,
  active: r.active,
  conflictNotes: r.conflictNotes,
});

/** Only the keys the caller sent: a PATCH leaves the others as they are. */
function values(input: Partial<ExpertInput>): Partial<repo.ExpertValues> {
  const out: Partial<repo.ExpertValues> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export async function searchExperts(
  db: Db,
  actor: Actor,
  q: { q?: string | undefined; qualification?: string | undefined; active?: boolean | undefined },
): Promise<Expert[]> {
  requireAccess(actor, "expert.read", { orgId: actor.orgId }, EXPERT);
  const rows = await repo.search(db, actor.orgId, { text: q.q, qualification: q.qualification, active: q.active });
  return rows.map(toDto);
}

export async function getExpert(db: Db, actor: Actor, id: string): Promise<Expert> {
  requireAccess(actor, "expert.read", { orgId: actor.orgId }, EXPERT);
  const row = await repo.findById(db, actor.orgId, id);
  if (!row) throw notFound(EXPERT);
  return toDto(row);
}

export async function createExpert(db: Db, actor: Actor, input: ExpertInput): Promise<Expert> {
  requireAccess(actor, "expert.manage", { orgId: actor.orgId }, EXPERT);
  return db.transaction(async (tx) => {
    const row = await repo.insert(tx, actor.orgId, {
      ...values(input),
      name: input.name,
      specialties: input.specialties,
      qualifications: input.qualifications,
      active: input.active,
    });
    await recordAudit(tx, actor, {
      entity: "expert",
      entityId: row.id,
      action: "create",
      changes: diffFields(undefined, snapshot(row)),
    });
    return toDto(row);
  });
}

export async function updateExpert(db: Db, actor: Actor, id: string, input: Partial<ExpertInput>): Promise<Expert> {
  requireAccess(actor, "expert.manage", { orgId: actor.orgId }, EXPERT);
  return db.transaction(async (tx) => {
    const before = await repo.findById(tx, actor.orgId, id, true);
    if (!before) throw notFound(EXPERT);
    const after = await repo.update(tx, actor.orgId, id, values(input));
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0) await recordAudit(tx, actor, { entity: "expert", entityId: id, action: "update", changes });
    return toDto(after);
  });
}

/** The expert a dispatch names, inside the dispatch's transaction; null if missing. */
export function expertForDispatch(tx: Executor, orgId: string, id: string): Promise<repo.ExpertRow | undefined> {
  return repo.findById(tx, orgId, id);
}
