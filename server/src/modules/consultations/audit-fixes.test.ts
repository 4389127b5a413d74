/**
 * Found by an audit of issues 5 and 6 (fixed here): a confidential dispatch's fees, purpose and report
 * in the audit log; a referral naming a consultation its sender may not see; a timeline page past
 * the end; 平成31年 written as 令和元年 before 2019-05-01; a consultation file imported twice.
 */
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeUser, type Session, signIn } from "../../../test/factories.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/index.js";
import { insertMissing } from "../dispatch/frames.repository.js";
import { makeKpiOrg } from "../kpi/kpi.test-kit.js";
import { countOf, type Kit, makeKit } from "./consultations.test-kit.js";
import { importConsultations } from "./index.js";

let k: Kit;
let kyogikaiManager: Session;
let expertId: string;
const SECRET = "債務超過の再生計画";

beforeAll(async () => {
  k = await makeKit();
  kyogikaiManager = await signIn(
    k.t.app,
    await makeUser(k.t.database.db, k.s.org, { role: "manager", departmentIds: [k.s.dept.kyogikai] }),
  );
  expertId = (await k.as.keieiManager.post("/api/experts", { name: "監査 太郎" })).json().id;
});
afterAll(() => k.t.close());

const company = async (name: string) =>
  (await createCompany(k.t.database.db, systemActor(k.s.org.id, "test"), { name })).id;

describe("confidential dispatches in the audit log, hidden consultations named by referrals, paging and 和暦", () => {
  // dispatch.service.ts requestDispatch / dispatch.transitions.ts record
  // diffFields(snapshot(...)) unmasked, unlike consultations (auditChanges) and referrals
  // (maskConfidential). An admin of よろず reads fee, company share, purpose and report text of a
  // 協議会 (confidential) dispatch in GET /api/audit.
  it("when a confidential dispatch is requested and reported, then the audit log read by an admin outside 協議会 holds no amounts, purpose or report text", async () => {
    await insertMissing(k.t.database.db, k.s.org.id, 2026, [
      { programId: k.s.program.R, name: "再生枠", cap: 5, perCompanyCap: 3 },
    ]);
    const [f] = (
      await k.t.database.db.execute(
        sql`select id from dispatch_frames where org_id = ${k.s.org.id} and program_id = ${k.s.program.R}`,
      )
    ).rows as { id: string }[];
    const d = await k.as.kyogikaiStaff.post("/api/dispatches", {
      frameId: f?.id,
      companyId: await company("派遣監査商事"),
      expertId,
      scheduledOn: "2026-06-10",
      minutes: 90,
      feeYen: 45000,
      companyShareYen: 5000,
      purpose: `${SECRET}の診断`,
    });
    expect(d.statusCode).toBe(201);
    const id = d.json().id as string;
    expect(
      (await kyogikaiManager.post(`/api/dispatches/${id}/transition`, { action: "approve", version: 1 })).statusCode,
    ).toBe(200);
    expect(
      (
        await k.as.kyogikaiStaff.post(`/api/dispatches/${id}/transition`, {
          action: "done",
          on: "2026-06-10",
          version: 2,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await k.as.kyogikaiStaff.post(`/api/dispatches/${id}/transition`, {
          action: "report",
          on: "2026-06-12",
          reportText: `${SECRET}の報告`,
          version: 3,
        })
      ).statusCode,
    ).toBe(200);
    // The admin may not open the dispatch itself…
    expect((await k.as.admin.get(`/api/dispatches/${id}`)).statusCode).toBe(404);
    // …but reads its content in the audit log.
    const log = await k.as.admin.get(`/api/audit?entity=dispatch&entityId=${id}&pageSize=200`);
    expect(log.statusCode).toBe(200);
    expect(log.body).not.toContain(SECRET); // actual: purpose and reportText in clear
    expect(log.body).not.toContain("45000"); // actual: feeYen 45000, companyShareYen 5000
  });

  // referrals.service.ts createReferral takes consultationId "on trust" (only the FK is
  // checked): a confidential consultation the sender cannot see is accepted (201) while a missing
  // id is refused (400) — "not found" and "forbidden" differ, and an open referral now links to a
  // 協議会 record. (Another organization's id is refused, 400, like a missing one.)
  it("when よろず staff name a confidential 協議会 consultation as a referral's origin, then 400 consultationId exactly as for a missing one", async () => {
    const secret = (
      await k.as.kyogikaiStaff.post(
        "/api/consultations",
        k.input({ programId: k.s.program.R, staffUserIds: [k.s.users.kyogikaiStaff.id] }),
      )
    ).json();
    expect((await k.as.yorozuStaff.get(`/api/consultations/${secret.id}`)).statusCode).toBe(404);
    const body = (consultationId: string) => ({
      companyId: k.company.aizu,
      programId: k.s.program.Y,
      target: { kind: "department", departmentId: k.s.dept.keiei },
      reason: "probe",
      sentOn: "2026-05-10",
      consultationId,
    });
    const miss = await k.as.yorozuStaff.post("/api/referrals", body("00000000-0000-4000-8000-000000000000"));
    const hidden = await k.as.yorozuStaff.post("/api/referrals", body(secret.id));
    expect(miss.statusCode).toBe(400);
    expect(hidden.statusCode).toBe(miss.statusCode); // actual: 201
  });

  // activities.repository.ts timeline() takes total from count(*) over () of the page's
  // rows: a page past the end has no rows, so total is 0 although the business has facts.
  it("when a company's timeline is paged past its end, then total still counts its facts", async () => {
    const c = await company("ページング確認株式会社");
    for (let i = 0; i < 2; i++)
      expect((await k.as.yorozuStaff.post("/api/consultations", k.input({ companyId: c }))).statusCode).toBe(201);
    const first = (await k.as.yorozuStaff.get(`/api/companies/${c}/timeline?pageSize=1&page=1`)).json();
    const past = (await k.as.yorozuStaff.get(`/api/companies/${c}/timeline?pageSize=1&page=3`)).json();
    expect(first.total).toBe(2);
    expect(past.total).toBe(2); // actual: 0
  });

  // kpi.exports.ts warekiDate() switches to 令和 for the whole of 2019; 令和 began on
  // 2019-05-01, so 2019-03-31 (平成30年度 Q4's as-of day) is 平成31年3月31日.
  it("when the quarterly report of 平成30年度 Q4 is downloaded, then the heading reads 平成31年3月31日現在", async () => {
    let t: TestContext | undefined;
    try {
      t = await createTestContext();
      const old = await makeKpiOrg(t.database.db, [2018]);
      const v = await signIn(
        t.app,
        await makeUser(
          t.database.db,
          { id: old.orgId, slug: old.slug, departments: [] },
          {
            role: "viewer",
            departmentIds: [old.dept.yorozu],
          },
        ),
      );
      const res = await v.get("/api/kpi/report.xlsx?fiscalYear=2018&quarter=4");
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(String(wb.worksheets[0]?.getCell("A2").value)).toContain("平成31年3月31日現在"); // actual: 令和元年3月31日現在
    } finally {
      await t?.close();
    }
  });

  it("when the same consultation file is imported twice, then the second run stores nothing", async () => {
    await createCompany(k.t.database.db, systemActor(k.s.org.id, "test"), {
      name: "カネコ種苗株式会社",
      corporateNumber: "5070001000715",
    });
    const [u] = (await k.t.database.db.execute(sql`select login from users where id = ${k.s.users.yorozuStaff.id}`))
      .rows as { login: string }[];
    const text = `date,program_code,company_name,corporate_number,channel,status,topics,staff,notes\r\n2026-05-05,Y,カネコ種苗株式会社,5070001000715,窓口,継続,,${u?.login},二重取込の確認\r\n`;
    const run = () =>
      importConsultations(k.t.database.db, systemActor(k.s.org.id, "test"), {
        bytes: Buffer.from(text, "utf8"),
        fileName: "twice.csv",
        dryRun: false,
        createCompanies: false,
      });
    const before = await countOf(k, "consultations");
    expect((await run()).imported).toBe(1);
    const second = await run();
    expect(await countOf(k, "consultations")).toBe(before + 1);
    expect(second.imported).toBe(0);
    expect(second.errors[0]?.reason).toContain("同じファイルを2回取り込んでいないか");
  });
});
