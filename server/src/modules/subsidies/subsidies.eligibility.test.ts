import { warekiDate } from "@shien/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { systemActor } from "../../http/actor.js";
import { mergeCompanies } from "../companies/dedupe.service.js";
import { prefectureOfOrganization } from "./subsidies.eligibility.js";
import { makeCompany, makeSubsidyWorld, type SubsidyWorld, subsidyProgram } from "./subsidies.fixtures.js";

/** Fukushima's rules: the prior expert diagnosis of 米国関税措置補助金 and the per-company cap of 特許等出願助成. */
let t: TestContext;
let w: SubsidyWorld;
const FUKUSHIMA_ADDRESS = "福島県郡山市待池台1-12";

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t, ["mie", "fukushima"]);
});
afterAll(() => t.close());

describe("prior step: the expert diagnosis of I-1-7-1", () => {
  it("when the business has had no dispatch of I-1-7-1, then I-1-7-2 refuses it; once the expert has visited, it is accepted", async () => {
    const program = await subsidyProgram(w.fukushimaStaff, "I-1-7-2");
    // The plan prints the budget on the parent I-1-7 only: the frame starts from it.
    expect(program.frames).toMatchObject([{ roundId: null, budgetYen: 93_061_000 }]);
    const companyId = await makeCompany(t, w.fukushima.id, { address: FUKUSHIMA_ADDRESS });
    const body = {
      subsidyProgramId: program.id,
      companyId,
      title: "米国向け製品の販路転換",
      lines: [{ description: "試作品開発", amountYen: 900_000 }],
      receivedOn: "2026-06-01",
    };
    const refused = await w.fukushimaStaff.post("/api/subsidies/applications", body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({
      field: "companyId",
      message: expect.stringMatching(/I-1-7-1.*専門家派遣/),
    });

    const frames = (await w.fukushimaStaff.get("/api/dispatch/frames?fiscalYear=2026")).json().items;
    const frame = frames.find((f: { program: { code: string } }) => f.program.code === "I-1-7-1");
    const expertId = (await w.fukushimaManager.post("/api/experts", { name: "関税 診断" })).json().id;
    const requested = await w.fukushimaStaff.post("/api/dispatches", {
      frameId: frame.id,
      companyId,
      expertId,
      scheduledOn: "2026-05-10",
      minutes: 120,
      feeYen: 30000,
    });
    expect(requested.statusCode).toBe(201);
    const dispatchId = requested.json().id;
    const approve = await w.fukushimaManager.post(`/api/dispatches/${dispatchId}/transition`, {
      action: "approve",
      version: 1,
    });
    expect(approve.statusCode).toBe(200);
    // Approved is not yet diagnosed.
    expect((await w.fukushimaStaff.post("/api/subsidies/applications", body)).statusCode).toBe(400);
    const done = await w.fukushimaStaff.post(`/api/dispatches/${dispatchId}/transition`, {
      action: "done",
      version: 2,
      on: "2026-05-10",
    });
    expect(done.statusCode).toBe(200);
    const accepted = await w.fukushimaStaff.post("/api/subsidies/applications", body);
    expect(accepted.statusCode, accepted.body).toBe(201);
    // 900,000 × 2/3 = 600,000 (上限 1,000,000).
    expect(accepted.json()).toMatchObject({ computedYen: 600_000, status: "received" });
  });
});

describe("1事業者あたりの上限 across applications (II-2-1-1: 100万円)", () => {
  let staff: Session;
  let manager: Session;
  let programId: string;
  beforeAll(async () => {
    const dept = w.fukushima.departments.find((d) => d.code === "sangyo-soshutsu")?.id as string;
    const session = async (role: "staff" | "manager") =>
      signIn(t.app, await makeUser(t.database.db, w.fukushima, { role, departmentIds: [dept] }));
    [staff, manager] = await Promise.all([session("staff"), session("manager")]);
    programId = (await subsidyProgram(staff, "II-2-1-1")).id;
  });

  const apply = (companyId: string) =>
    staff.post("/api/subsidies/applications", {
      subsidyProgramId: programId,
      companyId,
      title: "国内特許出願",
      type: "出願",
      lines: [{ description: "弁理士費用", amountYen: 600_000 }],
      receivedOn: "2026-06-01",
    });
  async function adopted(companyId: string) {
    const res = await apply(companyId);
    expect(res.statusCode, res.body).toBe(201);
    let a = res.json();
    for (const [who, action] of [
      [staff, "check"],
      [manager, "adopt"],
    ] as const) {
      a = (
        await who.post(`/api/subsidies/applications/${a.id}/transition`, {
          action,
          version: a.version,
          on: "2026-06-10",
        })
      ).json();
    }
    return a as { id: string; version: number; computedYen: number };
  }
  const decide = (a: { id: string; version: number }) =>
    manager.post(`/api/subsidies/applications/${a.id}/transition`, {
      action: "decide",
      version: a.version,
      on: "2026-07-01",
    });

  it("when decisions use up the cap, then the last two racing for the rest get one grant, and a further application (also of a 名寄せ sibling) is refused", async () => {
    const companyId = await makeCompany(t, w.fukushima.id, { address: FUKUSHIMA_ADDRESS, name: "郡山精工株式会社" });
    const sibling = await makeCompany(t, w.fukushima.id, { address: FUKUSHIMA_ADDRESS, name: "郡山精工（株）" });
    await mergeCompanies(t.database.db, systemActor(w.fukushima.id, "test"), [companyId, sibling]);
    const first = await Promise.all([adopted(companyId), adopted(companyId), adopted(sibling)]);
    for (const a of first) {
      expect(a.computedYen).toBe(250_000);
      expect((await decide(a)).statusCode).toBe(200);
    }
    // 750,000 decided: two more applications of 250,000 each, decided at once, fit only one.
    const [d, e] = await Promise.all([adopted(companyId), adopted(sibling)]);
    const results = await Promise.all([decide(d), decide(e)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.statusCode === 409);
    expect(lost?.json().error.details[0]).toMatchObject({
      field: "amountYen",
      message: expect.stringContaining("1事業者あたりの上限"),
    });
    for (const c of [companyId, sibling]) {
      const res = await apply(c);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({
        field: "lines",
        message: expect.stringContaining("残額がありません"),
      });
    }
  });
});

describe("helpers", () => {
  it("when the organization's prefecture and 和暦 dates are derived, then they read as the documents do", () => {
    expect(prefectureOfOrganization({ slug: "mie", name: "x" })).toBe("三重県");
    expect(prefectureOfOrganization({ slug: "other", name: "公益財団法人岩手県産業振興センター" })).toBe("岩手県");
    expect(prefectureOfOrganization({ slug: "other", name: "テスト支援センター" })).toBeNull();
    expect(warekiDate("2026-01-13")).toBe("令和8年1月13日");
    expect(warekiDate("2019-05-01")).toBe("令和元年5月1日");
    expect(warekiDate("2019-04-30")).toBe("平成31年4月30日");
  });
});
