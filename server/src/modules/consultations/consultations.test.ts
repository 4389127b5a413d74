import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOf, factsOf, type Kit, makeKit } from "./consultations.test-kit.js";

let k: Kit;
beforeAll(async () => {
  k = await makeKit();
});
afterAll(() => k.t.close());

describe("recording a consultation", () => {
  it("when よろず staff record a window consultation, then it is stored with its coordinator, one fact and an audit entry", async () => {
    const res = await k.as.yorozuStaff.post("/api/consultations", k.input({ durationMinutes: 60 }));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      companyId: k.company.fukushima,
      companyName: "株式会社ふくしま精密",
      program: { id: k.s.program.Y, code: "Y", fiscalYear: 2026 },
      department: { id: k.s.dept.yorozu, name: "よろず支援拠点" },
      channel: "window",
      staff: [{ id: k.s.users.yorozuStaff.id }],
      topics: ["資金繰り"],
      status: "ongoing",
      confidential: false,
      version: 1,
    });
    const facts = await factsOf(k, c.id);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      type: "consultation",
      outcome: "ongoing",
      department_id: k.s.dept.yorozu,
      company_id: k.company.fukushima,
      fiscal_year: 2026,
      confidential: false,
      voided_at: null,
      attributes: { channel: "window", topics: ["資金繰り"], durationMinutes: 60, staffCount: 1 },
    });
    const staff = await k.rows(sql`select user_id from consultation_staff where consultation_id = ${c.id}`);
    expect(staff).toEqual([{ user_id: k.s.users.yorozuStaff.id }]);
    const audit = await k.rows(sql`select action from audit_log where entity = 'consultation' and entity_id = ${c.id}`);
    expect(audit).toEqual([{ action: "create" }]);
  });

  it("when the consultation is a visit, then the fact is a visit and the visit details are kept", async () => {
    const res = await k.as.yorozuStaff.post(
      "/api/consultations",
      k.input({ channel: "visit", visit: { purpose: "受注情報の確認", interviewee: "代表取締役 佐藤" } }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().visit).toMatchObject({ purpose: "受注情報の確認", interviewee: "代表取締役 佐藤" });
    expect((await factsOf(k, res.json().id)).map((f) => f.type)).toEqual(["visit"]);
  });

  it.each([
    ["resolved", ["consultation", "issue_resolved"]],
    ["completed", ["consultation", "support_completed"]],
    ["referred", ["consultation"]],
  ])("when the status is %s, then the facts are %j", async (status, types) => {
    const res = await k.as.yorozuStaff.post("/api/consultations", k.input({ status: status as "resolved" }));
    expect(res.statusCode).toBe(201);
    const facts = await factsOf(k, res.json().id);
    expect(facts.map((f) => f.type).sort()).toEqual(types);
    for (const f of facts.filter((x) => x.type !== "consultation"))
      expect(f.attributes).toEqual({ topics: ["資金繰り"] });
  });

  it("when a person without a business (創業予定者) consults, then the record and its fact name the person", async () => {
    const res = await k.as.yorozuStaff.post(
      "/api/consultations",
      k.input({ companyId: null, personName: "山田 花子", topics: ["創業"] }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ companyId: null, companyName: null, personName: "山田 花子" });
    const [fact] = await factsOf(k, res.json().id);
    expect(fact).toMatchObject({ company_id: null });
  });

  it.each([
    ["outreach without a location", { channel: "outreach" }, "location"],
    ["visit details on a phone call", { channel: "phone", visit: { purpose: "x" } }, "visit"],
    ["a follow-up before the consultation", { followUpOn: "2026-05-01" }, "followUpOn"],
    ["a topic the organization does not have", { topics: ["占い"] }, "topics"],
    ["neither a business nor a person", { companyId: null }, "companyId"],
    ["a business of no one", { companyId: randomUUID() }, "companyId"],
    ["a program of no one", { programId: randomUUID() }, "programId"],
    ["a department that does not run the program", { departmentId: "DEPT_KEIEI" }, "departmentId"],
    ["a coordinator who is not a user", { staffUserIds: [randomUUID()] }, "staffUserIds"],
    ["no coordinator", { staffUserIds: [] }, "staffUserIds"],
    ["a malformed start time", { startTime: "1:30pm" }, "startTime"],
    ["an unknown channel", { channel: "fax" }, "channel"],
  ])("when the input has %s, then 400 names the field and nothing is stored", async (_what, over, field) => {
    const before = await countOf(k, "consultations");
    const o = { ...over } as Record<string, unknown>;
    if (o.departmentId === "DEPT_KEIEI") o.departmentId = k.s.dept.keiei;
    const res = await k.as.yorozuStaff.post("/api/consultations", k.input(o));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe(field);
    expect(await countOf(k, "consultations")).toBe(before);
  });

  it("when the topic is unknown or the department wrong, then the message names the topic or the program's departments", async () => {
    const topic = await k.as.yorozuStaff.post("/api/consultations", k.input({ topics: ["資金繰り", "占い"] }));
    expect(topic.json().error.details[0].message).toContain("占い");
    const dept = await k.as.yorozuStaff.post("/api/consultations", k.input({ departmentId: k.s.dept.keiei }));
    expect(dept.json().error.details[0].message).toContain("よろず支援拠点");
  });

  it("when the date falls in the previous fiscal year of the program, then 400 on occurredOn and no record or fact remains", async () => {
    const records = await countOf(k, "consultations");
    const facts = await countOf(k, "activities");
    const res = await k.as.yorozuStaff.post("/api/consultations", k.input({ occurredOn: "2026-03-31" }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("occurredOn");
    expect(await countOf(k, "consultations")).toBe(records);
    expect(await countOf(k, "activities")).toBe(facts);
    const firstDay = await k.as.yorozuStaff.post("/api/consultations", k.input({ occurredOn: "2026-04-01" }));
    expect(firstDay.statusCode).toBe(201);
    const lastYear = await k.as.yorozuStaff.post(
      "/api/consultations",
      k.input({ occurredOn: "2026-03-31", programId: k.s.program2025.Y }),
    );
    expect(lastYear.statusCode).toBe(201);
    expect((await factsOf(k, lastYear.json().id))[0]?.fiscal_year).toBe(2025);
  });

  it("when the audit entry fails after the record and its fact were written, then neither the record nor the fact remains", async () => {
    const db = k.t.database.db;
    await db.execute(sql`create function fail_consultation_audit() returns trigger language plpgsql as $$
      begin if new.entity = 'consultation' then raise exception 'audit refused (test)'; end if; return new; end $$`);
    await db.execute(sql`create trigger fail_consultation_audit before insert on audit_log
      for each row execute function fail_consultation_audit()`);
    const records = await countOf(k, "consultations");
    const facts = await countOf(k, "activities");
    try {
      const res = await k.as.yorozuStaff.post("/api/consultations", k.input({ notes: "ロールバック確認" }));
      expect(res.statusCode).toBe(500);
    } finally {
      await db.execute(sql`drop trigger fail_consultation_audit on audit_log`);
      await db.execute(sql`drop function fail_consultation_audit()`);
    }
    expect(await countOf(k, "consultations")).toBe(records);
    expect(await countOf(k, "activities")).toBe(facts);
    expect(await k.rows(sql`select id from consultations where notes = 'ロールバック確認'`)).toEqual([]);
  });
});

describe("editing a consultation", () => {
  it("when the status becomes 課題解決, then the old fact is voided and replaced, 課題解決 is added and the edit is audited", async () => {
    const c = (await k.as.yorozuStaff.post("/api/consultations", k.input({ notes: "修正前" }))).json();
    const res = await k.as.yorozuStaff.patch(`/api/consultations/${c.id}`, { version: 1, status: "resolved" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "resolved", version: 2, topics: ["資金繰り"], notes: "修正前" });
    const facts = await factsOf(k, c.id);
    const [old, ...rest] = facts;
    expect(old).toMatchObject({ type: "consultation", outcome: "ongoing", void_reason: "相談記録の修正" });
    expect(old?.voided_at).not.toBeNull();
    const replacement = rest.find((f) => f.type === "consultation");
    expect(replacement).toMatchObject({ outcome: "resolved", voided_at: null });
    expect(old?.replaced_by).toBe(replacement?.id);
    expect(rest.find((f) => f.type === "issue_resolved")).toMatchObject({ voided_at: null });
    const audit = await k.rows<{ changes: unknown }>(
      sql`select changes from audit_log where entity = 'consultation' and entity_id = ${c.id} and action = 'update'`,
    );
    expect(audit[0]?.changes).toEqual([{ field: "status", from: "ongoing", to: "resolved" }]);
  });

  it("when an edit comes with a stale version, then 409 on version says to reload and nothing changes", async () => {
    const c = (await k.as.yorozuStaff.post("/api/consultations", k.input())).json();
    expect((await k.as.yorozuManager.patch(`/api/consultations/${c.id}`, { version: 1, notes: "先" })).statusCode).toBe(
      200,
    );
    const stale = await k.as.yorozuStaff.patch(`/api/consultations/${c.id}`, { version: 1, notes: "後" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0]).toMatchObject({
      field: "version",
      message: "他の人が先に保存しました。画面を再読み込みしてから修正してください",
    });
    expect((await k.as.yorozuStaff.get(`/api/consultations/${c.id}`)).json()).toMatchObject({
      notes: "先",
      version: 2,
    });
  });

  it("when a topic was archived after it was recorded, then an edit keeps it but a new record cannot use it", async () => {
    const c = (await k.as.yorozuStaff.post("/api/consultations", k.input({ topics: ["知財"] }))).json();
    const vocab = (await k.as.admin.get("/api/vocab?kind=topic")).json().items;
    const ip = vocab.find((v: { name: string }) => v.name === "知財");
    expect((await k.as.admin.patch(`/api/vocab/${ip.id}`, { archived: true })).statusCode).toBe(200);
    const edit = await k.as.yorozuStaff.patch(`/api/consultations/${c.id}`, {
      version: 1,
      topics: ["知財", "人材"],
      status: "completed",
    });
    expect(edit.statusCode).toBe(200);
    expect((await factsOf(k, c.id)).find((f) => f.type === "support_completed")?.attributes).toEqual({
      topics: ["知財", "人材"],
    });
    const fresh = await k.as.yorozuStaff.post("/api/consultations", k.input({ topics: ["知財"] }));
    expect(fresh.statusCode).toBe(400);
    expect(fresh.json().error.details[0].field).toBe("topics");
  });

  it("when the date is moved across the fiscal year, then 400 on occurredOn and the record and facts stay as they were", async () => {
    const c = (await k.as.yorozuStaff.post("/api/consultations", k.input())).json();
    const res = await k.as.yorozuStaff.patch(`/api/consultations/${c.id}`, { version: 1, occurredOn: "2027-04-01" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("occurredOn");
    expect((await k.as.yorozuStaff.get(`/api/consultations/${c.id}`)).json().version).toBe(1);
    expect((await factsOf(k, c.id)).every((f) => f.voided_at === null)).toBe(true);
  });

  it("when the body lacks the version or the record is missing, then 400 on version or 404", async () => {
    const c = (await k.as.yorozuStaff.post("/api/consultations", k.input())).json();
    const bad = await k.as.yorozuStaff.patch(`/api/consultations/${c.id}`, { notes: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("version");
    const missing = await k.as.yorozuStaff.patch(`/api/consultations/${randomUUID()}`, { version: 1, notes: "x" });
    expect(missing.statusCode).toBe(404);
    expect((await k.as.yorozuStaff.get(`/api/consultations/${randomUUID()}`)).statusCode).toBe(404);
    expect((await k.as.yorozuStaff.get("/api/consultations/not-an-id")).statusCode).toBe(400);
  });
});

describe("listing consultations", () => {
  let ids: { a: string; b: string; c: string };
  beforeAll(async () => {
    const post = async (over: Parameters<Kit["input"]>[0]) =>
      (await k.as.keieiStaff.post("/api/consultations", k.input({ programId: k.s.program.K, ...over }))).json().id;
    ids = {
      a: await post({
        occurredOn: "2026-06-01",
        companyId: k.company.aizu,
        notes: "漆器の販路開拓",
        staffUserIds: [k.s.users.keieiStaff.id],
      }),
      b: await post({
        occurredOn: "2026-06-03",
        companyId: null,
        personName: "ｻﾄｳ ｲﾁﾛｳ",
        notes: null,
        staffUserIds: [k.s.users.keieiStaff.id, k.s.users.keieiManager.id],
        status: "resolved",
      }),
      c: await post({ occurredOn: "2026-06-02", notes: "ＩＴ導入の補助金", staffUserIds: [k.s.users.keieiManager.id] }),
    };
  });

  it("when a department's list is asked, then it comes newest first with its total", async () => {
    const res = await k.as.viewer.get(`/api/consultations?departmentId=${k.s.dept.keiei}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { id: string }) => c.id)).toEqual([ids.b, ids.c, ids.a]);
    expect(res.json().total).toBe(3);
    const page2 = (await k.as.viewer.get(`/api/consultations?departmentId=${k.s.dept.keiei}&pageSize=2&page=2`)).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((c: { id: string }) => c.id)).toEqual([ids.a]);
  });

  it.each([
    ["q=漆器", ["a"]],
    [`q=${encodeURIComponent("会津")}`, ["a"]],
    [`q=${encodeURIComponent("サトウ")}`, ["b"]],
    [`q=${encodeURIComponent("it導入")}`, ["c"]],
    ["status=resolved", ["b"]],
    ["from=2026-06-02&to=2026-06-02", ["c"]],
    ["staffUserId=MANAGER", ["b", "c"]],
  ])("when filtered by %s, then only %j come", async (query, expected) => {
    const q = query.replace("MANAGER", k.s.users.keieiManager.id).replace("q=漆器", `q=${encodeURIComponent("漆器")}`);
    const res = await k.as.viewer.get(`/api/consultations?departmentId=${k.s.dept.keiei}&${q}`);
    expect(res.statusCode).toBe(200);
    const want = expected.map((x) => ids[x as keyof typeof ids]);
    expect(res.json().items.map((c: { id: string }) => c.id)).toEqual(want);
    expect(res.json().total).toBe(want.length);
  });

  it("when the query is malformed, then 400 names the field", async () => {
    const res = await k.as.viewer.get("/api/consultations?status=maybe");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("status");
  });
});
