import type { ActivityFact, FactType, Timeline, TimelineQuery } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../http/actor.js";
import { notFound } from "../../http/app-error.js";
import { recordAudit } from "../audit/index.js";
import { companyEntity } from "../companies/index.js";
import * as repo from "./activities.repository.js";

const COMPANY = { ja: "事業者", en: "The business" };

/** Departments whose confidential records this actor may read: their own (the CLI operator: all). */
export function confidentialScope(actor: Actor): readonly string[] | null {
  return actor.role === "system" ? null : actor.departmentIds;
}

export function confidentialNotice(department: { id: string; name: string }) {
  return {
    departmentId: department.id,
    departmentName: department.name,
    message: `機密扱いの支援があります。詳細は${department.name}にお問い合わせください。`,
  };
}

export function toFactDto(r: repo.TimelineRow): ActivityFact {
  return {
    id: r.id,
    fiscalYear: r.fiscalYear,
    programId: r.programId,
    programCode: r.programCode,
    programName: r.programName,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    companyId: r.companyId,
    companyName: r.companyName,
    personName: r.personName,
    occurredOn: r.occurredOn,
    type: r.type as FactType,
    outcome: r.outcome,
    quantity: r.quantity,
    amountYen: r.amountYen,
    attributes: r.attributes as Record<string, unknown>,
    sourceModule: r.sourceModule,
    sourceId: r.sourceId,
    sourceTitle: r.sourceTitle ?? null,
    recordedBy: r.recordedByLabel,
    confidential: r.confidential,
    voidedAt: r.voidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * One timeline per business: every department's facts about the record and (by default) its
 * 名寄せ siblings. Confidential facts the reader may not see are left out and named only by the
 * department to ask; confidential facts the reader does see are logged as read.
 */
export async function getTimeline(db: Db, actor: Actor, companyId: string, q: TimelineQuery): Promise<Timeline> {
  const entity = await companyEntity(db, actor, companyId);
  if (!entity) throw notFound(COMPANY);
  const companyIds = q.siblings ? entity.members.map((m) => m.id) : [entity.id];
  const filter: repo.TimelineFilter = {
    companyIds,
    types: q.type,
    departmentId: q.departmentId,
    programId: q.programId,
    from: q.from,
    to: q.to,
    includeVoided: q.voided,
    visibleConfidential: confidentialScope(actor),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  };
  const [{ rows, total }, hidden] = await Promise.all([
    repo.timeline(db, actor.orgId, filter),
    repo.hiddenConfidentialDepartments(db, actor.orgId, filter),
  ]);
  const confidentialRead = rows.filter((r) => r.confidential).map((r) => r.id);
  if (confidentialRead.length > 0)
    await logConfidentialRead(db, actor, "company_timeline", entity.id, confidentialRead);
  return {
    companyIds,
    items: rows.map(toFactDto),
    total,
    page: q.page,
    pageSize: q.pageSize,
    confidentialNotices: hidden.map(confidentialNotice),
  };
}

/** Every read of confidential support is in the audit log: who, when, which records. */
export async function logConfidentialRead(
  db: Db,
  actor: Actor,
  entity: string,
  entityId: string,
  recordIds: string[],
): Promise<void> {
  await db.transaction((tx) =>
    recordAudit(tx, actor, {
      entity,
      entityId,
      action: "read",
      changes: [{ field: "confidential", to: recordIds }],
    }),
  );
}
