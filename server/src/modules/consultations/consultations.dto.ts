import { type Channel, type Consultation, type ConsultationStatus, visitDetailsSchema } from "@shien/contracts";
import type { Executor } from "../../db/client.js";
import { companyRefs } from "../companies/index.js";
import { departmentsByIds } from "../departments/index.js";
import { supportProgramsByIds } from "../plans/index.js";
import { userRefs } from "../users/index.js";
import * as repo from "./consultations.repository.js";

/** Consultations as the API shows them, labelled with a handful of batched lookups (not one per row). */
export async function toDtos(db: Executor, orgId: string, rows: repo.ConsultationRow[]): Promise<Consultation[]> {
  if (rows.length === 0) return [];
  const staff = await repo.staffOf(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const userIds = [...new Set([...staff.values()].flat())];
  const [companies, departments, programs, users] = await Promise.all([
    companyRefs(
      db,
      orgId,
      rows.flatMap((r) => (r.companyId ? [r.companyId] : [])),
    ),
    departmentsByIds(db, orgId, [...new Set(rows.map((r) => r.departmentId))]),
    supportProgramsByIds(
      db,
      orgId,
      rows.map((r) => r.programId),
    ),
    userRefs(db, orgId, userIds),
  ]);
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => {
    const p = programs.get(r.programId);
    return {
      id: r.id,
      companyId: r.companyId,
      companyName: r.companyId ? (companies.get(r.companyId)?.name ?? null) : null,
      personName: r.personName,
      program: { id: r.programId, code: p?.code ?? "", name: p?.name ?? "", fiscalYear: p?.fiscalYear ?? 0 },
      department: { id: r.departmentId, name: deptName.get(r.departmentId) ?? "" },
      channel: r.channel as Channel,
      location: r.location,
      occurredOn: r.occurredOn,
      startTime: r.startTime,
      durationMinutes: r.durationMinutes,
      staff: (staff.get(r.id) ?? []).map((id) => ({ id, name: userName.get(id) ?? "" })),
      topics: r.topics,
      notes: r.notes,
      nextAction: r.nextAction,
      followUpOn: r.followUpOn,
      followUpDoneAt: r.followUpDoneAt?.toISOString() ?? null,
      status: r.status as ConsultationStatus,
      visit: r.visit === null ? null : visitDetailsSchema.parse(r.visit),
      confidential: r.confidential,
      recordedBy: r.recordedByLabel,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export async function toDto(db: Executor, orgId: string, row: repo.ConsultationRow): Promise<Consultation> {
  return (await toDtos(db, orgId, [row]))[0] as Consultation;
}
