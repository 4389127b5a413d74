import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/companies.service.js";
import { mergeCompanies } from "../companies/dedupe.service.js";
import { insertMissing } from "./frames.repository.js";

let t: TestContext;
let s: SupportOrg;
let staff: Session;
let manager: Session;
let yorozuStaff: Session;
let viewer: Session;
let outsider: Session;
let expertId: string;
let outsiderCompany: string;

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  [staff, manager, yorozuStaff, viewer] = await Promise.all([
    signIn(t.app, s.users.keieiStaff),
    signIn(t.app, s.users.keieiManager),
    signIn(t.app, s.users.yorozuStaff),
    signIn(t.app, s.users.viewer),
  ]);
  const other = await makeOrg(t.database.db);
  outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
  outsiderCompany = (await createCompany(t.database.db, systemActor(other.id, "test"), { name: "他組織商事" })).id;
  expertId = (await manager.post("/api/experts", { name: "佐藤 一郎", qualifications: ["中小企業診断士"] })).json().id;
});
afterAll(() => t.close());

const rows = async <T>(q: SQL) => (await t.database.db.execute(q)).rows as T[];
const missing = "00000000-0000-4000-8000-000000000000";
const company = async (name: string) =>
  (await createCompany(t.database.db, systemActor(s.org.id, "test"), { name })).id;

/** A frame of D-1 of its own, so that each test starts from known counts. */
async function frame(name: string, cap: number | null, perCompanyCap: number | null = 100) {
  const programId = s.program["D-1"];
  await insertMissing(t.database.db, s.org.id, 2026, [{ programId, name, cap, perCompanyCap }]);
  const [r] = await rows<{ id: string }>(
    sql`select id from dispatch_frames where org_id = ${s.org.id} and program_id = ${programId} and name = ${name}`,
  );
  return r?.id as string;
}
const used = async (frameId: string) =>
  (await rows<{ used: number }>(sql`select used from dispatch_frames where id = ${frameId}`))[0]?.used;
const dispatchCount = async (frameId: string) =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from dispatches where frame_id = ${frameId}`))[0]?.n;
const body = (frameId: string, companyId: string, over: Record<string, unknown> = {}) => ({
  frameId,
  companyId,
  expertId,
  scheduledOn: "2026-06-01",
  minutes: 120,
  feeYen: 30000,
  companyShareYen: 10000,
  purpose: "BCP策定支援",
  ...over,
});

describe("requesting a dispatch", () => {
  it("when staff of the program's department request one, then 201, the slot is taken and it is audited without facts", async () => {
    const f = await frame("申請テスト枠", 5);
    const c = await company("申請テスト商事");
    const res = await staff.post("/api/dispatches", body(f, c));
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      frame: { id: f, name: "申請テスト枠" },
      fiscalYear: 2026,
      program: { id: s.program["D-1"], code: "D-1", name: "専門家派遣制度" },
      department: { id: s.dept.keiei, name: "経営支援課" },
      company: { id: c, name: "申請テスト商事" },
      expert: { id: expertId, name: "佐藤 一郎" },
      scheduledOn: "2026-06-01",
      heldOn: null,
      feeYen: 30000,
      companyShareYen: 10000,
      status: "requested",
      requestedBy: expect.stringContaining(s.users.keieiStaff.login),
      confidential: false,
      version: 1,
    });
    expect(await used(f)).toBe(1);
    expect(await rows(sql`select id from activities where source_id = ${d.id}`)).toEqual([]);
    const audit = await rows<{ action: string }>(
      sql`select action from audit_log where entity = 'dispatch' and entity_id = ${d.id}`,
    );
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    const got = await viewer.get(`/api/dispatches/${d.id}`);
    expect(got.json()).toEqual(d);
  });

  it("when the company, expert, share or date is wrong, then 400 names the field and no slot is taken", async () => {
    const f = await frame("検証枠", 5);
    const c = await company("検証商事");
    const inactive = (await manager.post("/api/experts", { name: "休止中", active: false })).json().id;
    const cases: [Record<string, unknown>, string][] = [
      [{ companyId: outsiderCompany }, "companyId"],
      [{ companyId: missing }, "companyId"],
      [{ expertId: inactive }, "expertId"],
      [{ expertId: missing }, "expertId"],
      [{ feeYen: 10000, companyShareYen: 10001 }, "companyShareYen"],
      [{ scheduledOn: "2027-04-01" }, "scheduledOn"],
      [{ minutes: 0 }, "minutes"],
      [{ feeYen: 1.5 }, "feeYen"],
      [{ frameId: "x" }, "frameId"],
    ];
    for (const [over, field] of cases) {
      const res = await staff.post("/api/dispatches", body(f, c, over));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    }
    const date = await staff.post("/api/dispatches", body(f, c, { scheduledOn: "2026-03-31" }));
    expect(date.json().error.details[0].message).toContain("令和7年度");
    expect([await used(f), await dispatchCount(f)]).toEqual([0, 0]);
  });

  it("when a viewer, staff of another department, another organization or an unknown frame is used, then 404", async () => {
    const f = await frame("権限枠", 5);
    const c = await company("権限商事");
    expect((await viewer.post("/api/dispatches", body(f, c))).statusCode).toBe(404);
    expect((await yorozuStaff.post("/api/dispatches", body(f, c))).statusCode).toBe(404);
    expect((await outsider.post("/api/dispatches", body(f, outsiderCompany))).statusCode).toBe(404);
    expect((await staff.post("/api/dispatches", body(missing, c))).statusCode).toBe(404);
    expect([await used(f), await dispatchCount(f)]).toEqual([0, 0]);
  });
});

describe("caps", () => {
  it("when a frame's cap is reached, then 409 on frameId names the frame, the year and the cap", async () => {
    const f = await frame("上限1回枠", 1);
    expect((await staff.post("/api/dispatches", body(f, await company("一番乗り商事")))).statusCode).toBe(201);
    const res = await staff.post("/api/dispatches", body(f, await company("二番手商事")));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0]).toMatchObject({ field: "frameId" });
    expect(res.json().error.details[0].message).toContain(
      "「上限1回枠」の令和8年度の派遣枠（1回）はすべて使われています",
    );
    expect([await used(f), await dispatchCount(f)]).toEqual([1, 1]);
  });

  it("when one company asks a 4th time against perCompanyCap 3, then 409 on companyId and nothing changes", async () => {
    const f = await frame("事業者上限枠", 10, 3);
    const c = await company("常連商事");
    for (let i = 0; i < 3; i++) expect((await staff.post("/api/dispatches", body(f, c))).statusCode).toBe(201);
    const res = await staff.post("/api/dispatches", body(f, c));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe("companyId");
    expect(res.json().error.details[0].message).toContain(
      "この事業者は「事業者上限枠」を令和8年度すでに3回利用しています（上限3回）",
    );
    expect([await used(f), await dispatchCount(f)]).toEqual([3, 3]);
    expect((await staff.post("/api/dispatches", body(f, await company("新顔商事")))).statusCode).toBe(201);
  });

  it("when the company's 名寄せ sibling already used the limit, then the sibling is refused too", async () => {
    const f = await frame("名寄せ上限枠", 10, 1);
    const a = await company("名寄せ上限商事");
    const b = await company("名寄せ上限商事（旧）");
    await mergeCompanies(t.database.db, systemActor(s.org.id, "test"), [a, b]);
    expect((await staff.post("/api/dispatches", body(f, a))).statusCode).toBe(201);
    const res = await staff.post("/api/dispatches", body(f, b));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe("companyId");
  });

  it("when a manager lowers the cap below the slots used, then 409 on cap naming them; to exactly used, 200", async () => {
    const f = await frame("縮小枠", 5);
    for (const n of ["縮小A", "縮小B"]) await staff.post("/api/dispatches", body(f, await company(n)));
    const res = await manager.patch(`/api/dispatch/frames/${f}`, { cap: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe("cap");
    expect(res.json().error.details[0].message).toContain("2回");
    expect((await rows<{ cap: number }>(sql`select cap from dispatch_frames where id = ${f}`))[0]?.cap).toBe(5);
    const ok = await manager.patch(`/api/dispatch/frames/${f}`, { cap: 2 });
    expect(ok.json()).toMatchObject({ cap: 2, used: 2, remaining: 0 });
  });
});

describe("listing dispatches", () => {
  it("when filtered by frame, company and status, then only those are listed with the total", async () => {
    const f = await frame("一覧枠", 10);
    const a = await company("一覧A商事");
    const b = await company("一覧B商事");
    for (const c of [a, a, b]) await staff.post("/api/dispatches", body(f, c));
    const list = async (qs: string) => (await viewer.get(`/api/dispatches?${qs}`)).json();
    expect((await list(`frameId=${f}`)).total).toBe(3);
    const onlyA = await list(`frameId=${f}&companyId=${a}&pageSize=1`);
    expect([onlyA.total, onlyA.items.length, onlyA.items[0].company.name]).toEqual([2, 1, "一覧A商事"]);
    expect((await list(`frameId=${f}&status=approved`)).total).toBe(0);
    expect((await list(`frameId=${f}&fiscalYear=2025`)).total).toBe(0);
    expect((await list(`frameId=${f}&fiscalYear=2026`)).total).toBe(3);
    expect((await viewer.get("/api/dispatches?status=bogus")).statusCode).toBe(400);
  });

  it("when another organization lists or reads them, then it sees none and 404", async () => {
    const f = await frame("他組織枠", 10);
    const d = (await staff.post("/api/dispatches", body(f, await company("他組織確認商事")))).json();
    expect((await outsider.get("/api/dispatches")).json()).toMatchObject({ items: [], total: 0 });
    expect((await outsider.get(`/api/dispatches/${d.id}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/dispatches/${missing}`)).statusCode).toBe(404);
    expect((await viewer.get("/api/dispatches/nope")).statusCode).toBe(400);
  });
});
