import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import {
  frameOf,
  makeCompany,
  makeRound,
  makeSubsidyWorld,
  rows,
  type SubsidyWorld,
  subsidyProgram,
  wageApplication,
} from "./subsidies.fixtures.js";

/**
 * 交付決定 under real concurrency: 100 managers' decisions race for a frame that fits 37 of them,
 * against PostgreSQL. The conditional UPDATE must let exactly 37 through, and the gap-free counter
 * must hand out exactly 37 consecutive numbers.
 */
let t: TestContext;
let w: SubsidyWorld;

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
});
afterAll(() => t.close());

const AMOUNT = 1_500_000;
const FITS = 37;
const RACERS = 100;

/** Runs tasks with at most `n` at a time (setting up the racers is not the race). */
async function limited<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

describe("100 parallel decisions against a frame that fits 37", () => {
  it("when 100 adopted applications are decided at once, then exactly 37 succeed, 63 get 予算枠不足, and the frame adds up", async () => {
    const program = await subsidyProgram(w.manager, "11");
    const { roundId, frame } = await makeRound(w.manager, program.id, "並行回", FITS * AMOUNT);
    const frameId = frame?.id as string;
    const adopted = await limited(
      10,
      Array.from({ length: RACERS }, () => async () => {
        const companyId = await makeCompany(t, w.mie.id);
        let a = (
          await w.staff.post("/api/subsidies/applications", wageApplication(program.id, companyId, { roundId }))
        ).json();
        for (const [who, action] of [
          [w.staff, "check"],
          [w.manager, "adopt"],
        ] as const) {
          a = (
            await who.post(`/api/subsidies/applications/${a.id}/transition`, {
              action,
              version: a.version,
              on: "2026-06-10",
            })
          ).json();
        }
        expect(a).toMatchObject({ status: "adopted", computedYen: AMOUNT });
        return a as { id: string; version: number };
      }),
    );

    const results = await Promise.all(
      adopted.map((a) =>
        w.manager.post(`/api/subsidies/applications/${a.id}/transition`, {
          action: "decide",
          version: a.version,
          on: "2026-07-01",
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect({ ok: codes.filter((c) => c === 200).length, refused: codes.filter((c) => c === 409).length }).toEqual({
      ok: FITS,
      refused: RACERS - FITS,
    });
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.details[0]).toMatchObject({
        field: "amountYen",
        message: expect.stringMatching(/^予算枠不足: 残り 0円に対して 1,500,000円は交付決定できません$/),
      });
    }
    const after = await frameOf(t, frameId);
    expect(after.committedYen).toBe(FITS * AMOUNT);
    expect(after.committedYen + after.remainingYen).toBe(after.budgetYen);
    expect(after.remainingYen).toBe(0);

    // The applications agree with the frame, and the numbers are exactly 1‥37 with no gap.
    const decided = await rows<{ n: number; sum: string; numbers: string[] }>(
      t,
      sql`select count(*)::int as n, sum(decided_yen)::text as sum, array_agg(decision_no order by decision_no) as numbers
            from subsidy_applications where frame_id = ${frameId} and status = 'decided'`,
    );
    expect(decided[0]?.n).toBe(FITS);
    expect(Number(decided[0]?.sum)).toBe(FITS * AMOUNT);
    const numbers = (decided[0]?.numbers ?? []).map((no) => Number(/-(\d{4})号$/.exec(no)?.[1]));
    expect(numbers).toEqual(Array.from({ length: FITS }, (_, i) => i + 1));
    const facts = await rows<{ n: number }>(
      t,
      sql`select count(*)::int as n from activities where type = 'subsidy_decided' and voided_at is null
            and source_id in (select id from subsidy_applications where frame_id = ${frameId})`,
    );
    expect(facts[0]?.n).toBe(FITS);
  }, 120_000);
});
