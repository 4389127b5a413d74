import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, activityCompanyFirsts, activityDaily } from "../../db/schema/index.js";
import { lockAuditChain } from "../audit/index.js";
import type { FactRow } from "./activities.repository.js";
import { dimsOf } from "./rollups.dims.js";
import { applyToMonthRollups, monthDeltas } from "./rollups.months.repository.js";

interface DailyDelta {
  orgId: string;
  fiscalYear: number;
  programId: string;
  departmentId: string;
  type: string;
  outcome: string;
  dims: Record<string, unknown>;
  occurredOn: string;
  facts: number;
  quantity: number;
  amountYen: number;
}

const keyOf = (d: Omit<DailyDelta, "facts" | "quantity" | "amountYen">, extra: string) =>
  JSON.stringify([d.programId, d.departmentId, d.type, d.outcome, d.dims, extra]);

/**
 * Adds (sign +1) or takes away (−1) facts from the rollups, in the caller's transaction. Keys are
 * applied in one sorted order within a call; across calls, see `lockFactWriters`.
 */
export async function applyToRollups(db: Executor, facts: FactRow[], sign: 1 | -1): Promise<void> {
  if (facts.length === 0) return;
  await lockFactWriters(db, (facts[0] as FactRow).orgId);
  // Taking facts away runs statement by statement (first days may move); adding runs every upsert
  // in one statement below: five round trips under the organization's lock were one each.
  if (sign < 0) await applyToMonthRollups(db, facts, sign);
  const daily = new Map<string, DailyDelta>();
  const firsts = new Map<string, DailyDelta & { companyId: string }>();
  for (const f of facts) {
    const base = {
      orgId: f.orgId,
      fiscalYear: f.fiscalYear,
      programId: f.programId,
      departmentId: f.departmentId,
      type: f.type,
      outcome: f.outcome ?? "",
      dims: dimsOf(f.type, f.attributes),
      occurredOn: f.occurredOn,
    };
    const dk = keyOf(base, f.occurredOn);
    const d = daily.get(dk) ?? { ...base, facts: 0, quantity: 0, amountYen: 0 };
    d.facts += sign;
    d.quantity += sign * f.quantity;
    d.amountYen += sign * (f.amountYen ?? 0);
    daily.set(dk, d);
    if (f.companyId) {
      const fk = keyOf(base, f.companyId);
      const c = firsts.get(fk) ?? { ...base, companyId: f.companyId, facts: 0, quantity: 0, amountYen: 0 };
      c.facts += sign;
      if (f.occurredOn < c.occurredOn) c.occurredOn = f.occurredOn;
      firsts.set(fk, c);
    }
  }
  const dailyRows = [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const dailyUpsert = sql`
    insert into ${activityDaily} (org_id, fiscal_year, program_id, department_id, type, outcome, dims, occurred_on, facts, quantity, amount_yen)
    select r.org_id, r.fiscal_year, r.program_id, r.department_id, r.type, r.outcome, r.dims, r.occurred_on, r.facts, r.quantity, r.amount_yen
      from json_populate_recordset(null::activity_daily, ${JSON.stringify(dailyRows.map(toDailyRecord))}::json) r
    on conflict (org_id, program_id, department_id, type, outcome, dims, occurred_on) do update
      set facts = activity_daily.facts + excluded.facts,
          quantity = activity_daily.quantity + excluded.quantity,
          amount_yen = activity_daily.amount_yen + excluded.amount_yen`;
  const firstRows = [...firsts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  if (sign > 0) {
    const upserts = [...monthDeltas(facts, sign).upserts, dailyUpsert];
    if (firstRows.length > 0)
      upserts.push(sql`
      insert into ${activityCompanyFirsts} (org_id, fiscal_year, program_id, department_id, type, outcome, dims, company_id, first_on, facts)
      select r.org_id, r.fiscal_year, r.program_id, r.department_id, r.type, r.outcome, r.dims, r.company_id, r.first_on, r.facts
        from json_populate_recordset(null::activity_company_firsts, ${JSON.stringify(firstRows.map(toFirstRecord))}::json) r
      on conflict (org_id, program_id, department_id, type, outcome, dims, company_id) do update
        set facts = activity_company_firsts.facts + excluded.facts,
            first_on = least(activity_company_firsts.first_on, excluded.first_on)`);
    await db.execute(inOneStatement(upserts));
    return;
  }
  await db.execute(dailyUpsert);
  for (const r of firstRows) await takeFromFirsts(db, r);
}

/**
 * Sorting keys inside one call is not enough: a transaction may touch the rollups several times
 * (an edit writes its new fact, then voids the old one; an import writes record after record) and
 * also takes the audit chain's head, sometimes before its first fact (an import creating a
 * business). Two such transactions took rows in opposite orders and deadlocked (edits moving facts
 * between two days in opposite directions; an import against staff recording). So every writer of
 * an organization's facts first takes that head — which it takes anyway for its audit entry, so
 * fact writers were already serialized from their audit entry to commit — and only then rollup
 * rows: one lock order for all. Re-taking it later in the same transaction costs nothing.
 */
async function lockFactWriters(db: Executor, orgId: string): Promise<void> {
  await lockAuditChain(db, orgId);
}

/** One business's key loses facts: its count drops, and its first day moves on if that fact was the first. */
async function takeFromFirsts(db: Executor, r: DailyDelta & { companyId: string }): Promise<void> {
  const where = and(
    eq(activityCompanyFirsts.orgId, r.orgId),
    eq(activityCompanyFirsts.programId, r.programId),
    eq(activityCompanyFirsts.departmentId, r.departmentId),
    eq(activityCompanyFirsts.type, r.type),
    eq(activityCompanyFirsts.outcome, r.outcome),
    sql`${activityCompanyFirsts.dims} = ${JSON.stringify(r.dims)}::jsonb`,
    eq(activityCompanyFirsts.companyId, r.companyId),
  );
  const [row] = await db
    .update(activityCompanyFirsts)
    .set({ facts: sql`${activityCompanyFirsts.facts} + ${r.facts}` })
    .where(where)
    .returning();
  if (!row) return;
  if (row.facts <= 0) {
    await db.delete(activityCompanyFirsts).where(where);
    return;
  }
  if (r.occurredOn > row.firstOn) return;
  // The first fact went: the new first day is the earliest live fact left under the key.
  const live = await db
    .select({ occurredOn: activities.occurredOn, attributes: activities.attributes })
    .from(activities)
    .where(
      and(
        eq(activities.orgId, r.orgId),
        eq(activities.companyId, r.companyId),
        eq(activities.programId, r.programId),
        eq(activities.departmentId, r.departmentId),
        eq(activities.type, r.type),
        r.outcome === "" ? isNull(activities.outcome) : eq(activities.outcome, r.outcome),
        isNull(activities.voidedAt),
      ),
    );
  const dims = JSON.stringify(r.dims);
  const first = live
    .filter((f) => JSON.stringify(dimsOf(r.type, f.attributes)) === dims)
    .map((f) => f.occurredOn)
    .sort()[0];
  if (first) await db.update(activityCompanyFirsts).set({ firstOn: first }).where(where);
}

const toDailyRecord = (d: DailyDelta) => ({
  org_id: d.orgId,
  fiscal_year: d.fiscalYear,
  program_id: d.programId,
  department_id: d.departmentId,
  type: d.type,
  outcome: d.outcome,
  dims: d.dims,
  occurred_on: d.occurredOn,
  facts: d.facts,
  quantity: d.quantity,
  amount_yen: d.amountYen,
});

const toFirstRecord = (d: DailyDelta & { companyId: string }) => ({
  org_id: d.orgId,
  fiscal_year: d.fiscalYear,
  program_id: d.programId,
  department_id: d.departmentId,
  type: d.type,
  outcome: d.outcome,
  dims: d.dims,
  company_id: d.companyId,
  first_on: d.occurredOn,
  facts: d.facts,
});

/** Upserts into different tables as one statement (data-modifying WITH): one round trip. */
function inOneStatement(statements: SQL[]): SQL {
  const last = statements[statements.length - 1] as SQL;
  if (statements.length === 1) return last;
  const ctes = statements.slice(0, -1).map((s, i) => sql`${sql.raw(`u${i}`)} as (${s})`);
  return sql`with ${sql.join(ctes, sql`, `)} ${last}`;
}
