import { and, eq, isNull, min, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, activityCompanyMonths, activityCompanyTypes, activityMonthly } from "../../db/schema/index.js";
import type { FactRow } from "./activities.repository.js";
import { dimsOf } from "./rollups.dims.js";

/**
 * The coarser rollups the dashboard reads (see db/schema/kpi.ts): month totals, first facts per
 * business by program and type, and businesses per month. Kept with the daily ones, in the same
 * transaction and under the same lock (applyToRollups calls this).
 */
const monthOf = (isoDate: string) => `${isoDate.slice(0, 7)}-01`;
const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);

export async function applyToMonthRollups(db: Executor, facts: FactRow[], sign: 1 | -1): Promise<void> {
  const { upserts, types } = monthDeltas(facts, sign);
  for (const statement of upserts) await db.execute(statement);
  if (sign > 0) return;
  const orgId = (facts[0] as FactRow).orgId;
  await db.execute(sql`delete from ${activityCompanyMonths} where org_id = ${orgId} and facts <= 0`);
  for (const t of types) await takeFromTypes(db, t);
}

/**
 * The month rollups' deltas of these facts as upsert statements (added facts raise first days
 * with least(); taken ones leave the first days to takeFromTypes), not yet run: the caller may run
 * them with the daily ones in one statement.
 */
export function monthDeltas(facts: FactRow[], sign: 1 | -1) {
  const monthly = new Map<string, Record<string, unknown> & { facts: number; quantity: number; amount_yen: number }>();
  const types = new Map<
    string,
    {
      org_id: string;
      fiscal_year: number;
      program_id: string;
      type: string;
      company_id: string;
      first_on: string;
      facts: number;
    }
  >();
  const months = new Map<
    string,
    {
      org_id: string;
      fiscal_year: number;
      program_id: string;
      type: string;
      company_id: string;
      month: string;
      facts: number;
    }
  >();
  for (const f of facts) {
    const dims = dimsOf(f.type, f.attributes);
    const month = monthOf(f.occurredOn);
    const mk = JSON.stringify([f.programId, f.departmentId, f.type, f.outcome ?? "", dims, month]);
    const m = monthly.get(mk) ?? {
      org_id: f.orgId,
      fiscal_year: f.fiscalYear,
      program_id: f.programId,
      department_id: f.departmentId,
      type: f.type,
      outcome: f.outcome ?? "",
      dims,
      month,
      facts: 0,
      quantity: 0,
      amount_yen: 0,
    };
    m.facts += sign;
    m.quantity += sign * f.quantity;
    m.amount_yen += sign * (f.amountYen ?? 0);
    monthly.set(mk, m);
    if (!f.companyId) continue;
    const base = {
      org_id: f.orgId,
      fiscal_year: f.fiscalYear,
      program_id: f.programId,
      type: f.type,
      company_id: f.companyId,
    };
    const tk = JSON.stringify([f.programId, f.type, f.companyId]);
    const t = types.get(tk) ?? { ...base, first_on: f.occurredOn, facts: 0 };
    t.facts += sign;
    if (f.occurredOn < t.first_on) t.first_on = f.occurredOn;
    types.set(tk, t);
    const ck = JSON.stringify([f.programId, f.type, month, f.companyId]);
    const c = months.get(ck) ?? { ...base, month, facts: 0 };
    c.facts += sign;
    months.set(ck, c);
  }
  const upserts = [
    sql`
    insert into ${activityMonthly} (org_id, fiscal_year, program_id, department_id, type, outcome, dims, month, facts, quantity, amount_yen)
    select r.org_id, r.fiscal_year, r.program_id, r.department_id, r.type, r.outcome, r.dims, r.month, r.facts, r.quantity, r.amount_yen
      from json_populate_recordset(null::activity_monthly, ${JSON.stringify(sorted(monthly))}::json) r
    on conflict (org_id, program_id, department_id, type, outcome, dims, month) do update
      set facts = activity_monthly.facts + excluded.facts,
          quantity = activity_monthly.quantity + excluded.quantity,
          amount_yen = activity_monthly.amount_yen + excluded.amount_yen`,
  ];
  if (months.size === 0) return { upserts, types: sorted(types) };
  upserts.push(sql`
    insert into ${activityCompanyMonths} (org_id, fiscal_year, program_id, type, company_id, month, facts)
    select r.org_id, r.fiscal_year, r.program_id, r.type, r.company_id, r.month, r.facts
      from json_populate_recordset(null::activity_company_months, ${JSON.stringify(sorted(months))}::json) r
    on conflict (org_id, program_id, type, month, company_id) do update
      set facts = activity_company_months.facts + excluded.facts`);
  if (sign > 0) {
    upserts.push(sql`
      insert into ${activityCompanyTypes} (org_id, fiscal_year, program_id, type, company_id, first_on, facts)
      select r.org_id, r.fiscal_year, r.program_id, r.type, r.company_id, r.first_on, r.facts
        from json_populate_recordset(null::activity_company_types, ${JSON.stringify(sorted(types))}::json) r
      on conflict (org_id, program_id, type, company_id) do update
        set facts = activity_company_types.facts + excluded.facts,
            first_on = least(activity_company_types.first_on, excluded.first_on)`);
  }
  return { upserts, types: sorted(types) };
}

/** A business loses facts of a program and type: its count drops, its first day moves on if needed. */
async function takeFromTypes(
  db: Executor,
  t: { org_id: string; program_id: string; type: string; company_id: string; first_on: string; facts: number },
): Promise<void> {
  const where = and(
    eq(activityCompanyTypes.orgId, t.org_id),
    eq(activityCompanyTypes.programId, t.program_id),
    eq(activityCompanyTypes.type, t.type),
    eq(activityCompanyTypes.companyId, t.company_id),
  );
  const [row] = await db
    .update(activityCompanyTypes)
    .set({ facts: sql`${activityCompanyTypes.facts} + ${t.facts}` })
    .where(where)
    .returning();
  if (!row) return;
  if (row.facts <= 0) {
    await db.delete(activityCompanyTypes).where(where);
    return;
  }
  if (t.first_on > row.firstOn) return;
  const [first] = await db
    .select({ on: min(activities.occurredOn) })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, t.org_id),
        eq(activities.companyId, t.company_id),
        eq(activities.programId, t.program_id),
        eq(activities.type, t.type),
        isNull(activities.voidedAt),
      ),
    );
  if (first?.on) await db.update(activityCompanyTypes).set({ firstOn: first.on }).where(where);
}
