/**
 * Closing the follow-up of a confidential consultation is a change to a confidential record: the
 * audit log, which admins of every department read, names the field and not when it was done.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Kit, makeKit } from "./consultations.test-kit.js";

let k: Kit;
beforeAll(async () => {
  k = await makeKit();
});
afterAll(() => k.t.close());

const auditOf = async (id: string) => {
  const res = await k.as.admin.get(`/api/audit?entity=consultation&entityId=${id}&action=update`);
  expect(res.statusCode).toBe(200);
  return res.json().items as { changes: { field: string; from?: unknown; to?: unknown }[] }[];
};

describe("closing a follow-up, in the audit log", () => {
  it("when 協議会 marks a confidential consultation's follow-up done, then an admin of another department reads only that followUpDoneAt changed", async () => {
    const rec = await k.as.kyogikaiStaff.post(
      "/api/consultations",
      k.input({ programId: k.s.program.R, staffUserIds: [k.s.users.kyogikaiStaff.id], followUpOn: "2026-05-20" }),
    );
    expect(rec.statusCode, rec.body).toBe(201);
    const done = await k.as.kyogikaiStaff.post(`/api/consultations/${rec.json().id}/follow-up-done`, { version: 1 });
    expect(done.statusCode, done.body).toBe(200);
    const [entry] = await auditOf(rec.json().id);
    expect(entry?.changes).toEqual([{ field: "followUpDoneAt" }]);
  });

  it("when an open consultation's follow-up is marked done, then the entry keeps the moment it was done", async () => {
    const rec = await k.as.yorozuStaff.post("/api/consultations", k.input({ followUpOn: "2026-05-20" }));
    const done = await k.as.yorozuStaff.post(`/api/consultations/${rec.json().id}/follow-up-done`, { version: 1 });
    const [entry] = await auditOf(rec.json().id);
    expect(entry?.changes).toEqual([{ field: "followUpDoneAt", from: null, to: done.json().followUpDoneAt }]);
  });
});
