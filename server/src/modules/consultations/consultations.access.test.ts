import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makeUser, type Session, signIn } from "../../../test/factories.js";
import { countOf, factsOf, type Kit, makeKit } from "./consultations.test-kit.js";

/**
 * Who may record and read consultations: the role and department rules of support.write, and the
 * wall around confidential programs (中小企業活性化協議会), in lists, details, edits and exports.
 */
let k: Kit;
let outsider: Session;
let secret: { id: string };
let open: { id: string };

const readsOf = (userId: string) =>
  k.rows<{ entity_id: string; changes: { field: string; to: string[] }[] }>(
    sql`select entity_id, changes from audit_log
         where entity = 'consultation' and action = 'read' and actor_user_id = ${userId} order by seq`,
  );
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id);

beforeAll(async () => {
  k = await makeKit();
  const other = await makeOrg(k.t.database.db);
  outsider = await signIn(k.t.app, await makeUser(k.t.database.db, other, { role: "admin" }));
  const res = await k.as.kyogikaiStaff.post(
    "/api/consultations",
    k.input({
      programId: k.s.program.R,
      staffUserIds: [k.s.users.kyogikaiStaff.id],
      topics: ["経営改善"],
      notes: "再生計画の策定支援（機密）",
    }),
  );
  secret = res.json();
  open = (await k.as.yorozuStaff.post("/api/consultations", k.input({ notes: "公開の相談" }))).json();
});
afterAll(() => k.t.close());

describe("who may record", () => {
  it("when 協議会 staff record on their confidential program, then the record and its fact are confidential", () => {
    expect(secret).toMatchObject({ confidential: true, department: { id: k.s.dept.kyogikai } });
    return factsOf(k, secret.id).then((facts) => expect(facts[0]?.confidential).toBe(true));
  });

  it("when a viewer records, then 404 and nothing is stored", async () => {
    const before = await countOf(k, "consultations");
    const res = await k.as.viewer.post("/api/consultations", k.input({ staffUserIds: [k.s.users.viewer.id] }));
    expect(res.statusCode).toBe(404);
    expect(await countOf(k, "consultations")).toBe(before);
  });

  it("when 経営支援課 staff record on よろず's program, then 404; on their own program, then 201", async () => {
    const before = await countOf(k, "consultations");
    const foreign = await k.as.keieiStaff.post(
      "/api/consultations",
      k.input({ staffUserIds: [k.s.users.keieiStaff.id] }),
    );
    expect(foreign.statusCode).toBe(404);
    expect(await countOf(k, "consultations")).toBe(before);
    const own = await k.as.keieiStaff.post(
      "/api/consultations",
      k.input({ programId: k.s.program.K, staffUserIds: [k.s.users.keieiStaff.id] }),
    );
    expect(own.statusCode).toBe(201);
    expect(own.json().department.id).toBe(k.s.dept.keiei);
  });

  it("when よろず staff or an admin outside 協議会 record on the confidential program, then 404", async () => {
    const before = await countOf(k, "consultations");
    expect((await k.as.yorozuStaff.post("/api/consultations", k.input({ programId: k.s.program.R }))).statusCode).toBe(
      404,
    );
    expect((await k.as.admin.post("/api/consultations", k.input({ programId: k.s.program.R }))).statusCode).toBe(404);
    expect(await countOf(k, "consultations")).toBe(before);
  });

  it("when 経営支援課 staff edit よろず's record, then 404 and it is unchanged", async () => {
    const res = await k.as.keieiStaff.patch(`/api/consultations/${open.id}`, { version: 1, notes: "改ざん" });
    expect(res.statusCode).toBe(404);
    expect((await k.as.yorozuStaff.get(`/api/consultations/${open.id}`)).json().notes).toBe("公開の相談");
  });
});

describe("the confidential wall", () => {
  it("when よろず staff or an admin outside 協議会 look, then the record is in no list, no total, no detail and no export", async () => {
    for (const who of [k.as.yorozuStaff, k.as.admin, k.as.viewer]) {
      const list = await who.get(`/api/consultations?companyId=${k.company.fukushima}`);
      expect(ids(list)).not.toContain(secret.id);
      expect(list.json().total).toBe(list.json().items.length);
      const detail = await who.get(`/api/consultations/${secret.id}`);
      const missing = await who.get(`/api/consultations/${randomUUID()}`);
      expect(detail.statusCode).toBe(404);
      expect(detail.body).toBe(missing.body);
      const csv = (await who.get("/api/consultations/export.csv")).body;
      expect(csv).not.toContain("再生計画");
      expect(csv).toContain("公開の相談");
      expect((await who.patch(`/api/consultations/${secret.id}`, { version: 1, notes: "x" })).statusCode).toBe(404);
      const search = await who.get(`/api/consultations?q=${encodeURIComponent("再生計画")}`);
      expect(search.json()).toMatchObject({ items: [], total: 0 });
    }
  });

  it("when 協議会 staff read their record in the detail, the list and the export, then each read is in the audit log", async () => {
    const user = k.s.users.kyogikaiStaff.id;
    expect((await k.as.kyogikaiStaff.get(`/api/consultations/${secret.id}`)).json().notes).toBe(
      "再生計画の策定支援（機密）",
    );
    expect(ids(await k.as.kyogikaiStaff.get("/api/consultations"))).toContain(secret.id);
    const csv = (await k.as.kyogikaiStaff.get("/api/consultations/export.csv")).body;
    expect(csv).toContain("再生計画の策定支援（機密）");
    const reads = await readsOf(user);
    expect(reads.map((r) => r.entity_id)).toEqual([secret.id, "list", "export.csv"]);
    for (const r of reads) expect(r.changes[0]?.to).toEqual([secret.id]);
  });

  it("when a confidential record is created or edited, then the audit entry names the fields but not the content", async () => {
    const edit = await k.as.kyogikaiStaff.patch(`/api/consultations/${secret.id}`, { version: 1, notes: "債権者調整" });
    expect(edit.statusCode).toBe(200);
    const entries = await k.rows<{ changes: Record<string, unknown>[] }>(
      sql`select changes from audit_log where entity = 'consultation' and entity_id = ${secret.id} and action <> 'read' order by seq`,
    );
    expect(JSON.stringify(entries)).not.toContain("再生計画");
    expect(JSON.stringify(entries)).not.toContain("債権者調整");
    expect(entries[1]?.changes).toEqual([{ field: "notes" }]);
  });
});

describe("another organization", () => {
  it("when another organization's admin opens, edits, lists or exports, then it sees nothing of this one", async () => {
    const detail = await outsider.get(`/api/consultations/${open.id}`);
    const missing = await outsider.get(`/api/consultations/${randomUUID()}`);
    expect(detail.statusCode).toBe(404);
    expect(detail.body).toBe(missing.body);
    expect((await outsider.patch(`/api/consultations/${open.id}`, { version: 1, notes: "x" })).statusCode).toBe(404);
    expect((await outsider.post(`/api/consultations/${open.id}/follow-up-done`, { version: 1 })).statusCode).toBe(404);
    expect((await outsider.get("/api/consultations")).json().total).toBe(0);
    expect((await outsider.get("/api/consultations/export.csv")).body).not.toContain("公開の相談");
  });

  it("when another organization records against this one's program, then 400 names the program as unknown", async () => {
    const program = await outsider.post("/api/consultations", k.input({ staffUserIds: [outsider.me.user.id] }));
    expect(program.statusCode).toBe(400);
    expect(program.json().error.details[0].field).toBe("programId");
  });
});
