import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/companies.service.js";
import { mergeCompanies, undoMerge } from "../companies/dedupe.service.js";
import { type SupportProgram, supportProgram } from "../plans/index.js";
import { type FactInput, recordFact, syncFacts } from "./activities.service.js";

let t: TestContext;
let s: SupportOrg;
let Y: SupportProgram;
let R: SupportProgram;
let Y2025: SupportProgram;
beforeAll(async () => {
  t = await createTestContext();
  s = await makeSupportOrg(t.database.db);
  const p = (id: string) => supportProgram(t.database.db, s.org.id, id) as Promise<SupportProgram>;
  [Y, R, Y2025] = await Promise.all([p(s.program.Y), p(s.program.R), p(s.program2025.Y)]);
});
afterAll(() => t.close());

const sys = () => systemActor(s.org.id, "test");
const rows = async <T>(q: SQL) => (await t.database.db.execute(q)).rows as T[];
const company = async (name: string) => (await createCompany(t.database.db, sys(), { name })).id;

function consultation(program: SupportProgram, companyId: string, occurredOn: string, outcome = "ongoing"): FactInput {
  return {
    type: "consultation",
    program,
    departmentId: program.departmentIds[0] as string,
    companyId,
    occurredOn,
    outcome,
    attributes: { channel: "window", topics: ["資金繰り"], durationMinutes: 60, staffCount: 1 },
  };
}

describe("recording facts", () => {
  it("when the transaction that wrote a fact fails, then the fact is gone too", async () => {
    const c = await company("ロールバック商事");
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordFact(tx, sys(), { module: "consultations", id: null }, consultation(Y, c, "2026-05-01"));
        throw new Error("the module's own write failed");
      }),
    ).rejects.toThrow("the module's own write failed");
    expect(await rows(sql`select id from activities where company_id = ${c}`)).toHaveLength(0);
  });

  it("when a date falls in another fiscal year than the program's plan, then the date field is refused", async () => {
    const c = await company("年度境界商事");
    const write = (program: SupportProgram, on: string) =>
      t.database.db.transaction((tx) =>
        recordFact(
          tx,
          sys(),
          { module: "consultations", id: null, dateField: "occurredOn" },
          consultation(program, c, on),
        ),
      );
    await expect(write(Y, "2026-03-31")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ field: "occurredOn" }],
    });
    await expect(write(Y2025, "2026-04-01")).rejects.toMatchObject({ details: [{ field: "occurredOn" }] });
    const [a] = await write(Y, "2026-04-01");
    const [b] = await write(Y2025, "2026-03-31");
    expect([a?.fiscalYear, b?.fiscalYear]).toEqual([2026, 2025]);
  });

  it("when a fact of a confidential program is written, then the fact is confidential whoever wrote it", async () => {
    const c = await company("機密フラグ商事");
    const [f] = await t.database.db.transaction((tx) =>
      recordFact(tx, sys(), { module: "consultations", id: null }, consultation(R, c, "2026-06-01")),
    );
    expect(f?.confidential).toBe(true);
  });
});

describe("the fact table is append-only", () => {
  it("when anyone deletes, rewrites or re-voids a fact, then the database refuses; voiding a live fact once is allowed", async () => {
    const c = await company("追記専用商事");
    const [f] = await t.database.db.transaction((tx) =>
      recordFact(tx, sys(), { module: "consultations", id: null }, consultation(Y, c, "2026-07-01")),
    );
    const id = f?.id as string;
    await expect(t.database.db.execute(sql`delete from activities where id = ${id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update activities set quantity = 5 where id = ${id}`)).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`update activities set voided_at = now(), quantity = 5 where id = ${id}`),
    ).rejects.toThrow();
    await t.database.db.execute(sql`update activities set voided_at = now(), void_reason = 'x' where id = ${id}`);
    await expect(
      t.database.db.execute(sql`update activities set void_reason = 'y' where id = ${id}`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate activities`)).rejects.toThrow();
    const [row] = await rows<{ quantity: number; void_reason: string }>(sql`select * from activities where id = ${id}`);
    expect(row).toMatchObject({ quantity: 1, void_reason: "x" });
  });
});

describe("void and replace", () => {
  it("when a record's facts are synced again unchanged, then nothing is written or voided", async () => {
    const c = await company("同期商事");
    const source = { module: "consultations" as const, id: crypto.randomUUID() };
    const first = await t.database.db.transaction((tx) =>
      syncFacts(tx, sys(), source, [consultation(Y, c, "2026-08-01")], "修正"),
    );
    const again = await t.database.db.transaction((tx) =>
      syncFacts(tx, sys(), source, [consultation(Y, c, "2026-08-01")], "修正"),
    );
    expect(first.written).toHaveLength(1);
    expect(again).toEqual({ written: [], voided: [] });
  });

  it("when a record changes, then its old fact is voided, points at its replacement, and only the new one is live", async () => {
    const c = await company("訂正商事");
    const source = { module: "consultations" as const, id: crypto.randomUUID() };
    const { written } = await t.database.db.transaction((tx) =>
      syncFacts(tx, sys(), source, [consultation(Y, c, "2026-08-01")], "修正"),
    );
    const resolved: FactInput = {
      type: "issue_resolved",
      program: Y,
      departmentId: s.dept.yorozu,
      companyId: c,
      occurredOn: "2026-08-02",
      attributes: { topics: ["資金繰り"] },
    };
    const second = await t.database.db.transaction((tx) =>
      syncFacts(tx, sys(), source, [consultation(Y, c, "2026-08-02", "resolved"), resolved], "相談記録の修正"),
    );
    expect(second.voided).toEqual([written[0]?.id]);
    const all = await rows<{
      id: string;
      type: string;
      voided_at: unknown;
      replaced_by: string | null;
      void_reason: string;
    }>(
      sql`select id, type, voided_at, replaced_by, void_reason from activities where source_id = ${source.id} order by created_at, type`,
    );
    const old = all.find((r) => r.id === written[0]?.id);
    const newConsultation = second.written.find((w) => w.type === "consultation");
    expect(old).toMatchObject({ replaced_by: newConsultation?.id, void_reason: "相談記録の修正" });
    expect(
      all
        .filter((r) => r.voided_at === null)
        .map((r) => r.type)
        .sort(),
    ).toEqual(["consultation", "issue_resolved"]);
  });
});

describe("GET /api/companies/:id/timeline", () => {
  let a: string;
  let sibling: string;
  let mergeId: string;
  let sessions: Record<"yorozu" | "kyogikai" | "admin" | "keiei" | "viewer", Session>;

  beforeAll(async () => {
    a = await company("株式会社タイムライン");
    sibling = await company("タイムライン（株）");
    ({ mergeId } = await mergeCompanies(t.database.db, sys(), [a, sibling]));
    await t.database.db.transaction(async (tx) => {
      await recordFact(tx, sys(), { module: "consultations", id: null }, [
        consultation(Y, a, "2026-04-10"),
        consultation(Y, sibling, "2026-05-10", "resolved"),
        consultation(R, a, "2026-06-10"),
      ]);
    });
    sessions = {
      yorozu: await signIn(t.app, s.users.yorozuStaff),
      kyogikai: await signIn(t.app, s.users.kyogikaiStaff),
      admin: await signIn(t.app, s.users.admin),
      keiei: await signIn(t.app, s.users.keieiStaff),
      viewer: await signIn(t.app, s.users.viewer),
    };
  });

  const timeline = async (who: Session, id: string, query = "") => {
    const res = await who.get(`/api/companies/${id}/timeline${query}`);
    return { status: res.statusCode, body: res.json() };
  };

  it("when a department outside the confidential program reads, then it sees the other facts of the business and its 名寄せ sibling, and only a notice naming the department to ask", async () => {
    for (const who of ["yorozu", "keiei", "viewer", "admin"] as const) {
      const { status, body } = await timeline(sessions[who], a);
      expect(status).toBe(200);
      expect(body.items.map((i: { occurredOn: string }) => i.occurredOn)).toEqual(["2026-05-10", "2026-04-10"]);
      expect(body.items.some((i: { confidential: boolean }) => i.confidential)).toBe(false);
      expect(body.confidentialNotices).toEqual([
        expect.objectContaining({
          departmentName: "中小企業活性化協議会",
          message: expect.stringContaining("中小企業活性化協議会"),
        }),
      ]);
      expect(JSON.stringify(body)).not.toContain(s.program.R);
    }
  });

  it("when the confidential program's department reads, then it sees its facts and the read is in the audit log", async () => {
    const before = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'read' and org_id = ${s.org.id}`,
    );
    const { body } = await timeline(sessions.kyogikai, a);
    expect(body.items.map((i: { confidential: boolean }) => i.confidential)).toEqual([true, false, false]);
    expect(body.confidentialNotices).toEqual([]);
    const after = await rows<{ n: number; entity: string; changes: unknown }>(
      sql`select entity, changes from audit_log where action = 'read' and org_id = ${s.org.id} order by seq desc limit 1`,
    );
    expect(
      Number(
        (
          await rows<{ n: number }>(
            sql`select count(*)::int as n from audit_log where action = 'read' and org_id = ${s.org.id}`,
          )
        )[0]?.n,
      ),
    ).toBe(Number(before[0]?.n) + 1);
    expect(after[0]?.entity).toBe("company_timeline");
  });

  it("when siblings=false or filters are given, then only the matching facts come back", async () => {
    expect((await timeline(sessions.yorozu, a, "?siblings=false")).body.items).toHaveLength(1);
    expect((await timeline(sessions.yorozu, a, "?from=2026-05-01")).body.items).toHaveLength(1);
    expect((await timeline(sessions.yorozu, a, "?type=visit")).body.items).toHaveLength(0);
    expect((await timeline(sessions.yorozu, a, `?programId=${s.program.Y}&to=2026-04-30`)).body.total).toBe(1);
  });

  it("when the merge is undone, then the former sibling's history leaves the timeline", async () => {
    await undoMerge(t.database.db, sys(), mergeId);
    expect((await timeline(sessions.yorozu, a)).body.items).toHaveLength(1);
    ({ mergeId } = await mergeCompanies(t.database.db, sys(), [a, sibling]));
    expect((await timeline(sessions.yorozu, a)).body.items).toHaveLength(2);
  });

  it("when the business is missing, of another organization, or the query is malformed, then 404 / 400", async () => {
    expect((await timeline(sessions.yorozu, crypto.randomUUID())).status).toBe(404);
    const other = await makeSupportOrg(t.database.db);
    const outsider = await signIn(t.app, other.users.admin);
    expect((await timeline(outsider, a)).status).toBe(404);
    expect((await timeline(sessions.yorozu, a, "?type=nonsense")).status).toBe(400);
    expect((await timeline(sessions.yorozu, "not-a-uuid")).status).toBe(400);
  });
});
