import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { systemActor } from "../../http/actor.js";
import { syncFacts, voidFactsOf } from "../activities/index.js";
import { mergeCompanies, undoMerge } from "../companies/dedupe.service.js";
import { getDashboard } from "./kpi.service.js";
import { type KpiOrg, makeKpiOrg } from "./kpi.test-kit.js";

let t: TestContext;
let k: KpiOrg;
let yorozu: Session;
let kyogikai: Session;

beforeAll(async () => {
  t = await createTestContext();
  k = await makeKpiOrg(t.database.db);
  const org = { id: k.orgId, slug: k.slug, departments: [] };
  yorozu = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff", departmentIds: [k.dept.yorozu] }));
  kyogikai = await signIn(
    t.app,
    await makeUser(t.database.db, org, { role: "staff", departmentIds: [k.dept.kyogikai] }),
  );
});
afterAll(() => t.close());

const sys = () => systemActor(k.orgId, "test");
async function figures(asOf = "2027-03-31", fiscalYear = 2026) {
  const d = await getDashboard(t.database.db, sys(), { fiscalYear, asOf });
  return Object.fromEntries(d.items.map((i) => [`${i.programCode}/${i.name}`, i]));
}

describe("measures on hand-made facts", () => {
  let a: string;
  let b: string;
  let c: string;
  beforeAll(async () => {
    [a, b, c] = [await k.company("甲商事"), await k.company("乙商事"), await k.company("甲商事（株）")];
    await k.facts([
      { type: "consultation", code: "Y", on: "2026-04-01", companyId: a },
      { type: "visit", code: "Y", on: "2026-05-10", companyId: a },
      { type: "consultation", code: "Y", on: "2026-07-01", companyId: b },
      { type: "consultation", code: "Y", on: "2026-07-02", companyId: c },
      { type: "consultation", code: "Y", on: "2026-03-31", companyId: b }, // FY2025
      { type: "issue_resolved", code: "Y", on: "2026-07-01", companyId: b },
      { type: "dispatch", code: "D-1", on: "2026-06-01", companyId: a, amountYen: 30_000 },
      { type: "dispatch", code: "D", on: "2026-06-02", companyId: b, amountYen: 12_500 },
      { type: "consultation", code: "R", on: "2026-06-03", companyId: a },
    ]);
  });

  it("when facts are counted, then count, the attribute breakdown, the quarter and the sum come out as hand-counted", async () => {
    const f = await figures();
    expect(f["Y/相談件数"]).toMatchObject({ actual: 4, target: 20, progress: 20 });
    expect(f["Y/訪問件数"]?.actual).toBe(1);
    expect(f["Y/第1四半期相談件数"]?.actual).toBe(2);
    expect(f["Y/課題解決件数"]).toMatchObject({ actual: 1, progress: 10 });
    // The program's own facts and its sub-program's.
    expect(f["D/専門家派遣回数"]?.actual).toBe(2);
    expect(f["D/派遣謝金"]?.actual).toBe(42_500);
    expect(f["Y/相談件数"]?.monthly.slice(0, 4)).toEqual([1, 1, 0, 2]);
  });

  it("when distinct businesses are counted for a quarter, then whole months and the as-of month's days both count", async () => {
    expect((await figures())["Y/第1四半期支援事業者数"]?.actual).toBe(1);
    // 乙商事's first fact of the year was in July; a June consultation brings it into the quarter.
    await k.facts([{ type: "consultation", code: "Y", on: "2026-06-20", companyId: b }]);
    expect((await figures())["Y/第1四半期支援事業者数"]?.actual).toBe(2);
    expect((await figures("2026-06-19"))["Y/第1四半期支援事業者数"]?.actual).toBe(1);
    expect((await figures("2026-06-20"))["Y/第1四半期支援事業者数"]?.actual).toBe(2);
    expect((await figures("2026-04-01"))["Y/第1四半期支援事業者数"]?.actual).toBe(1);
  });

  it("when the fiscal year changes at March 31 / April 1, then each fact counts in its own year", async () => {
    expect((await figures("2026-03-31", 2025))["Y/相談件数"]?.actual).toBe(1);
    expect((await figures("2026-04-01", 2026))["Y/相談件数"]?.actual).toBe(1);
  });

  it("when the as-of day is earlier, then later facts do not count and later months have no value", async () => {
    const f = await figures("2026-05-31");
    expect(f["Y/相談件数"]?.actual).toBe(2);
    expect(f["Y/相談件数"]?.monthly[2]).toBeNull();
  });

  it("when two records are merged by 名寄せ, then the distinct count drops by one; after undo it rises again", async () => {
    expect((await figures())["Y/支援事業者数（名寄せ後）"]?.actual).toBe(3);
    const { mergeId } = await mergeCompanies(t.database.db, sys(), [a, c]);
    expect((await figures())["Y/支援事業者数（名寄せ後）"]?.actual).toBe(2);
    await undoMerge(t.database.db, sys(), mergeId);
    expect((await figures())["Y/支援事業者数（名寄せ後）"]?.actual).toBe(3);
  });

  it("when a ratio's denominator is zero, then it has no value (not NaN); with facts it is exact", async () => {
    expect((await figures())["Y/解決率"]).toMatchObject({ actual: null, progress: null });
    await k.facts([{ type: "referral_sent", code: "Y", on: "2026-08-01", companyId: a }]);
    await k.facts([{ type: "referral_sent", code: "Y", on: "2026-08-02", companyId: b }]);
    await k.facts([{ type: "referral_sent", code: "Y", on: "2026-08-03", companyId: c }]);
    expect((await figures())["Y/解決率"]).toMatchObject({ actual: 33.33, progress: 66.7, cumulative: false });
  });

  it("when a fact is voided, then it leaves the figure and the distinct count at once", async () => {
    const e = await k.company("取消商事2");
    const source = { module: "consultations" as const, id: crypto.randomUUID() };
    const p = await k.program(2026, "Y");
    await t.database.db.transaction((tx) =>
      syncFacts(
        tx,
        sys(),
        source,
        [
          {
            type: "consultation",
            program: p,
            departmentId: k.dept.yorozu,
            companyId: e,
            occurredOn: "2026-09-02",
            attributes: { channel: "window", topics: [], durationMinutes: null, staffCount: 1 },
          },
        ],
        "x",
      ),
    );
    const withE = await figures();
    await t.database.db.transaction((tx) => voidFactsOf(tx, sys(), source, "取消"));
    const after = await figures();
    expect(after["Y/相談件数"]?.actual).toBe((withE["Y/相談件数"]?.actual as number) - 1);
    expect(after["Y/支援事業者数（名寄せ後）"]?.actual).toBe(
      (withE["Y/支援事業者数（名寄せ後）"]?.actual as number) - 1,
    );
  });

  it("when a metric is pending, then its actual is null and it names the module that will feed it", async () => {
    expect((await figures())["Y/受講者数"]).toMatchObject({ actual: null, measure: "pending", feed: "seminars" });
  });

  it("when the dashboard is read, then 重点 indicators come first and confidential facts are counted", async () => {
    const res = await yorozu.get("/api/kpi?fiscalYear=2026&asOf=2027-03-31");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { category: string; programCode: string; name: string; actual: number }[];
    expect(items[0]?.category).toBe("priority");
    expect(items.find((i) => i.programCode === "R")?.actual).toBe(1);
    const filtered = await yorozu.get(`/api/kpi?fiscalYear=2026&departmentId=${k.dept.keiei}`);
    expect(new Set(filtered.json().items.map((i: { programCode: string }) => i.programCode))).toEqual(new Set(["D"]));
  });

  it("when a reader drills into a confidential indicator, then the count is there but only its department sees the records", async () => {
    const items = (await yorozu.get("/api/kpi?fiscalYear=2026&asOf=2027-03-31")).json().items;
    const id = items.find((i: { programCode: string }) => i.programCode === "R").indicatorId;
    const outside = (await yorozu.get(`/api/kpi/indicators/${id}/facts?fiscalYear=2026&asOf=2027-03-31`)).json();
    expect(outside).toMatchObject({ total: 1, hidden: 1, items: [] });
    expect(outside.confidentialNotices[0].departmentName).toBe("中小企業活性化協議会");
    const inside = (await kyogikai.get(`/api/kpi/indicators/${id}/facts?fiscalYear=2026&asOf=2027-03-31`)).json();
    expect(inside).toMatchObject({ total: 1, hidden: 0 });
    expect(inside.items[0].companyName).toBe("甲商事");
    const csv = await yorozu.get(`/api/kpi/indicators/${id}/facts.csv?fiscalYear=2026&asOf=2027-03-31`);
    expect(csv.body).toContain("機密のため記載しない記録: 1件");
    expect(csv.body).not.toContain("甲商事");
  });
});
