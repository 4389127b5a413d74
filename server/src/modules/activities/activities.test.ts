import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";
import { supportProgram } from "../plans/index.js";

let t: TestContext;
let s: SupportOrg;
beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
});
afterAll(() => t.close());

describe("support fixture", () => {
  it("when the fixture plan is imported, then the 活性化協議会 program is confidential and sub-programs inherit departments", async () => {
    const r = await supportProgram(t.database.db, s.org.id, s.program.R);
    expect(r?.confidential).toBe(true);
    const d1 = await supportProgram(t.database.db, s.org.id, s.program["D-1"]);
    expect(d1?.departmentIds).toEqual([s.dept.keiei]);
    expect(d1?.fiscalYear).toBe(2026);
    expect(d1?.outputs.map((o) => o.quantity)).toEqual([5, 2]);
  });
});
