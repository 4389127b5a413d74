import type { Referral, ReferralStatus } from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import type { Resource } from "../../http/access.js";
import { companyNames } from "../companies/index.js";
import { departmentsByIds } from "../departments/index.js";
import { supportProgramsByIds } from "../plans/index.js";
import type { ReferralRow } from "./referrals.repository.js";

/**
 * What the access check needs to know about a referral: it belongs to both the sending and the
 * receiving department, so a confidential one is visible to the people of either and nobody else.
 */
export function referralResource(row: ReferralRow): Resource {
  return {
    orgId: row.orgId,
    departmentIds: row.toDepartmentId ? [row.fromDepartmentId, row.toDepartmentId] : [row.fromDepartmentId],
    confidential: row.confidential,
  };
}

/** The department that answers a referral: the receiving one, or for an outside agency the sender. */
export const answeringDepartment = (row: ReferralRow): string => row.toDepartmentId ?? row.fromDepartmentId;

/** Rows to DTOs, labelling programs, departments and companies with one lookup each. */
export async function toDtos(db: Executor, orgId: string, rows: ReferralRow[]): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const deptIds = rows.flatMap((r) =>
    r.toDepartmentId ? [r.fromDepartmentId, r.toDepartmentId] : [r.fromDepartmentId],
  );
  const companyIds = rows.flatMap((r) => (r.companyId ? [r.companyId] : []));
  const [programs, departments, companies] = await Promise.all([
    supportProgramsByIds(
      db,
      orgId,
      rows.map((r) => r.programId),
    ),
    departmentsByIds(db, orgId, [...new Set(deptIds)]),
    companyNames(db, orgId, companyIds),
  ]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const dept = (id: string) => ({ id, name: deptName.get(id) ?? "" });
  return rows.map((r) => {
    const p = programs.get(r.programId);
    return {
      id: r.id,
      companyId: r.companyId,
      companyName: r.companyId ? (companies.get(r.companyId) ?? null) : null,
      personName: r.personName,
      program: { id: r.programId, code: p?.code ?? "", name: p?.name ?? "", fiscalYear: p?.fiscalYear ?? 0 },
      fromDepartment: dept(r.fromDepartmentId),
      toDepartment: r.toDepartmentId ? dept(r.toDepartmentId) : null,
      agency: r.agency,
      reason: r.reason,
      status: r.status as ReferralStatus,
      sentOn: r.sentOn,
      respondedOn: r.respondedOn,
      completedOn: r.completedOn,
      declineReason: r.declineReason,
      outcome: r.outcome,
      consultationId: r.consultationId,
      sentBy: r.sentByLabel,
      confidential: r.confidential,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** The audited fields of a referral. */
export function snapshot(r: ReferralRow): Record<string, unknown> {
  return {
    companyId: r.companyId,
    personName: r.personName,
    programId: r.programId,
    fromDepartmentId: r.fromDepartmentId,
    toDepartmentId: r.toDepartmentId,
    agency: r.agency,
    reason: r.reason,
    status: r.status,
    sentOn: r.sentOn,
    respondedOn: r.respondedOn,
    completedOn: r.completedOn,
    declineReason: r.declineReason,
    outcome: r.outcome,
    consultationId: r.consultationId,
  };
}
