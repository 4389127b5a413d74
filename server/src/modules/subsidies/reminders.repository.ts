import { and, asc, count, eq, inArray, isNotNull, lte, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { subsidyApplications, subsidyPrograms } from "../../db/schema/index.js";
import { confidentialVisible } from "../../db/visibility.js";

export interface DueRow {
  id: string;
  title: string;
  companyId: string;
  programId: string;
  decidedYen: number | null;
  decidedOn: string | null;
  decisionNo: string | null;
  reportDueOn: string;
  confidential: boolean;
}

export interface DueFilter {
  /** Due on or before this date (overdue ones included). */
  dueBy: string;
  /** The programs' departments to look in; null = all (admins, the CLI operator). */
  departmentIds: readonly string[] | null;
  /** Departments whose confidential applications the reader sees; null = all. */
  visibleConfidential: readonly string[] | null;
  limit: number;
}

/** Decided grants whose 実績報告 is due by a date, the earliest due first (so the overdue lead). */
export async function dueReports(
  db: Executor,
  orgId: string,
  f: DueFilter,
): Promise<{ rows: DueRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [
    eq(subsidyApplications.orgId, orgId),
    eq(subsidyApplications.status, "decided"),
    isNotNull(subsidyApplications.reportDueOn),
    lte(subsidyApplications.reportDueOn, f.dueBy),
  ];
  if (f.departmentIds !== null) {
    conds.push(f.departmentIds.length === 0 ? sql`false` : inArray(subsidyPrograms.departmentId, [...f.departmentIds]));
  }
  conds.push(
    confidentialVisible(subsidyApplications.confidential, subsidyPrograms.departmentId, f.visibleConfidential),
  );
  const where = and(...conds);
  const joinProgram = and(
    eq(subsidyPrograms.orgId, subsidyApplications.orgId),
    eq(subsidyPrograms.id, subsidyApplications.subsidyProgramId),
  );
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: subsidyApplications.id,
        title: subsidyApplications.title,
        companyId: subsidyApplications.companyId,
        programId: subsidyPrograms.programId,
        decidedYen: subsidyApplications.decidedYen,
        decidedOn: subsidyApplications.decidedOn,
        decisionNo: subsidyApplications.decisionNo,
        reportDueOn: subsidyApplications.reportDueOn,
        confidential: subsidyApplications.confidential,
      })
      .from(subsidyApplications)
      .innerJoin(subsidyPrograms, joinProgram)
      .where(where)
      .orderBy(asc(subsidyApplications.reportDueOn), asc(subsidyApplications.decidedOn), asc(subsidyApplications.id))
      .limit(f.limit),
    db.select({ n: count() }).from(subsidyApplications).innerJoin(subsidyPrograms, joinProgram).where(where),
  ]);
  // The filter keeps only rows with a due date.
  return { rows: rows as DueRow[], total: totals[0]?.n ?? 0 };
}
