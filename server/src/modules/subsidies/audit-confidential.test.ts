/**
 * The audit log is read by admins of every department. For an application of a confidential
 * program it must name the fields that changed and never their values (README: 機密の事業), at
 * every step: the application itself, its score sheets and its attachments.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import type { Session } from "../../../test/factories.js";
import {
  makeCompany,
  makeSubsidyWorld,
  type SubsidyWorld,
  subsidyProgram,
  wageApplication,
} from "./subsidies.fixtures.js";

let t: TestContext;
let w: SubsidyWorld;
let programId: string;
let openApp: { id: string };

const SECRET = "再生案件ZQX";
const RUBRIC = [
  { code: "management", label: "経営力", maxPoints: 40 },
  { code: "plan", label: "計画の妥当性", maxPoints: 60 },
];

interface App {
  id: string;
  version: number;
  companyId: string;
  decisionNo: string | null;
}

async function apply(title: string): Promise<App> {
  const companyId = await makeCompany(t, w.mie.id);
  const res = await w.staff.post(
    "/api/subsidies/applications",
    wageApplication(programId, companyId, {
      title,
      lines: [{ category: "機械装置等費", description: `${SECRET}の成形機`, amountYen: 3_000_000 }],
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function step(who: Session, a: App, action: string, extra: Record<string, unknown> = {}): Promise<App> {
  const res = await who.post(`/api/subsidies/applications/${a.id}/transition`, {
    action,
    version: a.version,
    on: "2026-07-01",
    ...extra,
  });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

/** The audit entries of one record as the admin of another department (技術支援課) reads them. */
async function auditAsOtherAdmin(entity: string, entityId: string) {
  const res = await w.admin.get(`/api/audit?entity=${entity}&entityId=${entityId}&pageSize=200`);
  expect(res.statusCode).toBe(200);
  return res.json().items as { action: string; changes: { field: string; from?: unknown; to?: unknown }[] }[];
}

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  const p = await subsidyProgram(w.staff, "11");
  programId = p.id;
  expect((await w.manager.put(`/api/subsidies/programs/${programId}/rubric`, RUBRIC)).statusCode).toBe(200);
  openApp = await apply(`${SECRET}ではない公開の申請`);
  // Mie's seed plan has no confidential subsidy program: program 11 is made one, as a center that
  // runs a subsidy for restructuring cases would mark it in its plan. Applications received from
  // here on are confidential.
  await t.database.db.execute(sql`update programs set confidential = true where id = ${p.program.id}`);
});
afterAll(() => t.close());

describe("a confidential program's subsidy application in the audit log", () => {
  it("when an application is received, documented, reviewed and decided, then an admin of another department reads only which fields changed", async () => {
    let a = await apply(`${SECRET}の事業再生計画`);
    expect(a).toMatchObject({ confidential: true });
    const file = await w.staff.post(`/api/subsidies/applications/${a.id}/attachments`, {
      name: `${SECRET}_再生計画書.pdf`,
      kind: "事業計画書",
      mime: "application/pdf",
      contentBase64: Buffer.from("%PDF-1.7\nplan").toString("base64"),
    });
    expect(file.statusCode, file.body).toBe(201);
    const fileId = file.json().id as string;
    const removed = await w.staff.request("DELETE", `/api/subsidies/applications/${a.id}/attachments/${fileId}`);
    expect(removed.statusCode).toBe(200);
    a = await step(w.staff, a, "check");
    const scored = await w.staff.put(`/api/subsidies/applications/${a.id}/review`, {
      conflict: false,
      scores: { management: 31, plan: 47 },
      comment: `${SECRET}: 債務超過の解消見込みあり`,
    });
    expect(scored.statusCode, scored.body).toBe(200);
    const declined = await w.manager.put(`/api/subsidies/applications/${a.id}/review`, {
      conflict: true,
      conflictNote: `${SECRET}の代表者は親族`,
      scores: {},
    });
    expect(declined.statusCode, declined.body).toBe(200);
    a = await step(w.manager, a, "adopt");
    a = await step(w.manager, a, "decide", { amountYen: 1_200_000, note: `${SECRET}: 金融機関調整後に減額` });
    expect(a.decisionNo).toBeTruthy();

    const entries = [
      ...(await auditAsOtherAdmin("subsidy_application", a.id)),
      ...(await auditAsOtherAdmin("subsidy_attachment", fileId)),
    ];
    const reviews = await w.admin.get(`/api/audit?entity=subsidy_review&pageSize=200`);
    entries.push(...reviews.json().items);
    // create + check + adopt + decide; attachment create + delete; two review sheets
    expect(entries.length).toBeGreaterThanOrEqual(8);
    for (const e of entries) {
      expect(e.changes.length).toBeGreaterThan(0);
      for (const c of e.changes) expect(Object.keys(c)).toEqual(["field"]);
    }
    const fields = entries.flatMap((e) => e.changes.map((c) => c.field));
    expect(fields).toEqual(
      expect.arrayContaining(["title", "companyId", "decidedYen", "decisionNo", "comment", "name"]),
    );
    const text = JSON.stringify(entries);
    for (const leak of [SECRET, a.companyId, a.decisionNo as string, "1200000", "1500000"]) {
      expect(text).not.toContain(leak);
    }
  });

  it("when an application of an open program is received, then its audit entry keeps the values", async () => {
    const [created] = await auditAsOtherAdmin("subsidy_application", openApp.id);
    expect(created?.changes).toEqual(
      expect.arrayContaining([{ field: "title", from: null, to: `${SECRET}ではない公開の申請` }]),
    );
  });
});
