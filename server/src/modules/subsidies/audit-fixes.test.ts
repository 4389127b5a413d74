/**
 * Found by an audit of issue 7 (fixed here): 受付日 in the future or years back, steps dated before
 * the step they follow, the per-company cap after a lower 額の確定, decided amounts outside the
 * program's 下限額 and unit, round frames promising more than the year's budget.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, signIn } from "../../../test/factories.js";
import {
  makeCompany,
  makeRound,
  makeSubsidyWorld,
  rows,
  type StepApp,
  type SubsidyWorld,
  step,
  subsidyProgram,
  wageApplication,
  walk,
} from "./subsidies.fixtures.js";

let t: TestContext;
let w: SubsidyWorld;
let programId: string;

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t, ["mie", "fukushima"]);
  programId = (await subsidyProgram(w.staff, "11")).id;
});
afterAll(() => t.close());

type App = StepApp;
async function apply(over: Record<string, unknown> = {}): Promise<App> {
  const companyId = await makeCompany(t, w.mie.id);
  const res = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const toAdopted = (a: App) =>
  walk(a, [
    [w.staff, "check", { on: "2026-06-01" }],
    [w.manager, "adopt", { on: "2026-06-10" }],
  ]);
/** A date a few days after today (Japan), still inside 令和8年度 when run in 2026. */
const future = (days: number) => new Date(Date.now() + (days + 1) * 86_400_000).toISOString().slice(0, 10);

describe("a 受付日 after today or before the year's call is refused", () => {
  it("when an application is entered with a 受付日 after today, then it is refused on receivedOn like every other future-dated step", async () => {
    const companyId = await makeCompany(t, w.mie.id);
    const receivedOn = future(5);
    const res = await w.staff.post(
      "/api/subsidies/applications",
      wageApplication(programId, companyId, { receivedOn }),
    );
    // Expected: 400 receivedOn (transitions refuse a date after today: 「未来の日付では記録できません」).
    // Actual: 201, the application, its 'receive' event and its subsidy_applied fact are dated in the future.
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0].field).toBe("receivedOn");
  });

  it("when an application without a round is entered with a 受付日 years before the program's fiscal year, then it is refused", async () => {
    // 令和8年度 (2026) program 三重 11, no round: 受付日 1990-01-01 and 2019-04-01 are both accepted today (201).
    // Only a date AFTER the fiscal year is checked (subsidies.service.ts receiveApplication); 第1期 may open
    // in 令和8年1月, so some days before 2026-04-01 are legitimate, but not decades.
    for (const receivedOn of ["1990-01-01", "2019-04-01"]) {
      const companyId = await makeCompany(t, w.mie.id);
      const res = await w.staff.post(
        "/api/subsidies/applications",
        wageApplication(programId, companyId, { receivedOn }),
      );
      expect(res.statusCode, `${receivedOn}: ${res.statusCode}`).toBe(400);
    }
  });

  it("when an import row has a 受付日 after today, then the row is refused on received_on", async () => {
    const name = "未来日付商事株式会社";
    await makeCompany(t, w.mie.id, { name });
    const csv = [
      "application_ref,company_name,address,program_code,course,title,received_on,category,amount_yen",
      `F-1,${name},三重県津市栄町1-891,11,賃上げコース,未来の受付日,${future(5)},機械装置等費,3000000`,
    ].join("\r\n");
    const report = (
      await w.staff.post("/api/subsidies/applications/import", {
        fileName: "future.csv",
        contentBase64: Buffer.from(csv, "utf8").toString("base64"),
        dryRun: true,
      })
    ).json();
    // Expected: one error on received_on. Actual: errors [] and created 1.
    expect(report.errors.map((e: { column: string }) => e.column)).toEqual(["received_on"]);
  });
});

describe("a step is not dated before the step it follows", () => {
  it("when 実績報告 is dated before the 交付決定, then it is refused on 'on'", async () => {
    let a = await toAdopted(await apply());
    a = await walk(a, [[w.manager, "decide", { on: "2026-07-01" }]]);
    // Expected: 400 on (2026-06-15 is before the decision of 2026-07-01). Actual: 200, status reported.
    const report = await step(w.staff, a, "report", {
      on: "2026-06-15",
      lines: [{ category: "機械装置等費", amountYen: 3_000_000 }],
    });
    expect([report.statusCode, report.json().error?.details?.[0]?.field]).toEqual([400, "on"]);
  });

  it("when 交付決定 is dated before 採択, then it is refused on 'on'", async () => {
    const a = await toAdopted(await apply()); // adopted on 2026-06-10
    const res = await step(w.manager, a, "decide", { on: "2026-05-25" });
    // Expected: 400 on. Actual: 200 with decidedOn 2026-05-25 (before adoption), printed on the 交付決定通知書.
    expect([res.statusCode, res.json().error?.details?.[0]?.field]).toEqual([400, "on"]);
  });

  it("when 支払 is dated before 額の確定 and 請求, then it is refused on 'on'", async () => {
    let a = await toAdopted(await apply());
    a = await walk(a, [
      [w.manager, "decide", { on: "2026-07-01" }],
      [w.staff, "report", { on: "2026-09-01", lines: [{ category: "機械装置等費", amountYen: 3_000_000 }] }],
      [w.manager, "confirm", { on: "2026-09-15" }],
      [w.staff, "claim", { on: "2026-09-20" }],
    ]);
    const res = await step(w.manager, a, "pay", { on: "2026-07-02" });
    // Expected: 400 on. Actual: 200, paidOn 2026-07-02 — paid before the report, confirmation and claim.
    expect([res.statusCode, res.json().error?.details?.[0]?.field]).toEqual([400, "on"]);
  });
});

describe("the per-company cap counts the confirmed amount once confirmed", () => {
  // server/src/modules/subsidies/arithmetic/README.md §9: companyUsedYen is what the company's other
  // applications hold, "decided, or confirmed once confirmed". repo.decidedForCompanies sums decided_yen always.
  it("when a grant is confirmed below its decision, then the company's remaining cap counts the confirmed amount", async () => {
    const dept = w.fukushima.departments.find((d) => d.code === "sangyo-soshutsu")?.id as string;
    const session = async (role: "staff" | "manager") =>
      signIn(t.app, await makeUser(t.database.db, w.fukushima, { role, departmentIds: [dept] }));
    const [staff, manager] = await Promise.all([session("staff"), session("manager")]);
    const p = await subsidyProgram(staff, "II-2-1-1"); // 1/2, 出願 上限25万円, 1事業者あたり100万円
    const companyId = await makeCompany(t, w.fukushima.id, { address: "福島県郡山市待池台1-12" });
    const applyF = async (amountYen: number) => {
      const res = await staff.post("/api/subsidies/applications", {
        subsidyProgramId: p.id,
        companyId,
        title: `国内特許出願 ${amountYen}`,
        type: "出願",
        lines: [{ description: "弁理士費用", amountYen }],
        receivedOn: "2026-06-01",
      });
      return res;
    };
    const grants: App[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await applyF(600_000 + i);
      expect(res.statusCode, res.body).toBe(201);
      grants.push(
        await walk(res.json(), [
          [staff, "check", { on: "2026-06-02" }],
          [manager, "adopt", { on: "2026-06-03" }],
          [manager, "decide", { on: "2026-06-04" }],
        ]),
      );
    }
    // One of the four (250,000 decided) is confirmed at 100,000 yen (200,000 yen of actual cost × 1/2).
    await walk(grants[0] as App, [
      [staff, "report", { on: "2026-08-01", lines: [{ description: "実費", amountYen: 200_000 }] }],
      [manager, "confirm", { on: "2026-08-05" }],
    ]);
    const [r] = await rows<{ held: string }>(
      t,
      sql`select sum(coalesce(confirmed_yen, decided_yen))::text as held from subsidy_applications where company_id = ${companyId}`,
    );
    expect(Number(r?.held)).toBe(850_000);
    // The company holds 850,000 of its 1,000,000 (3 × 250,000 decided + 100,000 confirmed): 150,000 remain.
    // Expected: 201 with computedYen 150,000. Actual: 400 「…既に 1,000,000円 が交付決定済みのため、残額がありません。」
    const fifth = await applyF(600_100);
    expect(fifth.statusCode, fifth.body).toBe(201);
    expect(fifth.json().computedYen).toBe(150_000);
  });
});

describe("a 交付決定額 keeps the program's 下限額 and unit", () => {
  it("when a manager decides 1 yen on 賃上げコース (下限額 500千円), then it is refused as below the floor", async () => {
    const a = await toAdopted(await apply());
    const res = await step(w.manager, a, "decide", { on: "2026-07-01", amountYen: 1 });
    // Expected: 400 amountYen (the floor is an eligibility threshold). Actual: 200, decidedYen 1 and a 文書番号 is used.
    expect(res.statusCode).toBe(400);
  });

  it("when a manager decides 1,234,567 yen on a 千円未満切捨て program, then it is refused (or rounded down to 1,234,000)", async () => {
    const a = await toAdopted(await apply({ lines: [{ category: "機械装置等費", amountYen: 3_000_000 }] }));
    const res = await step(w.manager, a, "decide", { on: "2026-07-01", amountYen: 1_234_567 });
    // Expected: 400 amountYen, or decidedYen 1,234,000. Actual: 200 with decidedYen 1,234,567.
    expect(res.statusCode === 400 || res.json().decidedYen === 1_234_000).toBe(true);
  });
});

describe("round frames are the year budget's allocations", () => {
  it("when a round's frame is added, then it cannot promise more than the program's whole-year budget leaves", async () => {
    const p = await subsidyProgram(w.manager, "11");
    const year = p.frames.find((f) => f.roundId === null);
    const res = await w.manager.post(`/api/subsidies/programs/${p.id}/rounds`, {
      name: "過大な枠の回",
      opensOn: "2026-05-01",
      closesOn: "2026-06-30",
      frameYen: 1_000_000_000_000,
    });
    expect(year?.budgetYen).toBeLessThan(1_000_000_000_000);
    expect(res.statusCode).not.toBe(201);
  });

  it("when the year frame and a round frame are both used, then the program's total commitment never exceeds its budget", async () => {
    // 三重 6 with its whole-year budget set to 1,000,000 yen, and a round of 1,000,000 yen
    const p = await subsidyProgram(w.manager, "6");
    expect((await w.manager.patch(`/api/subsidies/programs/${p.id}`, { budgetYen: 1_000_000 })).statusCode).toBe(200);
    const { roundId } = await makeRound(w.manager, p.id, "第2期（枠あり）", 1_000_000);
    const app = async (round: string | null) => {
      const companyId = await makeCompany(t, w.mie.id);
      const res = await w.staff.post("/api/subsidies/applications", {
        subsidyProgramId: p.id,
        ...(round ? { roundId: round } : {}),
        companyId,
        title: "海外展示会",
        lines: [{ amountYen: 2_000_000 }],
        receivedOn: "2026-05-20",
      });
      expect(res.statusCode, res.body).toBe(201);
      return walk(res.json(), [
        [w.staff, "check", { on: "2026-06-01" }],
        [w.manager, "adopt", { on: "2026-06-10" }],
      ]);
    };
    const inYear = await app(null);
    const inRound = await app(roundId);
    // the round's frame took the whole year's budget: nothing is left outside it
    const outside = await step(w.manager, inYear, "decide", { on: "2026-07-01" });
    expect(outside.statusCode).toBe(409);
    expect(outside.json().error.message).toContain("予算枠不足");
    expect((await step(w.manager, inRound, "decide", { on: "2026-07-01" })).statusCode).toBe(200);
    const frames = (await subsidyProgram(w.manager, "6")).frames;
    const committed = frames.reduce((s, f) => s + f.committedYen, 0);
    expect(committed).toBeLessThanOrEqual(1_000_000);
    const yearFrame = frames.find((f) => f.roundId === null);
    expect(yearFrame).toMatchObject({ allocatedYen: 1_000_000, remainingYen: 0 });
    // nor can the year's budget be cut below what is committed and allocated
    expect((await w.manager.patch(`/api/subsidies/programs/${p.id}`, { budgetYen: 999_999 })).statusCode).toBe(409);
  });
});
