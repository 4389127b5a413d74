import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/companies.service.js";
import { insertMissing } from "./frames.repository.js";

/**
 * The caps under real concurrency: many requests race for the last slots of a frame against
 * PostgreSQL, and the frame's row lock must let exactly the free ones through.
 */
let t: TestContext;
let s: SupportOrg;
let staff: Session;
let manager: Session;
let expertId: string;

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  [staff, manager] = await Promise.all([signIn(t.app, s.users.keieiStaff), signIn(t.app, s.users.keieiManager)]);
  expertId = (await manager.post("/api/experts", { name: "並行 三郎" })).json().id;
});
afterAll(() => t.close());

const rows = async <T>(q: SQL) => (await t.database.db.execute(q)).rows as T[];
const companies = (prefix: string, n: number) =>
  Promise.all(
    Array.from(
      { length: n },
      async (_, i) =>
        (await createCompany(t.database.db, systemActor(s.org.id, "test"), { name: `${prefix}${i + 1}号商事` })).id,
    ),
  );

async function frame(name: string, cap: number | null, perCompanyCap: number | null) {
  const programId = s.program["D-1"];
  await insertMissing(t.database.db, s.org.id, 2026, [{ programId, name, cap, perCompanyCap }]);
  const [r] = await rows<{ id: string }>(
    sql`select id from dispatch_frames where org_id = ${s.org.id} and program_id = ${programId} and name = ${name}`,
  );
  return r?.id as string;
}
const request = (frameId: string, companyId: string) =>
  staff.post("/api/dispatches", {
    frameId,
    companyId,
    expertId,
    scheduledOn: "2026-09-01",
    minutes: 120,
    feeYen: 30000,
  });
/** The frame's counter and the slot-holding rows, which must agree and stay within the cap. */
async function state(frameId: string) {
  const [f] = await rows<{ used: number; cap: number | null }>(
    sql`select used, cap from dispatch_frames where id = ${frameId}`,
  );
  const [d] = await rows<{ n: number }>(
    sql`select count(*)::int as n from dispatches where frame_id = ${frameId} and status not in ('rejected', 'cancelled')`,
  );
  return { used: f?.used, cap: f?.cap, holding: d?.n };
}
const tally = (codes: number[]) => ({
  created: codes.filter((c) => c === 201).length,
  refused: codes.filter((c) => c === 409).length,
});

describe("50 concurrent requests for the last free slots", () => {
  it("when 50 companies race for the 3 free slots of a frame of 10, then exactly 3 succeed and the frame is exactly full", async () => {
    const f = await frame("並行一般枠", 10, 100);
    for (const c of await companies("先行", 7)) expect((await request(f, c)).statusCode).toBe(201);
    const racers = await companies("並行", 50);
    const results = await Promise.all(racers.map((c) => request(f, c)));
    expect(tally(results.map((r) => r.statusCode))).toEqual({ created: 3, refused: 47 });
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.details[0].field).toBe("frameId");
    }
    expect(await state(f)).toEqual({ used: 10, cap: 10, holding: 10 });
  });

  it("when one company sends 50 requests at once against perCompanyCap 3 with 1 used, then exactly 2 succeed", async () => {
    const f = await frame("並行事業者枠", 100, 3);
    const [c] = await companies("単独", 1);
    expect((await request(f, c as string)).statusCode).toBe(201);
    const results = await Promise.all(Array.from({ length: 50 }, () => request(f, c as string)));
    expect(tally(results.map((r) => r.statusCode))).toEqual({ created: 2, refused: 48 });
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.details[0].field).toBe("companyId");
    }
    expect(await state(f)).toEqual({ used: 3, cap: 100, holding: 3 });
  });

  it("when a slot is freed while 20 requests race for a full frame, then at most one gets it and the counts agree", async () => {
    const f = await frame("並行解放枠", 2, 100);
    const held = [];
    for (const c of await companies("満杯", 2)) held.push((await request(f, c)).json().id as string);
    const racers = await companies("解放待ち", 20);
    const [cancel, ...results] = await Promise.all([
      staff.post(`/api/dispatches/${held[0]}/transition`, { action: "cancel", version: 1 }),
      ...racers.map((c) => request(f, c)),
    ]);
    expect(cancel?.statusCode).toBe(200);
    const { created, refused } = tally(results.map((r) => r.statusCode));
    expect(created).toBeLessThanOrEqual(1);
    expect(created + refused).toBe(20);
    const after = await state(f);
    expect(after).toEqual({ used: 1 + created, cap: 2, holding: 1 + created });
  });
});
