import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";

let t: TestContext;
let s: SupportOrg;
let manager: Session;
let admin: Session;
let staff: Session;
let viewer: Session;
let outsider: Session;

beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  [manager, admin, staff, viewer] = await Promise.all([
    signIn(t.app, s.users.keieiManager),
    signIn(t.app, s.users.admin),
    signIn(t.app, s.users.keieiStaff),
    signIn(t.app, s.users.viewer),
  ]);
  const other = await makeOrg(t.database.db);
  outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
});
afterAll(() => t.close());

const rows = async <T>(q: SQL) => (await t.database.db.execute(q)).rows as T[];
const missing = "00000000-0000-4000-8000-000000000000";

const sato = {
  name: "佐藤 一郎",
  nameKana: "サトウ イチロウ",
  specialties: ["事業承継", "財務改善"],
  qualifications: ["中小企業診断士", "税理士"],
  organization: "佐藤経営事務所",
  phone: "024-000-0000",
  email: "sato@example.jp",
  feePerDispatchYen: 30000,
  feePerHourYen: 10000,
  conflictNotes: "株式会社佐藤商店（親族経営）には派遣しない",
};

describe("the expert registry", () => {
  let id: string;

  it("when a manager registers an expert, then 201 with integer yen fees and an audit entry", async () => {
    const res = await manager.post("/api/experts", sato);
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ ...sato, active: true });
    id = e.id;
    const audit = await rows<{ action: string }>(
      sql`select action from audit_log where entity = 'expert' and entity_id = ${id}`,
    );
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    const [row] = await rows<{ fee: string | number }>(
      sql`select fee_per_dispatch_yen as fee from experts where id = ${id}`,
    );
    expect(Number(row?.fee)).toBe(30000);
  });

  it("when an admin registers one with only a name, then the lists default to empty and it is active", async () => {
    const res = await admin.post("/api/experts", { name: "鈴木 花子", qualifications: ["社会保険労務士"] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      specialties: [],
      qualifications: ["社会保険労務士"],
      active: true,
      phone: null,
    });
  });

  it("when staff or a viewer register an expert, then 404 and nothing is written", async () => {
    expect((await staff.post("/api/experts", { name: "職員登録" })).statusCode).toBe(404);
    expect((await viewer.post("/api/experts", { name: "閲覧者登録" })).statusCode).toBe(404);
    expect(await rows(sql`select id from experts where name in ('職員登録', '閲覧者登録')`)).toHaveLength(0);
  });

  it("when the body is malformed, then 400 names the field", async () => {
    const noName = await manager.post("/api/experts", { phone: "1" });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details[0].field).toBe("name");
    const fee = await manager.post("/api/experts", { name: "x", feePerHourYen: 1000.5 });
    expect(fee.statusCode).toBe(400);
    expect(fee.json().error.details[0].field).toBe("feePerHourYen");
  });

  it("when anyone signed in searches, then name, kana, specialty, qualification and active filter the list", async () => {
    for (const who of [viewer, staff]) {
      const all = (await who.get("/api/experts")).json().items.map((e: { name: string }) => e.name);
      expect(all).toEqual(expect.arrayContaining(["佐藤 一郎", "鈴木 花子"]));
    }
    const names = async (qs: string) =>
      (await viewer.get(`/api/experts?${qs}`)).json().items.map((e: { name: string }) => e.name);
    expect(await names(`q=${encodeURIComponent("サトウ")}`)).toEqual(["佐藤 一郎"]);
    expect(await names(`q=${encodeURIComponent("事業承継")}`)).toEqual(["佐藤 一郎"]);
    expect(await names(`qualification=${encodeURIComponent("社会保険労務士")}`)).toEqual(["鈴木 花子"]);
    expect(await names("q=%25")).toEqual([]);
    expect(await names("active=false")).toEqual([]);
  });

  it("when a manager changes one field, then the others keep their values and the change is audited", async () => {
    const res = await manager.patch(`/api/experts/${id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      active: false,
      specialties: sato.specialties,
      qualifications: sato.qualifications,
    });
    const fee = await manager.patch(`/api/experts/${id}`, { feePerHourYen: 12000 });
    expect(fee.json()).toMatchObject({ active: false, feePerHourYen: 12000, email: sato.email });
    const audit = await rows<{ changes: { field: string }[] }>(
      sql`select changes from audit_log where entity = 'expert' and entity_id = ${id} and action = 'update' order by seq`,
    );
    expect(audit.map((a) => a.changes.map((c) => c.field))).toEqual([["active"], ["feePerHourYen"]]);
    const inactive = (await viewer.get("/api/experts?active=false")).json().items.map((e: { id: string }) => e.id);
    expect(inactive).toEqual([id]);
  });

  it("when staff change an expert, then 404 and the record is unchanged", async () => {
    expect((await staff.patch(`/api/experts/${id}`, { name: "改ざん" })).statusCode).toBe(404);
    expect((await viewer.get(`/api/experts/${id}`)).json().name).toBe("佐藤 一郎");
  });

  it("when another organization reads or changes the expert, then 404 as if it did not exist", async () => {
    expect((await outsider.get(`/api/experts/${id}`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/experts/${id}`, { name: "他組織" })).statusCode).toBe(404);
    expect((await outsider.get("/api/experts")).json().items).toEqual([]);
    expect((await viewer.get(`/api/experts/${id}`)).json().name).toBe("佐藤 一郎");
  });

  it("when the id is unknown or not a uuid, then 404 and 400", async () => {
    expect((await viewer.get(`/api/experts/${missing}`)).statusCode).toBe(404);
    expect((await manager.patch(`/api/experts/${missing}`, { name: "x" })).statusCode).toBe(404);
    expect((await viewer.get("/api/experts/abc")).statusCode).toBe(400);
  });
});
