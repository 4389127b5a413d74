import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import {
  liveFacts,
  makeCompany,
  makeRound,
  makeSubsidyWorld,
  rows,
  type SubsidyWorld,
  subsidyProgram,
  wageApplication,
} from "./subsidies.fixtures.js";

let t: TestContext;
let w: SubsidyWorld;
let programId: string;
const missing = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  programId = (await subsidyProgram(w.staff, "11")).id;
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await rows<{ n: number }>(t, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n);

describe("program configuration", () => {
  it("when the year's programs are listed, then the seed-covered ones are configured once with the plan's budget as the whole-year frame", async () => {
    const res = await w.viewer.get("/api/subsidies/programs?fiscalYear=2026");
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((p: { program: { code: string } }) => p.program.code)).toEqual(["6", "11", "14"]);
    const p11 = items.find((p: { program: { code: string } }) => p.program.code === "11");
    expect(p11).toMatchObject({
      fiscalYear: 2026,
      program: { code: "11", name: "生産性向上・業態転換支援補助金事業" },
      department: { name: "経営支援課" },
      terms: { programCode: "11", unitYen: 1000, rate: { numerator: 1, denominator: 2 } },
      rounds: [],
      frames: [{ roundId: null, budgetYen: 319_751_000, committedYen: 0, paidYen: 0, remainingYen: 319_751_000 }],
    });
    const before = [await count("subsidy_programs"), await count("subsidy_frames")];
    await w.staff.get("/api/subsidies/programs?fiscalYear=2026");
    expect([await count("subsidy_programs"), await count("subsidy_frames")]).toEqual(before);
    expect((await w.outsider.get("/api/subsidies/programs?fiscalYear=2026")).json().items).toEqual([]);
    expect((await w.staff.get("/api/subsidies/programs?fiscalYear=2030")).json().items).toEqual([]);
  });

  it("when a manager of the department edits the terms, then they are stored, audited and never overwritten by a later sync", async () => {
    const p6 = await subsidyProgram(w.manager, "6");
    const terms = { ...(await w.manager.get("/api/subsidies/programs?fiscalYear=2026")).json().items[0].terms };
    const edited = { ...terms, capYen: 800_000, text: "上限800千円に変更" };
    for (const s of [w.staff, w.otherManager, w.viewer, w.outsider]) {
      expect((await s.patch(`/api/subsidies/programs/${p6.id}`, { terms: edited })).statusCode).toBe(404);
    }
    const bad = await w.manager.patch(`/api/subsidies/programs/${p6.id}`, {
      terms: { ...terms, floorYen: 900_000, capYen: 800_000 },
    });
    expect(bad.statusCode).toBe(400);
    const wrongCode = await w.manager.patch(`/api/subsidies/programs/${p6.id}`, {
      terms: { ...terms, programCode: "7" },
    });
    expect(wrongCode.json().error.details[0].field).toBe("terms.programCode");
    expect((await w.manager.patch(`/api/subsidies/programs/${p6.id}`, {})).statusCode).toBe(400);
    const res = await w.manager.patch(`/api/subsidies/programs/${p6.id}`, { terms: edited, budgetYen: 30_000_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ terms: { capYen: 800_000 }, frames: [{ budgetYen: 30_000_000 }] });
    const again = await subsidyProgram(w.staff, "6");
    expect(again).toMatchObject({ terms: { capYen: 800_000 }, frames: [{ budgetYen: 30_000_000 }] });
    const audit = await rows<{ action: string }>(
      t,
      sql`select action from audit_log where entity = 'subsidy_program' and entity_id = ${p6.id}`,
    );
    expect(audit.map((a) => a.action)).toEqual(["update"]);
  });

  it("when a manager adds a round, then it is listed with its own frame; a duplicate name or an inverted window is refused", async () => {
    const { roundId, frame } = await makeRound(w.manager, programId, "構成テスト回", 5_000_000);
    expect(frame).toMatchObject({ roundId, budgetYen: 5_000_000, committedYen: 0, remainingYen: 5_000_000 });
    const body = { name: "構成テスト回", opensOn: "2026-05-01", closesOn: "2026-06-30" };
    const dup = await w.manager.post(`/api/subsidies/programs/${programId}/rounds`, body);
    expect([dup.statusCode, dup.json().error.details[0].field]).toEqual([409, "name"]);
    const inverted = await w.manager.post(`/api/subsidies/programs/${programId}/rounds`, {
      ...body,
      name: "逆転回",
      opensOn: "2026-07-01",
    });
    expect([inverted.statusCode, inverted.json().error.details[0].field]).toEqual([400, "closesOn"]);
    expect(
      (await w.staff.post(`/api/subsidies/programs/${programId}/rounds`, { ...body, name: "職員回" })).statusCode,
    ).toBe(404);
    expect(
      (await w.manager.post(`/api/subsidies/programs/${missing}/rounds`, { ...body, name: "不明回" })).statusCode,
    ).toBe(404);
  });
});

describe("申請受付", () => {
  it("when staff enter a Mie 賃上げコース application of 3,000,000 yen, then 1,500,000 yen is computed with the working, an event, a fact and an audit entry", async () => {
    const companyId = await makeCompany(t, w.mie.id, { name: "津精機株式会社" });
    const res = await w.staff.post(
      "/api/subsidies/applications",
      wageApplication(programId, companyId, { course: "wage_increase" }),
    );
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      subsidyProgramId: programId,
      fiscalYear: 2026,
      program: { code: "11" },
      round: null,
      company: { id: companyId, name: "津精機株式会社" },
      course: "賃上げコース",
      type: null,
      taxTreatment: "standard",
      status: "received",
      receivedOn: "2026-05-20",
      computedYen: 1_500_000,
      refusal: null,
      decidedYen: null,
      decisionNo: null,
      confidential: false,
      version: 1,
    });
    expect(a.steps.at(-1)).toMatchObject({ key: "final", yen: 1_500_000 });
    expect(a.steps.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(["eligible", "rate", "floor"]));
    expect(await liveFacts(t, a.id)).toEqual([["subsidy_applied", null, "2026-05-20", null]]);
    const events = (await w.viewer.get(`/api/subsidies/applications/${a.id}/events`)).json().items;
    expect(events).toEqual([
      expect.objectContaining({ action: "receive", from: null, to: "received", amountYen: 1_500_000 }),
    ]);
    const audit = await rows<{ action: string }>(
      t,
      sql`select action from audit_log where entity = 'subsidy_application' and entity_id = ${a.id}`,
    );
    expect(audit.map((x) => x.action)).toEqual(["create"]);
    expect((await w.viewer.get(`/api/subsidies/applications/${a.id}`)).json()).toEqual(a);
    const list = (await w.viewer.get(`/api/subsidies/applications?fiscalYear=2026&companyId=${companyId}`)).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: a.id }] });
  });

  it("when the round, its window or 事前着手 do not fit, then 400 names the field (the window in 和暦)", async () => {
    const companyId = await makeCompany(t, w.mie.id);
    const { roundId } = await makeRound(w.manager, programId, "受付期間テスト回", null);
    const other = (await subsidyProgram(w.staff, "14")).id;
    const { roundId: otherRound } = await makeRound(w.manager, other, "外国出願回", null);
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ roundId, receivedOn: "2026-07-01" }, "receivedOn", /令和8年5月1日～令和8年6月30日/],
      [{ roundId, preStartApprovedOn: "2026-05-25" }, "preStartApprovedOn"],
      [{ preStartApprovedOn: "2026-05-25" }, "preStartApprovedOn"],
      [{ roundId: otherRound }, "roundId"],
      [{ receivedOn: "2027-04-01" }, "receivedOn"],
    ];
    for (const [over, field, message] of cases) {
      const res = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId, over));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
      if (message) expect(res.json().error.details[0].message).toMatch(message);
    }
    const ok = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId, { roundId }));
    expect(ok.json()).toMatchObject({ round: { id: roundId, name: "受付期間テスト回" } });
  });

  it("when 第1期's window runs before the fiscal year (令和8年1月～2月), then the application counts as 応募 of the year's program from its first day", async () => {
    const res = await w.manager.post(`/api/subsidies/programs/${programId}/rounds`, {
      name: "第1期",
      opensOn: "2026-01-13",
      closesOn: "2026-02-27",
      preStartAllowed: true,
    });
    const roundId = res.json().rounds.find((r: { name: string }) => r.name === "第1期").id;
    const companyId = await makeCompany(t, w.mie.id);
    const a = await w.staff.post(
      "/api/subsidies/applications",
      wageApplication(programId, companyId, { roundId, receivedOn: "2026-02-10", preStartApprovedOn: "2026-02-20" }),
    );
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ receivedOn: "2026-02-10", preStartApprovedOn: "2026-02-20", fiscalYear: 2026 });
    expect(await liveFacts(t, a.json().id)).toEqual([["subsidy_applied", null, "2026-04-01", null]]);
  });

  it("when a rule of eligibility or the arithmetic refuses, then 400 names the rule and nothing is stored", async () => {
    const sme = await makeCompany(t, w.mie.id);
    const noSize = await makeCompany(t, w.mie.id, { sizeClass: null });
    const aichi = await makeCompany(t, w.mie.id, { address: "愛知県名古屋市中区三の丸3-1-2" });
    const noAddress = await makeCompany(t, w.mie.id, { address: null });
    const before = await count("subsidy_applications");
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [sme, { course: "一般コース" }, "course", /一般コース.*小規模企業等/],
      [noSize, {}, "companyId", /規模区分/],
      [aichi, {}, "companyId", /三重県内.*愛知県/],
      [noAddress, {}, "companyId", /住所/],
      [sme, { lines: [{ category: "機械装置等費", amountYen: 900_000 }] }, "lines", /下限額/],
      [sme, { lines: [{ amountYen: 3_000_000 }] }, "lines", /経費区分/],
      [sme, { course: undefined }, "course", /コースを指定/],
      [missing, {}, "companyId", /事業者が見つかりません/],
    ];
    for (const [companyId, over, field, message] of cases) {
      const res = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId, over));
      expect(res.statusCode, `${field} ${message}`).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field, message: expect.stringMatching(message) });
    }
    expect(await count("subsidy_applications")).toBe(before);
  });
});

describe("access", () => {
  let applicationId: string;
  beforeAll(async () => {
    const companyId = await makeCompany(t, w.mie.id);
    applicationId = (await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId))).json()
      .id;
  });

  it("when a viewer, another department, another organization or a missing id is used, then 404; a malformed body 400", async () => {
    const companyId = await makeCompany(t, w.mie.id);
    const body = wageApplication(programId, companyId);
    for (const s of [w.viewer, w.otherStaff, w.outsider]) {
      expect((await s.post("/api/subsidies/applications", body)).statusCode).toBe(404);
    }
    expect((await w.staff.post("/api/subsidies/applications", { ...body, subsidyProgramId: missing })).statusCode).toBe(
      404,
    );
    expect((await w.staff.post("/api/subsidies/applications", { ...body, lines: [] })).statusCode).toBe(400);
    expect((await w.staff.post("/api/subsidies/applications", { ...body, receivedOn: "20260520" })).statusCode).toBe(
      400,
    );
    expect((await w.outsider.get(`/api/subsidies/applications/${applicationId}`)).statusCode).toBe(404);
    expect((await w.outsider.get(`/api/subsidies/applications/${applicationId}/events`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/subsidies/applications/${missing}`)).statusCode).toBe(404);
    expect((await w.staff.get("/api/subsidies/applications/not-a-uuid")).statusCode).toBe(400);
    expect((await w.outsider.get("/api/subsidies/applications")).json()).toMatchObject({ total: 0, items: [] });
    const transition = (s: typeof w.staff, action: string) =>
      s.post(`/api/subsidies/applications/${applicationId}/transition`, { action, version: 1 });
    expect((await transition(w.viewer, "check")).statusCode).toBe(404);
    expect((await transition(w.otherStaff, "check")).statusCode).toBe(404);
    expect((await transition(w.otherManager, "withdraw")).statusCode).toBe(404);
    expect((await transition(w.staff, "withdraw")).statusCode).toBe(404);
    expect((await transition(w.outsider, "check")).statusCode).toBe(404);
    expect((await transition(w.staff, "fly")).statusCode).toBe(400);
    expect(
      (await w.staff.post(`/api/subsidies/applications/${missing}/transition`, { action: "check", version: 1 }))
        .statusCode,
    ).toBe(404);
    const after = (await w.staff.get(`/api/subsidies/applications/${applicationId}`)).json();
    expect(after).toMatchObject({ status: "received", version: 1 });
    // Admins decide across departments (the confidentiality wall aside).
    expect((await transition(w.admin, "check")).statusCode).toBe(200);
  });
});
