import { todayInTokyo } from "@shien/contracts";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/companies.service.js";
import { insertMissing } from "./frames.repository.js";

let t: TestContext;
let s: SupportOrg;
let staff: Session;
let manager: Session;
let yorozuManager: Session;
let admin: Session;
let viewer: Session;
let kyogikaiStaff: Session;
let kyogikaiManager: Session;
let outsider: Session;
let expertId: string;

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  [staff, manager, yorozuManager, admin, viewer, kyogikaiStaff] = await Promise.all([
    signIn(t.app, s.users.keieiStaff),
    signIn(t.app, s.users.keieiManager),
    signIn(t.app, s.users.yorozuManager),
    signIn(t.app, s.users.admin),
    signIn(t.app, s.users.viewer),
    signIn(t.app, s.users.kyogikaiStaff),
  ]);
  kyogikaiManager = await signIn(
    t.app,
    await makeUser(t.database.db, s.org, { role: "manager", departmentIds: [s.dept.kyogikai] }),
  );
  const other = await makeOrg(t.database.db);
  outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
  expertId = (await manager.post("/api/experts", { name: "田中 次郎" })).json().id;
});
afterAll(() => t.close());

const rows = async <T>(q: SQL) => (await t.database.db.execute(q)).rows as T[];
const missing = "00000000-0000-4000-8000-000000000000";
const company = async (name: string) =>
  (await createCompany(t.database.db, systemActor(s.org.id, "test"), { name })).id;

async function frame(name: string, cap: number | null, programId = s.program["D-1"]) {
  await insertMissing(t.database.db, s.org.id, 2026, [{ programId, name, cap, perCompanyCap: 100 }]);
  const [r] = await rows<{ id: string }>(
    sql`select id from dispatch_frames where org_id = ${s.org.id} and program_id = ${programId} and name = ${name}`,
  );
  return r?.id as string;
}
const used = async (frameId: string) =>
  (await rows<{ used: number }>(sql`select used from dispatch_frames where id = ${frameId}`))[0]?.used;
async function request(who: Session, frameId: string, companyName: string) {
  const companyId = await company(companyName);
  const res = await who.post("/api/dispatches", {
    frameId,
    companyId,
    expertId,
    scheduledOn: "2026-06-01",
    minutes: 120,
    feeYen: 30000,
    companyShareYen: 10000,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number; company: { id: string } };
}
const move = (who: Session, id: string, action: string, version: number, extra: Record<string, unknown> = {}) =>
  who.post(`/api/dispatches/${id}/transition`, { action, version, ...extra });
interface FactRow {
  type: string;
  occurred_on: string;
  amount_yen: number | null;
  attributes: Record<string, unknown>;
  department_id: string;
  company_id: string;
  program_id: string;
  confidential: boolean;
  voided_at: Date | null;
}
const facts = (id: string) =>
  rows<FactRow>(
    sql`select type, occurred_on::text, amount_yen, attributes, department_id, company_id, program_id, confidential, voided_at
          from activities where source_module = 'dispatch' and source_id = ${id} order by created_at, type`,
  );
const status = async (id: string) =>
  (await rows<{ status: string; version: number }>(sql`select status, version from dispatches where id = ${id}`))[0];

describe("the dispatch workflow and its facts", () => {
  it("when a dispatch is approved, done, reported and paid, then each step is recorded and the facts follow", async () => {
    const f = await frame("流れ枠", 5);
    const d = await request(staff, f, "流れ商事");
    const approved = await move(manager, d.id, "approve", 1);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: "approved",
      version: 2,
      approvedBy: expect.stringContaining(s.users.keieiManager.login),
    });
    expect(await facts(d.id)).toEqual([]);

    const done = await move(staff, d.id, "done", 2, { on: "2026-06-10", minutes: 150 });
    expect(done.json()).toMatchObject({ status: "done", heldOn: "2026-06-10", minutes: 150, version: 3 });
    expect(await facts(d.id)).toEqual([
      {
        type: "dispatch",
        occurred_on: "2026-06-10",
        amount_yen: 30000,
        attributes: { frameId: f, frame: "流れ枠", expertId, minutes: 150 },
        department_id: s.dept.keiei,
        company_id: d.company.id,
        program_id: s.program["D-1"],
        confidential: false,
        voided_at: null,
      },
    ]);

    const noText = await move(staff, d.id, "report", 3, { on: "2026-06-20" });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error.details[0].field).toBe("reportText");
    expect(await status(d.id)).toEqual({ status: "done", version: 3 });

    const reported = await move(staff, d.id, "report", 3, { on: "2026-06-20", reportText: "BCPの初版を作成した" });
    expect(reported.json()).toMatchObject({
      status: "reported",
      reportedOn: "2026-06-20",
      reportText: "BCPの初版を作成した",
    });
    // No date: paid today, as a business date in Japan.
    const paid = await move(staff, d.id, "pay", 4);
    expect(paid.json()).toMatchObject({ status: "paid", paidOn: todayInTokyo(), version: 5 });
    const live = await facts(d.id);
    expect(live.map((x) => [x.type, x.occurred_on, x.amount_yen, x.voided_at])).toEqual([
      ["dispatch", "2026-06-10", 30000, null],
      ["dispatch_completed", "2026-06-20", null, null],
    ]);
    const audit = await rows<{ action: string }>(
      sql`select action from audit_log where entity = 'dispatch' and entity_id = ${d.id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "update", "update", "update"]);
    expect(await used(f)).toBe(1);
  });

  it("when done is dated in another fiscal year than the frame, then 400 on the date and nothing changes", async () => {
    const f = await frame("当日枠", 5);
    const d = await request(staff, f, "当日商事");
    await move(manager, d.id, "approve", 1);
    const wrongYear = await move(staff, d.id, "done", 2, { on: "2027-04-01" });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().error.details[0].field).toBe("on");
    expect(await status(d.id)).toEqual({ status: "approved", version: 2 });
    expect(await facts(d.id)).toEqual([]);
  });

  it("when an action does not fit the status, then 409 on action names the current status and nothing changes", async () => {
    const f = await frame("不正遷移枠", 5);
    const d = await request(staff, f, "不正遷移商事");
    const pay = await move(staff, d.id, "pay", 1);
    expect(pay.statusCode).toBe(409);
    expect(pay.json().error.details[0].field).toBe("action");
    expect(pay.json().error.details[0].message).toContain("「申請中」");
    expect((await move(staff, d.id, "done", 1)).statusCode).toBe(409);
    expect((await move(staff, d.id, "cancel", 1, { reason: "先方都合" })).json()).toMatchObject({
      status: "cancelled",
      reason: "先方都合",
    });
    const approve = await move(manager, d.id, "approve", 2);
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.details[0].message).toContain("「取消」");
    expect(await status(d.id)).toEqual({ status: "cancelled", version: 2 });
  });

  it("when the version is stale, then 409 on version and the newer state stays", async () => {
    const f = await frame("版枠", 5);
    const d = await request(staff, f, "版商事");
    await move(manager, d.id, "approve", 1);
    const stale = await move(staff, d.id, "cancel", 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].field).toBe("version");
    expect(await status(d.id)).toEqual({ status: "approved", version: 2 });
  });

  it("when staff, a viewer or another department's manager approve, then 404; an admin may approve", async () => {
    const f = await frame("決裁枠", 5);
    const d = await request(staff, f, "決裁商事");
    for (const who of [staff, viewer, yorozuManager])
      expect((await move(who, d.id, "approve", 1)).statusCode).toBe(404);
    expect((await move(staff, d.id, "reject", 1)).statusCode).toBe(404);
    expect(await status(d.id)).toEqual({ status: "requested", version: 1 });
    expect((await move(admin, d.id, "approve", 1)).json().status).toBe("approved");
    expect((await move(viewer, d.id, "done", 2)).statusCode).toBe(404);
  });

  it("when the id is unknown, belongs to another organization or the body is malformed, then 404, 404 and 400", async () => {
    const f = await frame("不明枠", 5);
    const d = await request(staff, f, "不明商事");
    expect((await move(staff, missing, "cancel", 1)).statusCode).toBe(404);
    expect((await move(outsider, d.id, "cancel", 1)).statusCode).toBe(404);
    const bad = await move(staff, d.id, "finish", 1);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("action");
    const noVersion = await staff.post(`/api/dispatches/${d.id}/transition`, { action: "cancel" });
    expect(noVersion.json().error.details[0].field).toBe("version");
    expect(await status(d.id)).toEqual({ status: "requested", version: 1 });
  });
});

describe("releasing slots", () => {
  it("when a full frame's dispatch is cancelled or rejected, then its slot is free for the next request", async () => {
    const f = await frame("解放枠", 1);
    const first = await request(staff, f, "解放一番商事");
    const blocked = await staff.post("/api/dispatches", {
      frameId: f,
      companyId: await company("解放待ち商事"),
      expertId,
      scheduledOn: "2026-07-01",
      minutes: 60,
      feeYen: 20000,
    });
    expect(blocked.statusCode).toBe(409);
    await move(manager, first.id, "approve", 1);
    expect((await move(staff, first.id, "cancel", 2, { reason: "日程調整不可" })).statusCode).toBe(200);
    expect(await used(f)).toBe(0);
    const second = await request(staff, f, "解放二番商事");
    expect((await move(manager, second.id, "reject", 1, { reason: "対象外" })).json().status).toBe("rejected");
    expect(await used(f)).toBe(0);
    await request(staff, f, "解放三番商事");
    expect(await used(f)).toBe(1);
    expect(await facts(first.id)).toEqual([]);
  });
});

describe("confidential programs", () => {
  it("when a dispatch belongs to the confidential program, then only its department sees it and reads are logged", async () => {
    const f = await frame("再生派遣枠", 3, s.program.R);
    expect((await staff.post("/api/dispatches", { frameId: f })).statusCode).toBe(400);
    const d = await request(kyogikaiStaff, f, "再生案件商事");
    const got = await kyogikaiStaff.get(`/api/dispatches/${d.id}`);
    expect(got.json()).toMatchObject({ confidential: true, department: { id: s.dept.kyogikai } });
    const reads = await rows<{ entity: string }>(
      sql`select entity from audit_log where action = 'read' and entity = 'dispatch' and entity_id = ${d.id}`,
    );
    expect(reads).toHaveLength(1);

    for (const who of [staff, manager, admin, viewer]) {
      expect((await who.get(`/api/dispatches/${d.id}`)).statusCode).toBe(404);
      const ids = (await who.get("/api/dispatches?pageSize=200")).json().items.map((x: { id: string }) => x.id);
      expect(ids).not.toContain(d.id);
      const frames = (await who.get("/api/dispatch/frames?fiscalYear=2026"))
        .json()
        .items.map((x: { id: string }) => x.id);
      expect(frames).not.toContain(f);
    }
    const own = (await kyogikaiStaff.get(`/api/dispatches?frameId=${f}`)).json();
    expect(own.items.map((x: { id: string }) => x.id)).toEqual([d.id]);
    const listReads = await rows(sql`select id from audit_log where action = 'read' and entity = 'dispatch_list'`);
    expect(listReads).toHaveLength(1);
    expect(
      (
        await admin.post("/api/dispatches", {
          frameId: f,
          companyId: d.company.id,
          expertId,
          scheduledOn: "2026-06-01",
          minutes: 60,
          feeYen: 0,
        })
      ).statusCode,
    ).toBe(404);
    expect((await admin.post(`/api/dispatches/${d.id}/transition`, { action: "approve", version: 1 })).statusCode).toBe(
      404,
    );

    await move(kyogikaiManager, d.id, "approve", 1);
    await move(kyogikaiStaff, d.id, "done", 2, { on: "2026-06-05" });
    const written = await facts(d.id);
    expect(written.map((x) => [x.type, x.confidential, x.department_id])).toEqual([
      ["dispatch", true, s.dept.kyogikai],
    ]);
  });
});

describe("a dispatch that spans the fiscal-year boundary", () => {
  it("when a March dispatch's report arrives in April, then the dispatch counts in the old year and the report in the new year's same program", async () => {
    const frames = await manager.get("/api/dispatch/frames?fiscalYear=2025");
    const frameId = (frames.json().items as { id: string; name: string }[]).find((f) => f.name.includes("一般枠"))?.id;
    const res = await staff.post("/api/dispatches", {
      frameId,
      companyId: await company("年度またぎ派遣商事"),
      expertId,
      scheduledOn: "2026-03-20",
      minutes: 120,
      feeYen: 30000,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect((await move(manager, id, "approve", 1)).statusCode).toBe(200);
    expect((await move(staff, id, "done", 2, { on: "2026-03-25" })).statusCode).toBe(200);
    const reported = await move(staff, id, "report", 3, { on: "2026-04-03", reportText: "報告書を受領" });
    expect(reported.statusCode).toBe(200);
    const facts = await rows<{ type: string; fiscal_year: number; program_id: string }>(
      sql`select type, fiscal_year, program_id from activities where source_id = ${id} and voided_at is null order by type`,
    );
    expect(facts).toEqual([
      { type: "dispatch", fiscal_year: 2025, program_id: expect.not.stringMatching(s.program["D-1"]) },
      { type: "dispatch_completed", fiscal_year: 2026, program_id: s.program["D-1"] },
    ]);
  });
});
