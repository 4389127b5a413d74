import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import type { Session } from "../../../test/factories.js";
import { MAX_ATTACHMENT_BYTES } from "./attachments.service.js";
import {
  makeCompany,
  makeSubsidyWorld,
  rows,
  type SubsidyWorld,
  subsidyProgram,
  wageApplication,
} from "./subsidies.fixtures.js";

let t: TestContext;
let w: SubsidyWorld;
let programId: string;
let planProgramId: string;
const missing = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  t = await createTestContext();
  w = await makeSubsidyWorld(t);
  const p = await subsidyProgram(w.staff, "11");
  programId = p.id;
  planProgramId = p.program.id;
});
afterAll(() => t.close());

interface App {
  id: string;
  version: number;
  status: string;
}

async function apply(): Promise<App> {
  const companyId = await makeCompany(t, w.mie.id);
  const res = await w.staff.post("/api/subsidies/applications", wageApplication(programId, companyId));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const path = (id: string, attachmentId?: string) =>
  `/api/subsidies/applications/${id}/attachments${attachmentId ? `/${attachmentId}` : ""}`;

const pdf = (size = 4096) => Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(size)]);

const upload = (who: Session, id: string, bytes: Buffer, over: Record<string, unknown> = {}) =>
  who.post(path(id), {
    name: "見積書（省エネ型成形機）.pdf",
    kind: "見積書",
    mime: "application/pdf",
    contentBase64: bytes.toString("base64"),
    ...over,
  });

/** How the audit log and the uploader column name a signed-in user. */
const label = (s: Session) => `${s.me.user.displayName} (${s.me.user.login})`;
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const attachmentCount = async (applicationId: string) =>
  Number(
    (
      await rows<{ n: number }>(
        t,
        sql`select count(*)::int as n from subsidy_attachments where application_id = ${applicationId}`,
      )
    )[0]?.n,
  );

const auditOf = (entityId: string) =>
  rows<{ action: string; changes: unknown; actor_label: string }>(
    t,
    sql`select action, changes, actor_label from audit_log where entity = 'subsidy_attachment' and entity_id = ${entityId} order by seq`,
  );

describe("upload, list and download", () => {
  it("when staff of the department attach a file, then it lists without content and downloads byte for byte with its Japanese name", async () => {
    const a = await apply();
    const bytes = pdf(200_000);
    const res = await upload(w.staff, a.id, bytes);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: "見積書（省エネ型成形機）.pdf",
      kind: "見積書",
      mime: "application/pdf",
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      uploadedBy: label(w.staff),
    });
    expect(created).not.toHaveProperty("contentBase64");

    const list = await w.viewer.get(path(a.id));
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([created]);
    expect(list.body).not.toContain(bytes.toString("base64").slice(0, 100));

    const file = await w.viewer.get(path(a.id, created.id));
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(String(file.headers["content-disposition"])).toBe(
      `attachment; filename="attachment-${created.id}.pdf"; filename*=UTF-8''${encodeURIComponent("見積書（省エネ型成形機）.pdf")}`,
    );
    expect(Buffer.compare(file.rawPayload, bytes)).toBe(0);
    expect(sha256(file.rawPayload)).toBe(created.sha256);

    // Stored as uploaded; the audit entry names the file and its hash, never the content.
    const [stored] = await rows<{ sha256: string; size_bytes: number; content: Buffer }>(
      t,
      sql`select sha256, size_bytes, content from subsidy_attachments where id = ${created.id}`,
    );
    expect(stored?.sha256).toBe(sha256(bytes));
    expect(Buffer.compare(stored?.content as Buffer, bytes)).toBe(0);
    const audit = await auditOf(created.id);
    expect(audit.map((x) => x.action)).toEqual(["create"]);
    const changes = JSON.stringify(audit[0]?.changes);
    expect(changes).toContain(sha256(bytes));
    expect(changes).toContain("見積書（省エネ型成形機）.pdf");
    expect(changes).not.toContain("content");
    expect(changes).not.toContain(bytes.toString("base64").slice(0, 40));
  });

  it("when several files are attached, then they list oldest first with their kinds, and a CSV's charset is dropped from its type", async () => {
    const a = await apply();
    const csv = Buffer.from("費目,金額\n機械装置等費,3000000\n", "utf8");
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(100)]);
    const first = await upload(w.staff, a.id, csv, {
      name: "経費明細.csv",
      kind: "その他",
      mime: "text/csv; charset=utf-8",
    });
    const second = await upload(w.manager, a.id, png, { name: "写真.png", kind: "その他", mime: "image/png" });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().mime).toBe("text/csv");
    const items = (await w.staff.get(path(a.id))).json().items;
    expect(items.map((x: { name: string }) => x.name)).toEqual(["経費明細.csv", "写真.png"]);
    const file = await w.staff.get(path(a.id, first.json().id));
    expect(file.headers["content-type"]).toContain("text/csv");
    expect(file.body).toBe(csv.toString("utf8"));
  });

  it("when a file of exactly 10 MB is attached, then it is accepted (the route's own body limit lets it through)", async () => {
    const a = await apply();
    const bytes = pdf(MAX_ATTACHMENT_BYTES - 9);
    expect(bytes.length).toBe(MAX_ATTACHMENT_BYTES);
    const res = await upload(w.staff, a.id, bytes);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json()).toMatchObject({ sizeBytes: MAX_ATTACHMENT_BYTES, sha256: sha256(bytes) });
  });
});

describe("refusals", () => {
  it("when a file is over 10 MB, then it is refused on contentBase64 with the limit and nothing is stored", async () => {
    const a = await apply();
    const res = await upload(w.staff, a.id, pdf(MAX_ATTACHMENT_BYTES - 8));
    expect(res.statusCode).toBe(400);
    const detail = res.json().error.details[0];
    expect(detail.field).toBe("contentBase64");
    expect(detail.message).toContain("10MB");
    expect(await attachmentCount(a.id)).toBe(0);
  });

  it("when the type is not on the allow-list, then it is refused on mime", async () => {
    const a = await apply();
    for (const mime of ["application/x-msdownload", "text/html", "application/zip", "image/svg+xml"]) {
      const res = await upload(w.staff, a.id, Buffer.from("MZ\x90\x00"), { name: "setup.exe", mime });
      expect(res.statusCode, mime).toBe(400);
      expect(res.json().error.details[0].field).toBe("mime");
    }
    expect(await attachmentCount(a.id)).toBe(0);
  });

  it("when the body is malformed, then it is refused with the field named", async () => {
    const a = await apply();
    const good = { name: "a.pdf", kind: "申請書", mime: "application/pdf", contentBase64: pdf(10).toString("base64") };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, name: undefined }, "name"],
      [{ ...good, name: "   " }, "name"],
      [{ ...good, kind: "" }, "kind"],
      [{ ...good, contentBase64: "" }, "contentBase64"],
      [{ ...good, contentBase64: "これはbase64ではない" }, "contentBase64"],
      [{ ...good, contentBase64: "QUJD$$$" }, "contentBase64"],
    ];
    for (const [body, field] of cases) {
      const res = await w.staff.post(path(a.id), body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await w.staff.post(path("not-a-uuid"), good)).statusCode).toBe(400);
    expect(await attachmentCount(a.id)).toBe(0);
  });

  it("when the application or the attachment does not exist, then 404", async () => {
    const a = await apply();
    const other = await apply();
    const created = (await upload(w.staff, other.id, pdf())).json();
    expect((await upload(w.staff, missing, pdf())).statusCode).toBe(404);
    expect((await w.staff.get(path(missing))).statusCode).toBe(404);
    expect((await w.staff.get(path(a.id, missing))).statusCode).toBe(404);
    // Another application's attachment is not reachable through this one.
    expect((await w.staff.get(path(a.id, created.id))).statusCode).toBe(404);
    expect((await w.staff.request("DELETE", path(a.id, created.id))).statusCode).toBe(404);
    expect(await attachmentCount(other.id)).toBe(1);
  });
});

describe("access", () => {
  it("when someone outside the department's writers uploads, then 404; readers of the center list and download; other organizations see nothing", async () => {
    const a = await apply();
    for (const who of [w.viewer, w.otherStaff, w.otherManager, w.outsider, w.fukushimaStaff]) {
      expect((await upload(who, a.id, pdf())).statusCode).toBe(404);
    }
    expect(await attachmentCount(a.id)).toBe(0);
    const created = (await upload(w.manager, a.id, pdf())).json();
    expect((await upload(w.admin, a.id, pdf())).statusCode).toBe(201);
    for (const who of [w.viewer, w.otherStaff, w.admin]) {
      expect((await who.get(path(a.id))).statusCode).toBe(200);
      expect((await who.get(path(a.id, created.id))).statusCode).toBe(200);
    }
    for (const who of [w.outsider, w.fukushimaStaff]) {
      expect((await who.get(path(a.id))).statusCode).toBe(404);
      expect((await who.get(path(a.id, created.id))).statusCode).toBe(404);
      expect((await who.request("DELETE", path(a.id, created.id))).statusCode).toBe(404);
    }
    for (const who of [w.viewer, w.otherStaff]) {
      expect((await who.request("DELETE", path(a.id, created.id))).statusCode).toBe(404);
    }
    expect(await attachmentCount(a.id)).toBe(2);
  });

  it("when the program is confidential, then only its department sees the documents and every read is logged", async () => {
    const a = await apply();
    const created = (await upload(w.staff, a.id, pdf())).json();
    await t.database.db.execute(sql`update programs set confidential = true where id = ${planProgramId}`);
    await t.database.db.execute(sql`update subsidy_applications set confidential = true where id = ${a.id}`);
    try {
      // The admin works in another department: the wall holds for admins too.
      for (const who of [w.admin, w.otherStaff]) {
        expect((await who.get(path(a.id))).statusCode).toBe(404);
        expect((await who.get(path(a.id, created.id))).statusCode).toBe(404);
        expect((await upload(who, a.id, pdf())).statusCode).toBe(404);
      }
      expect((await w.viewer.get(path(a.id))).statusCode).toBe(200);
      expect((await w.staff.get(path(a.id, created.id))).statusCode).toBe(200);
      const reads = await rows<{ entity_id: string; actor_label: string }>(
        t,
        sql`select entity_id, actor_label from audit_log where entity = 'subsidy_attachment' and action = 'read' order by seq`,
      );
      expect(reads).toEqual([
        { entity_id: a.id, actor_label: label(w.viewer) },
        { entity_id: created.id, actor_label: label(w.staff) },
      ]);
    } finally {
      await t.database.db.execute(sql`update programs set confidential = false where id = ${planProgramId}`);
    }
  });
});

describe("delete", () => {
  it("when the application is received or returned, then the department's staff delete a document, audited", async () => {
    const a = await apply();
    const keep = (await upload(w.staff, a.id, pdf(), { name: "申請書.pdf", kind: "申請書" })).json();
    const wrong = (await upload(w.staff, a.id, pdf(), { name: "間違い.pdf" })).json();
    const res = await w.staff.request("DELETE", path(a.id, wrong.id));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await w.staff.get(path(a.id))).json().items.map((x: { id: string }) => x.id)).toEqual([keep.id]);
    expect((await w.staff.request("DELETE", path(a.id, wrong.id))).statusCode).toBe(404);
    const audit = await auditOf(wrong.id);
    expect(audit.map((x) => x.action)).toEqual(["create", "delete"]);
    expect(JSON.stringify(audit[1]?.changes)).toContain(wrong.sha256);

    const returned = await w.staff.post(`/api/subsidies/applications/${a.id}/transition`, {
      action: "return",
      version: a.version,
      on: "2026-05-25",
      note: "見積書の再提出",
    });
    expect(returned.json().status).toBe("returned");
    expect((await w.staff.request("DELETE", path(a.id, keep.id))).statusCode).toBe(200);
    expect(await attachmentCount(a.id)).toBe(0);
  });

  it("when the application has moved past 申請受付, then documents stay (409) and uploads still work", async () => {
    const a = await apply();
    const doc = (await upload(w.staff, a.id, pdf())).json();
    const checked = await w.staff.post(`/api/subsidies/applications/${a.id}/transition`, {
      action: "check",
      version: a.version,
      on: "2026-06-01",
    });
    expect(checked.json().status).toBe("checked");
    for (const who of [w.staff, w.manager, w.admin]) {
      const res = await who.request("DELETE", path(a.id, doc.id));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details[0].field).toBe("attachmentId");
    }
    expect(await attachmentCount(a.id)).toBe(1);
    expect((await auditOf(doc.id)).map((x) => x.action)).toEqual(["create"]);
    expect((await upload(w.staff, a.id, pdf(), { kind: "実績報告書" })).statusCode).toBe(201);
  });
});
