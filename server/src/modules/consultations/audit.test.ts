import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/index.js";
import { insertMissing } from "../dispatch/frames.repository.js";
import { countOf, type Kit, makeKit } from "./consultations.test-kit.js";
import { importConsultations } from "./index.js";

/**
 * An auditor's probe of the support records through the real API: the confidential wall in every
 * list, total, search, export and timeline; per-company dispatch caps raced across 名寄せ records;
 * the referral state machine; the CSV import's refusals; and the access matrix of each endpoint.
 */
let k: Kit;
let outsider: Session;
let kyogikaiManager: Session;
let expertId: string;
const missing = "00000000-0000-4000-8000-000000000000";
/** A word that appears only in the confidential record's notes. */
const SECRET = "債務超過の再生計画";

beforeAll(async () => {
  k = await makeKit();
  const other = await makeOrg(k.t.database.db);
  outsider = await signIn(k.t.app, await makeUser(k.t.database.db, other, { role: "admin" }));
  kyogikaiManager = await signIn(
    k.t.app,
    await makeUser(k.t.database.db, k.s.org, { role: "manager", departmentIds: [k.s.dept.kyogikai] }),
  );
  expertId = (await k.as.keieiManager.post("/api/experts", { name: "監査 太郎" })).json().id;
});
afterAll(() => k.t.close());

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => k.rows<T>(q);
const company = async (name: string) =>
  (await createCompany(k.t.database.db, systemActor(k.s.org.id, "test"), { name })).id;

async function frame(name: string, cap: number | null, perCompanyCap: number | null, programId: string) {
  await insertMissing(k.t.database.db, k.s.org.id, 2026, [{ programId, name, cap, perCompanyCap }]);
  const [r] = await rows<{ id: string }>(
    sql`select id from dispatch_frames where org_id = ${k.s.org.id} and program_id = ${programId} and name = ${name}`,
  );
  return r?.id as string;
}

/** Everything a reader outside 協議会 sees about the business and the staff member, as comparable values. */
async function outsideView(who: Session, companyId: string, staffUserId: string) {
  const page = (res: { statusCode: number; json(): { total: number; items: { id: string }[] } }) => {
    expect(res.statusCode).toBe(200);
    const body = res.json();
    return { total: body.total, ids: body.items.map((i) => i.id).sort() };
  };
  const timeline = (await who.get(`/api/companies/${companyId}/timeline?pageSize=200`)).json();
  const csv = await who.get("/api/consultations/export.csv");
  const mine = await who.get("/api/consultations/follow-ups?scope=mine");
  return {
    all: page(await who.get("/api/consultations?pageSize=200")),
    byCompany: page(await who.get(`/api/consultations?companyId=${companyId}&pageSize=200`)),
    byName: page(await who.get(`/api/consultations?q=${encodeURIComponent("監査対象工業")}&pageSize=200`)),
    bySecret: page(await who.get(`/api/consultations?q=${encodeURIComponent(SECRET)}&pageSize=200`)),
    byStaff: page(await who.get(`/api/consultations?staffUserId=${staffUserId}&pageSize=200`)),
    byKyogikai: page(await who.get(`/api/consultations?departmentId=${k.s.dept.kyogikai}&pageSize=200`)),
    byProgramR: page(await who.get(`/api/consultations?programId=${k.s.program.R}&pageSize=200`)),
    csvLines: csv.body.split("\r\n").length,
    csvHasSecret: csv.body.includes(SECRET),
    followUps: (mine.json().items as { consultation: { id: string } }[]).map((i) => i.consultation.id).sort(),
    timelineTotal: timeline.total,
    timelineIds: (timeline.items as { id: string }[]).map((i) => i.id).sort(),
    timelineHasSecret: JSON.stringify(timeline.items).includes(SECRET),
    referrals: page(await who.get(`/api/referrals?box=all&companyId=${companyId}&pageSize=200`)),
    dispatches: page(await who.get(`/api/dispatches?companyId=${companyId}&pageSize=200`)),
    frames: (await who.get("/api/dispatch/frames?fiscalYear=2026")).json().items.length,
  };
}

describe("the confidential wall, counted", () => {
  it("when 協議会 records a case, refers it and dispatches an expert for a business others also support, then no list, total, search, export, worklist or timeline outside 協議会 changes by a single record", async () => {
    const c = await company("監査対象工業株式会社");
    // The business is an open よろず client too.
    const open = await k.as.yorozuStaff.post("/api/consultations", k.input({ companyId: c, followUpOn: "2026-06-01" }));
    expect(open.statusCode).toBe(201);
    const f = await frame("再生枠（監査）", 5, 3, k.s.program.R);
    const readers = {
      yorozuStaff: k.as.yorozuStaff,
      admin: k.as.admin,
      keieiManager: k.as.keieiManager,
      viewer: k.as.viewer,
    };
    const before: Record<string, unknown> = {};
    for (const [name, who] of Object.entries(readers))
      before[name] = await outsideView(who, c, k.s.users.yorozuStaff.id);

    // 協議会 names a よろず coordinator on its record (they attended), with a follow-up date.
    const secret = await k.as.kyogikaiStaff.post(
      "/api/consultations",
      k.input({
        companyId: c,
        programId: k.s.program.R,
        staffUserIds: [k.s.users.kyogikaiStaff.id, k.s.users.yorozuStaff.id],
        notes: `${SECRET}。金融機関との調整`,
        followUpOn: "2026-06-02",
        status: "resolved",
      }),
    );
    expect(secret.statusCode).toBe(201);
    expect(secret.json().confidential).toBe(true);
    const ref = await k.as.kyogikaiStaff.post("/api/referrals", {
      companyId: c,
      programId: k.s.program.R,
      target: { kind: "agency", agency: "商工会" },
      reason: `${SECRET}の件で商工会へ`,
      sentOn: "2026-05-20",
    });
    expect(ref.statusCode).toBe(201);
    const disp = await k.as.kyogikaiStaff.post("/api/dispatches", {
      frameId: f,
      companyId: c,
      expertId,
      scheduledOn: "2026-06-10",
      minutes: 90,
      feeYen: 45000,
      companyShareYen: 5000,
      purpose: `${SECRET}の診断`,
    });
    expect(disp.statusCode).toBe(201);

    for (const [name, who] of Object.entries(readers)) {
      const after = await outsideView(who, c, k.s.users.yorozuStaff.id);
      expect({ name, ...after }).toEqual({ name, ...(before[name] as object) });
    }
    // The timeline names the department to ask, and nothing else.
    const tl = (await k.as.admin.get(`/api/companies/${c}/timeline`)).json();
    expect(tl.confidentialNotices.map((n: { departmentName: string }) => n.departmentName)).toEqual([
      "中小企業活性化協議会",
    ]);
    // Direct reads are 404, like a missing id.
    for (const who of Object.values(readers)) {
      expect((await who.get(`/api/consultations/${secret.json().id}`)).statusCode).toBe(404);
      expect((await who.get(`/api/referrals/${ref.json().id}`)).statusCode).toBe(404);
      expect((await who.get(`/api/dispatches/${disp.json().id}`)).statusCode).toBe(404);
    }
    // 協議会 itself sees all three, and the よろず coordinator's record in its own list.
    const own = await outsideView(kyogikaiManager, c, k.s.users.yorozuStaff.id);
    expect(own.byCompany.ids).toContain(secret.json().id);
    expect(own.bySecret.ids).toEqual([secret.json().id]);
    expect(own.referrals.ids).toContain(ref.json().id);
    expect(own.dispatches.ids).toEqual([disp.json().id]);
  });

  it("when the audit log is read by an admin outside 協議会, then confidential consultations and referrals show which fields changed but no notes or reasons", async () => {
    const c = await company("監査ログ確認商店");
    const rec = await k.as.kyogikaiStaff.post(
      "/api/consultations",
      k.input({ companyId: c, programId: k.s.program.R, staffUserIds: [k.s.users.kyogikaiStaff.id], notes: SECRET }),
    );
    expect(rec.statusCode).toBe(201);
    const edited = await k.as.kyogikaiStaff.patch(`/api/consultations/${rec.json().id}`, {
      version: 1,
      notes: `${SECRET}（追記）`,
      nextAction: `${SECRET}の次回面談`,
    });
    expect(edited.statusCode).toBe(200);
    const ref = await k.as.kyogikaiStaff.post("/api/referrals", {
      companyId: c,
      programId: k.s.program.R,
      target: { kind: "department", departmentId: k.s.dept.yorozu },
      reason: SECRET,
      sentOn: "2026-05-21",
    });
    expect(ref.statusCode).toBe(201);
    for (const entity of ["consultation", "referral"]) {
      const log = await k.as.admin.get(`/api/audit?entity=${entity}&pageSize=200`);
      expect(log.statusCode).toBe(200);
      expect(log.body).not.toContain(SECRET);
    }
    // Staff may not read the audit log at all.
    expect((await k.as.yorozuStaff.get("/api/audit")).statusCode).toBe(404);
  });
});

describe("editing across the wall", () => {
  it("when よろず staff or an admin outside 協議会 move an open record into the confidential program, then 404 and it stays as it was", async () => {
    const rec = (await k.as.yorozuStaff.post("/api/consultations", k.input({ notes: "移動の試み" }))).json();
    for (const who of [k.as.yorozuStaff, k.as.admin]) {
      const res = await who.patch(`/api/consultations/${rec.id}`, { version: rec.version, programId: k.s.program.R });
      expect(res.statusCode).toBe(404);
    }
    const now = (await k.as.yorozuStaff.get(`/api/consultations/${rec.id}`)).json();
    expect(now).toMatchObject({ version: rec.version, confidential: false, program: { id: k.s.program.Y } });
  });

  it("when 協議会 moves its confidential record to an open program it cannot write, then 404; the record and its facts stay confidential", async () => {
    const rec = (
      await k.as.kyogikaiStaff.post(
        "/api/consultations",
        k.input({ programId: k.s.program.R, staffUserIds: [k.s.users.kyogikaiStaff.id] }),
      )
    ).json();
    const res = await k.as.kyogikaiStaff.patch(`/api/consultations/${rec.id}`, {
      version: rec.version,
      programId: k.s.program.Y,
    });
    expect(res.statusCode).toBe(404);
    const facts = await rows<{ confidential: boolean }>(
      sql`select confidential from activities where source_id = ${rec.id} and voided_at is null`,
    );
    expect(facts.map((f) => f.confidential)).toEqual([true]);
  });
});

describe("access matrix of the consultation endpoints", () => {
  it("when a viewer, another department, another organization, a missing id or a malformed body is used, then 404 / 404 / 404 / 404 / 400, and nothing is written", async () => {
    const rec = (await k.as.yorozuStaff.post("/api/consultations", k.input({ followUpOn: "2026-06-01" }))).json();
    const before = { records: await countOf(k, "consultations"), facts: await countOf(k, "activities") };
    const id = rec.id as string;
    const edit = { version: rec.version, notes: "書き換え" };
    // Reading is shared across the center; a viewer and another department read it.
    for (const who of [k.as.viewer, k.as.keieiStaff])
      expect((await who.get(`/api/consultations/${id}`)).statusCode).toBe(200);
    for (const who of [k.as.viewer, k.as.keieiStaff, k.as.keieiManager, outsider]) {
      expect((await who.patch(`/api/consultations/${id}`, edit)).statusCode).toBe(404);
      expect((await who.post(`/api/consultations/${id}/follow-up-done`, { version: rec.version })).statusCode).toBe(
        404,
      );
    }
    expect((await k.as.viewer.post("/api/consultations", k.input())).statusCode).toBe(404);
    expect((await outsider.get(`/api/consultations/${id}`)).statusCode).toBe(404);
    expect((await outsider.get("/api/consultations")).json().total).toBe(0);
    expect((await outsider.get("/api/consultations/export.csv")).body.split("\r\n").filter(Boolean)).toHaveLength(1);
    expect((await outsider.get(`/api/companies/${k.company.fukushima}/timeline`)).statusCode).toBe(404);
    expect((await k.as.yorozuStaff.get(`/api/consultations/${missing}`)).statusCode).toBe(404);
    expect((await k.as.yorozuStaff.patch(`/api/consultations/${missing}`, edit)).statusCode).toBe(404);
    expect((await k.as.yorozuStaff.get("/api/consultations/not-a-uuid")).statusCode).toBe(400);
    for (const body of [
      { ...k.input(), occurredOn: "2026-13-01" },
      { ...k.input(), staffUserIds: [] },
      { ...k.input(), channel: "carrier-pigeon" },
      { ...k.input(), durationMinutes: 1.5 },
      { ...k.input(), startTime: "25:00" },
    ]) {
      const res = await k.as.yorozuStaff.post("/api/consultations", body);
      expect(res.statusCode).toBe(400);
    }
    expect((await k.as.yorozuStaff.patch(`/api/consultations/${id}`, { notes: "版なし" })).statusCode).toBe(400);
    // Without the CSRF header a signed-in write is refused.
    const noCsrf = await k.as.yorozuStaff.request("POST", "/api/consultations", k.input(), { csrf: false });
    expect(noCsrf.statusCode).toBeGreaterThanOrEqual(400);
    expect(noCsrf.statusCode).toBeLessThan(500);
    expect({ records: await countOf(k, "consultations"), facts: await countOf(k, "activities") }).toEqual(before);
  });
});

describe("per-company dispatch caps raced across 名寄せ records", () => {
  it("when 30 requests for two records of one merged business race against perCompanyCap 3, then exactly 3 succeed and the frame counts 3", async () => {
    const f = await frame("名寄せ競合枠", 50, 3, k.s.program["D-1"]);
    const a = await company("競合精機株式会社");
    const b = await company("競合精機（株）本社");
    const merged = await k.as.admin.post("/api/companies/merge", { companyIds: [a, b] });
    expect(merged.statusCode).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        k.as.keieiStaff.post("/api/dispatches", {
          frameId: f,
          companyId: i % 2 === 0 ? a : b,
          expertId,
          scheduledOn: "2026-07-01",
          minutes: 60,
          feeYen: 20000,
          companyShareYen: 0,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 409)).toHaveLength(27);
    const [used] = await rows<{ used: number; n: number }>(sql`
      select f.used, (select count(*)::int from dispatches d where d.frame_id = f.id and d.status not in ('rejected','cancelled')) as n
        from dispatch_frames f where f.id = ${f}`);
    expect(used).toEqual({ used: 3, n: 3 });
  });
});

describe("the referral state machine", () => {
  it("when a referral is answered out of order, twice, by the sender or by a third department, then it is refused and its facts stay as they were", async () => {
    const sent = await k.as.yorozuStaff.post("/api/referrals", {
      companyId: k.company.aizu,
      programId: k.s.program.Y,
      target: { kind: "department", departmentId: k.s.dept.keiei },
      reason: "販路開拓の支援依頼",
      sentOn: "2026-05-10",
    });
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id as string;
    const facts = () =>
      rows<{ type: string }>(
        sql`select type from activities where source_id = ${id} and voided_at is null order by type`,
      ).then((r) => r.map((x) => x.type));
    // Completing before accepting.
    const early = await k.as.keieiStaff.post(`/api/referrals/${id}/transition`, {
      action: "complete",
      on: "2026-05-12",
      version: 1,
    });
    expect(early.statusCode).toBe(409);
    // The sender, a viewer and 協議会 cannot answer for 経営支援課.
    for (const who of [k.as.yorozuStaff, k.as.viewer, k.as.kyogikaiStaff, outsider]) {
      const res = await who.post(`/api/referrals/${id}/transition`, { action: "accept", on: "2026-05-11", version: 1 });
      expect(res.statusCode).toBe(404);
    }
    // 協議会 staff cannot read 経営支援課's queue; they see their own (empty of it).
    expect((await k.as.kyogikaiStaff.get(`/api/referrals?departmentId=${k.s.dept.keiei}`)).statusCode).toBe(404);
    const keieiQueue = (await k.as.keieiStaff.get("/api/referrals?box=incoming")).json();
    expect(keieiQueue.items.map((r: { id: string }) => r.id)).toContain(id);
    const accepted = await k.as.keieiStaff.post(`/api/referrals/${id}/transition`, {
      action: "accept",
      on: "2026-05-11",
      version: 1,
    });
    expect(accepted.statusCode).toBe(200);
    for (const action of ["accept", "decline"]) {
      const res = await k.as.keieiStaff.post(`/api/referrals/${id}/transition`, {
        action,
        on: "2026-05-12",
        note: "理由",
        version: 2,
      });
      expect(res.statusCode).toBe(409);
    }
    expect(await facts()).toEqual(["referral_accepted", "referral_sent"]);
    const done = await k.as.keieiStaff.post(`/api/referrals/${id}/transition`, {
      action: "complete",
      on: "2026-06-01",
      note: "融資実行",
      version: 2,
    });
    expect(done.statusCode).toBe(200);
    for (const action of ["accept", "decline", "complete"]) {
      const res = await k.as.keieiStaff.post(`/api/referrals/${id}/transition`, {
        action,
        on: "2026-06-02",
        note: "再度",
        version: 3,
      });
      expect(res.statusCode).toBe(409);
    }
    expect(await facts()).toEqual(["referral_accepted", "referral_completed", "referral_sent"]);
    expect(
      (
        await k.as.keieiStaff.post(`/api/referrals/${id}/transition`, {
          action: "finish",
          on: "2026-06-02",
          version: 3,
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe("importing consultations from CSV", () => {
  const HEADER = "date,program_code,company_name,corporate_number,channel,status,topics,staff,notes";
  const KANEKO = "5070001000715";
  let kaneko = "";
  const run = (bytes: Buffer, over: { dryRun?: boolean; createCompanies?: boolean; fileName?: string } = {}) =>
    importConsultations(k.t.database.db, systemActor(k.s.org.id, "test"), {
      bytes,
      fileName: over.fileName ?? "past.csv",
      dryRun: over.dryRun ?? false,
      createCompanies: over.createCompanies ?? false,
    });
  beforeAll(async () => {
    kaneko = (
      await createCompany(k.t.database.db, systemActor(k.s.org.id, "test"), {
        name: "カネコ種苗株式会社",
        corporateNumber: KANEKO,
      })
    ).id;
  });
  const login = async () =>
    (await rows<{ login: string }>(sql`select login from users where id = ${k.s.users.yorozuStaff.id}`))[0]
      ?.login as string;

  it("when rows carry an impossible date, an unknown status, an empty staff cell and a program of no plan, then each is reported by row and column and nothing is stored", async () => {
    const who = await login();
    const lines = [
      HEADER,
      `2026-02-30,Y,カネコ種苗株式会社,${KANEKO},窓口,継続,,${who},存在しない日付`,
      `2026-05-01,Y,カネコ種苗株式会社,${KANEKO},窓口,様子見,,${who},未知の状況`,
      `2026-05-02,Y,カネコ種苗株式会社,${KANEKO},窓口,継続,,,担当なし`,
      `2030-05-02,Y,カネコ種苗株式会社,${KANEKO},窓口,継続,,${who},計画のない年度`,
      `2026-05-03,Y,カネコ種苗株式会社,${KANEKO},窓口,継続,,${who},"改行を
含むメモ, カンマも"`,
    ];
    const before = { records: await countOf(k, "consultations"), facts: await countOf(k, "activities") };
    const report = await run(Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8"));
    expect(report.imported).toBe(0);
    const byRow = report.errors.map((e) => [e.row, e.column]);
    expect(byRow).toEqual(
      expect.arrayContaining([
        [2, "date"],
        [3, "status"],
        [4, "staff"],
        [5, "program_code"],
      ]),
    );
    expect(report.errors.find((e) => e.row === 6)).toBeUndefined();
    expect({ records: await countOf(k, "consultations"), facts: await countOf(k, "activities") }).toEqual(before);
  });

  it("when a CP932 file with a multi-line quoted note is imported, then the note keeps its line break and comma and the row counts once", async () => {
    const who = await login();
    const text = `${HEADER}\r\n2026-05-03,Y,カネコ種苗（株）,${KANEKO},窓口,継続,,${who},"改行を\r\n含むメモ, カンマも①"\r\n`;
    const before = await countOf(k, "consultations");
    const report = await run(iconv.encode(text, "cp932"), { fileName: "sjis.csv" });
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(1);
    expect(await countOf(k, "consultations")).toBe(before + 1);
    const [row] = await rows<{ notes: string; company_id: string }>(
      sql`select notes, company_id from consultations where org_id = ${k.s.org.id} and notes like '改行を%' order by created_at desc limit 1`,
    );
    expect(row?.notes.replace(/\r\n/g, "\n")).toBe("改行を\n含むメモ, カンマも①");
    expect(row?.company_id).toBe(kaneko);
  });

  it("when a dry run is asked, then the report counts the rows and nothing is stored", async () => {
    const who = await login();
    const text = `${HEADER}\r\n2026-05-04,Y,カネコ種苗（株）,${KANEKO},窓口,継続,,${who},試し\r\n`;
    const before = { records: await countOf(k, "consultations"), facts: await countOf(k, "activities") };
    const report = await run(Buffer.from(text, "utf8"), { dryRun: true });
    expect(report.errors).toEqual([]);
    expect(report.dryRun).toBe(true);
    expect({ records: await countOf(k, "consultations"), facts: await countOf(k, "activities") }).toEqual(before);
  });
});
