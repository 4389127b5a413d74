import { randomUUID } from "node:crypto";
import { todayInTokyo } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Kit, makeKit } from "./consultations.test-kit.js";

let k: Kit;
const plus = (days: number) => {
  const d = new Date(`${todayInTokyo()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const id: Record<string, string> = {};
type Item = { consultation: { id: string }; daysOverdue: number };
const order = (res: { json(): { items: Item[] } }) => res.json().items.map((i) => i.consultation.id);

beforeAll(async () => {
  k = await makeKit();
  const post = async (name: string, days: number, over: Parameters<Kit["input"]>[0] = {}, who = k.as.yorozuStaff) => {
    const res = await who.post(
      "/api/consultations",
      k.input({ occurredOn: "2026-04-01", followUpOn: plus(days), ...over }),
    );
    if (res.statusCode !== 201) throw new Error(res.body);
    id[name] = res.json().id;
  };
  await post("soon", 3);
  await post("late", -5);
  await post("today", 0);
  await post("colleague", -2, { staffUserIds: [k.s.users.yorozuManager.id] });
  await post(
    "secret",
    -9,
    { programId: k.s.program.R, staffUserIds: [k.s.users.kyogikaiStaff.id, k.s.users.yorozuStaff.id] },
    k.as.kyogikaiStaff,
  );
});
afterAll(() => k.t.close());

describe("アフターフォロー", () => {
  it("when staff open their follow-ups, then the overdue ones come first with how many days late", async () => {
    const res = await k.as.yorozuStaff.get("/api/consultations/follow-ups?scope=mine");
    expect(res.statusCode).toBe(200);
    expect(order(res)).toEqual([id.late, id.today, id.soon]);
    expect(res.json().items.map((i: Item) => i.daysOverdue)).toEqual([5, 0, -3]);
  });

  it("when a manager opens the department's follow-ups, then colleagues' ones are there too", async () => {
    const res = await k.as.yorozuManager.get(
      `/api/consultations/follow-ups?scope=department&departmentId=${k.s.dept.yorozu}`,
    );
    expect(order(res)).toEqual([id.late, id.colleague, id.today, id.soon]);
  });

  it("when someone opens another department's follow-ups, then 404 unless they are an admin; the confidential ones stay hidden", async () => {
    const url = `/api/consultations/follow-ups?scope=department&departmentId=${k.s.dept.kyogikai}`;
    expect((await k.as.yorozuStaff.get(url)).statusCode).toBe(404);
    expect(
      (await k.as.yorozuStaff.get(`/api/consultations/follow-ups?scope=department&departmentId=${randomUUID()}`))
        .statusCode,
    ).toBe(404);
    const admin = await k.as.admin.get(url);
    expect(admin.statusCode).toBe(200);
    expect(order(admin)).toEqual([]);
    expect(order(await k.as.kyogikaiStaff.get(url))).toEqual([id.secret]);
  });

  it("when a follow-up is marked done, then it leaves the list, the version moves on and it is audited", async () => {
    const res = await k.as.yorozuStaff.post(`/api/consultations/${id.late}/follow-up-done`, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(2);
    expect(res.json().followUpDoneAt).not.toBeNull();
    expect(order(await k.as.yorozuStaff.get("/api/consultations/follow-ups"))).toEqual([id.today, id.soon]);
    const audit = await k.rows<{ changes: { field: string }[] }>(
      sql`select changes from audit_log where entity = 'consultation' and entity_id = ${id.late} and action = 'update'`,
    );
    expect(audit[0]?.changes[0]?.field).toBe("followUpDoneAt");
  });

  it("when a done follow-up gets a new date, then it is open again", async () => {
    const res = await k.as.yorozuStaff.patch(`/api/consultations/${id.late}`, { version: 2, followUpOn: plus(-1) });
    expect(res.json().followUpDoneAt).toBeNull();
    expect(order(await k.as.yorozuStaff.get("/api/consultations/follow-ups"))).toEqual([id.late, id.today, id.soon]);
  });

  it("when the version is stale, the role wrong, the date absent or the record missing, then 409, 404, 400, 404", async () => {
    expect(
      (await k.as.yorozuStaff.post(`/api/consultations/${id.soon}/follow-up-done`, { version: 7 })).statusCode,
    ).toBe(409);
    expect((await k.as.viewer.post(`/api/consultations/${id.soon}/follow-up-done`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect(
      (await k.as.keieiStaff.post(`/api/consultations/${id.soon}/follow-up-done`, { version: 1 })).statusCode,
    ).toBe(404);
    const none = (await k.as.yorozuStaff.post("/api/consultations", k.input())).json();
    const res = await k.as.yorozuStaff.post(`/api/consultations/${none.id}/follow-up-done`, { version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("followUpOn");
    expect(
      (await k.as.yorozuStaff.post(`/api/consultations/${randomUUID()}/follow-up-done`, { version: 1 })).statusCode,
    ).toBe(404);
    const bad = await k.as.yorozuStaff.post(`/api/consultations/${id.soon}/follow-up-done`, {});
    expect(bad.json().error.details[0].field).toBe("version");
    expect(order(await k.as.yorozuStaff.get("/api/consultations/follow-ups"))).toContain(id.soon);
  });
});

describe("CSV export", () => {
  it("when the list is exported, then the CSV has a BOM, the Japanese header and one line per visible record, filtered like the list", async () => {
    const c = await k.as.yorozuStaff.post(
      "/api/consultations",
      k.input({
        occurredOn: "2026-07-07",
        channel: "outreach",
        location: "会津若松商工会議所",
        topics: ["資金繰り", "事業承継"],
        staffUserIds: [k.s.users.yorozuStaff.id, k.s.users.yorozuManager.id],
        status: "resolved",
        notes: '=HYPERLINK("x")\n2行目',
        nextAction: "金融機関へ同行",
      }),
    );
    expect(c.statusCode).toBe(201);
    const res = await k.as.viewer.get("/api/consultations/export.csv?status=resolved");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("日付,事業,部署,事業者,法人番号,相談者,対応方法,分野,状況,担当,次回対応,フォロー予定日,内容");
    const names = c
      .json()
      .staff.map((s: { name: string }) => s.name)
      .join(";");
    expect(lines[1]).toBe(
      `2026-07-07,Y よろず支援拠点事業,よろず支援拠点,株式会社ふくしま精密,,,出張相談会,資金繰り;事業承継,課題解決,${names},金融機関へ同行,,"'=HYPERLINK(""x"")\n2行目"`,
    );
    expect(lines.filter((l) => l.startsWith("2026-"))).toHaveLength(1);
  });
});
