import { randomUUID } from "node:crypto";
import { FACT_DIMENSIONS } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { connect, type Database, type Executor } from "../../db/client.js";
import { systemActor } from "../../http/actor.js";
import { type FactInput, recordFact, syncFacts, voidFactsOf } from "../activities/index.js";
import { recordAudit } from "../audit/index.js";
import { getDashboard } from "./kpi.service.js";
import { type KpiOrg, makeKpiOrg } from "./kpi.test-kit.js";

/**
 * Concurrency: many transactions adding and voiding facts of one program, day and type at once
 * all update the same rollup rows; afterwards the rollups still equal the naive GROUP BY over the
 * live facts, and no transaction failed (no deadlock, no lost update).
 */

const PARALLEL = 40;
let t: TestContext;
/** A pool wide enough for every transaction of a round to be open at the same time. */
let wide: Database;
let k: KpiOrg;
beforeAll(async () => {
  t = await createTestContext();
  wide = connect(t.url, { max: PARALLEL + 10 });
  k = await makeKpiOrg(t.database.db);
});
afterAll(async () => {
  await wide.close();
  await t.close();
});

const sys = () => systemActor(k.orgId, "test");

/** Resolves once `n` callers wait on it: every transaction is open before any of them writes. */
function barrier(n: number): () => Promise<void> {
  let waiting = 0;
  let release: () => void = () => {};
  const all = new Promise<void>((r) => {
    release = r;
  });
  return () => {
    waiting += 1;
    if (waiting === n) release();
    return all;
  };
}

async function consultation(on: string, companyId: string | null, channel = "window"): Promise<FactInput> {
  return {
    type: "consultation",
    program: await k.program(2026, "Y"),
    departmentId: k.dept.yorozu,
    companyId,
    personName: companyId ? null : "匿名の相談者",
    occurredOn: on,
    attributes: { channel, topics: [], durationMinutes: null, staffCount: 1 },
  };
}

/** Runs every job in its own transaction on the wide pool, all started together; returns the failures. */
async function inParallel(jobs: ((tx: Executor) => Promise<unknown>)[]): Promise<string[]> {
  const ready = barrier(jobs.length);
  const results = await Promise.allSettled(
    jobs.map((job) =>
      wide.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await ready();
        await job(tx);
      }),
    ),
  );
  // A failed query's own error (deadlock detected …) is its cause; the message holds the SQL.
  const why = (e: unknown) => {
    const err = e as Error & { cause?: { message?: string; code?: string } };
    return err.cause?.message ? `${err.cause.code}: ${err.cause.message}` : String(err?.message ?? e);
  };
  return results.flatMap((r) => (r.status === "rejected" ? [why(r.reason)] : []));
}

const DIMS = sql.raw(`(select coalesce(jsonb_object_agg(e.k, e.v), '{}'::jsonb)
    from jsonb_each(a.attributes) e(k, v)
   where e.k in (select jsonb_array_elements_text('${JSON.stringify(FACT_DIMENSIONS)}'::jsonb -> a.type))
     and jsonb_typeof(e.v) in ('string', 'number', 'boolean'))`);

async function sortedRows(q: ReturnType<typeof sql>): Promise<string[]> {
  return (await t.database.db.execute<Record<string, unknown>>(q)).rows.map((r) => JSON.stringify(r)).sort();
}

/** Both rollup tables equal a GROUP BY over the organization's live facts (rows with no facts aside). */
async function expectRollupsExact(): Promise<void> {
  const org = k.orgId;
  expect(
    await sortedRows(sql`select program_id::text, department_id::text, type, outcome, dims::text as dims,
                                occurred_on::text, facts, quantity::text, amount_yen::text
                           from activity_daily where org_id = ${org} and facts <> 0`),
  ).toEqual(
    await sortedRows(sql`select program_id::text, department_id::text, type, coalesce(outcome, '') as outcome,
                                ${DIMS}::text as dims, occurred_on::text, count(*)::int as facts,
                                sum(quantity)::text as quantity, coalesce(sum(amount_yen), 0)::text as amount_yen
                           from activities a where org_id = ${org} and voided_at is null group by 1, 2, 3, 4, 5, 6`),
  );
  expect(
    await sortedRows(sql`select program_id::text, department_id::text, type, outcome, dims::text as dims,
                                company_id::text, first_on::text, facts
                           from activity_company_firsts where org_id = ${org}`),
  ).toEqual(
    await sortedRows(sql`select program_id::text, department_id::text, type, coalesce(outcome, '') as outcome,
                                ${DIMS}::text as dims, company_id::text, min(occurred_on)::text as first_on,
                                count(*)::int as facts
                           from activities a where org_id = ${org} and voided_at is null and company_id is not null
                          group by 1, 2, 3, 4, 5, 6`),
  );
  const [empty] = (
    await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from activity_daily
           where org_id = ${org} and (facts < 0 or (facts = 0 and (quantity <> 0 or amount_yen <> 0)))`,
    )
  ).rows;
  expect(empty?.n).toBe(0);
}

const DAY = "2026-05-15";

describe("rollups under concurrent writes", () => {
  it("when 40 transactions add facts of one program, day and type at once and 10 more void theirs, then the rollups stay exact and none fails", async () => {
    const companies = [await k.company("並行商事A"), await k.company("並行商事B"), await k.company("並行商事C")];
    // Records whose facts the round voids, on the very same rollup rows.
    const records: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = randomUUID();
      const facts = [await consultation(DAY, companies[i % 3] as string)];
      if (i % 2 === 0) facts.push(await consultation(DAY, null));
      await t.database.db.transaction((tx) => syncFacts(tx, sys(), { module: "consultations", id }, facts, "作成"));
      records.push(id);
    }
    const before = (await getDashboard(t.database.db, sys(), { fiscalYear: 2026, asOf: "2027-03-31" })).items.find(
      (i) => i.name === "相談件数",
    )?.actual as number;
    const jobs: ((tx: Executor) => Promise<unknown>)[] = records.map(
      (id) => (tx: Executor) => voidFactsOf(tx, sys(), { module: "consultations", id }, "取消"),
    );
    let added = 0;
    for (let i = 0; i < PARALLEL; i++) {
      const n = 1 + (i % 3);
      const facts = await Promise.all(
        Array.from({ length: n }, (_, j) => consultation(DAY, j === 2 ? null : (companies[(i + j) % 3] as string))),
      );
      added += n;
      jobs.push((tx) => recordFact(tx, sys(), { module: "import", id: null }, facts));
    }
    expect(await inParallel(jobs)).toEqual([]);
    await expectRollupsExact();
    const voided = 5 * 2 + 5 * 1; // five records with two facts, five with one
    const after = (await getDashboard(t.database.db, sys(), { fiscalYear: 2026, asOf: "2027-03-31" })).items.find(
      (i) => i.name === "相談件数",
    )?.actual as number;
    expect(after).toBe(before + added - voided);
  });

  it("when records are edited at once so that their facts move between two days in opposite directions, then no transaction deadlocks and the rollups stay exact", async () => {
    // Each edit writes its new fact (locking the new day's rows) and voids the old one (the old
    // day's rows); half of the edits go one way, half the other.
    const company = await k.company("日付移動商事");
    const [d1, d2] = ["2026-06-01", "2026-06-02"];
    const records: { id: string; from: string; to: string }[] = [];
    for (let i = 0; i < PARALLEL; i++) {
      const [from, to] = i % 2 === 0 ? [d1, d2] : [d2, d1];
      const id = randomUUID();
      await t.database.db.transaction(async (tx) =>
        syncFacts(tx, sys(), { module: "consultations", id }, [await consultation(from, company)], "作成"),
      );
      records.push({ id, from, to });
    }
    const jobs = records.map(
      (r) => async (tx: Executor) =>
        syncFacts(tx, sys(), { module: "consultations", id: r.id }, [await consultation(r.to, company)], "日付の修正"),
    );
    expect(await inParallel(jobs)).toEqual([]);
    await expectRollupsExact();
  });

  it("when a long transaction records facts of many records while staff record on the same days, then none deadlocks", async () => {
    // As the consultation import does: one transaction; per row, the audit entry of a business it
    // creates (the audit head, before any fact), the record's facts, then the record's audit entry.
    const days = ["2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13"];
    const company = await k.company("取込商事");
    const importJob = async (tx: Executor) => {
      for (const day of [...days].reverse()) {
        await recordAudit(tx, sys(), { entity: "company", entityId: randomUUID(), action: "create" });
        await recordFact(tx, sys(), { module: "import", id: null }, [await consultation(day, company)]);
        await recordAudit(tx, sys(), { entity: "consultation", entityId: randomUUID(), action: "create" });
      }
    };
    const staffJobs = Array.from({ length: 12 }, (_, i) => async (tx: Executor) => {
      await recordFact(tx, sys(), { module: "import", id: null }, [await consultation(days[i % 4] as string, company)]);
      await recordAudit(tx, sys(), { entity: "consultation", entityId: randomUUID(), action: "create" });
    });
    expect(await inParallel([importJob, ...staffJobs])).toEqual([]);
    await expectRollupsExact();
  });

  it("when two transactions void a business's first two facts of one key at once, then its first day moves to the third", async () => {
    for (let round = 0; round < 8; round++) {
      const company = await k.company(`初回商事${round}`);
      const [s1, s2] = [randomUUID(), randomUUID()];
      const write = async (id: string, on: string) =>
        t.database.db.transaction(async (tx) =>
          syncFacts(tx, sys(), { module: "consultations", id }, [await consultation(on, company, "phone")], "作成"),
        );
      await write(s1, "2026-04-03");
      await write(s2, "2026-04-20");
      await k.facts([{ type: "consultation", code: "Y", on: "2026-05-07", companyId: company, channel: "phone" }]);
      const [first, second] = round % 2 === 0 ? ([s1, s2] as const) : ([s2, s1] as const); // both orders of arrival
      expect(
        await inParallel([
          (tx) => voidFactsOf(tx, sys(), { module: "consultations", id: first }, "取消"),
          (tx) => voidFactsOf(tx, sys(), { module: "consultations", id: second }, "取消"),
        ]),
      ).toEqual([]);
      const [row] = (
        await t.database.db.execute<{ first_on: string; facts: number }>(
          sql`select first_on::text, facts from activity_company_firsts where org_id = ${k.orgId} and company_id = ${company}`,
        )
      ).rows;
      expect(row).toEqual({ first_on: "2026-05-07", facts: 1 });
    }
    await expectRollupsExact();
  });
});
