import { randomUUID } from "node:crypto";
import { DEFAULT_AGENCIES, DEFAULT_TOPICS } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";
import { vocabNames } from "./index.js";

let t: TestContext;
let org: OrgFixture;
let admin: Session;
let staff: Session;
let outsider: Session;

const count = async (orgId: string, kind: string) =>
  Number(
    (
      await t.database.db.execute(
        sql`select count(*)::int as n from support_vocab where org_id = ${orgId} and kind = ${kind}`,
      )
    ).rows[0]?.n,
  );
const audits = async (entityId: string) =>
  (
    await t.database.db.execute(
      sql`select action, changes from audit_log where entity = 'support_vocab' and entity_id = ${entityId} order by seq`,
    )
  ).rows;

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  admin = await signIn(t.app, await makeUser(t.database.db, org, { role: "admin" }));
  staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" }));
  const other = await makeOrg(t.database.db);
  outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
});
afterAll(() => t.close());

describe("reading the lists", () => {
  it("when several people open a new organization's topics at once, then the defaults appear exactly once", async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => staff.get("/api/vocab?kind=topic")));
    for (const res of answers) expect(res.statusCode).toBe(200);
    expect(answers[0]?.json().items.map((i: { name: string }) => i.name)).toEqual([...DEFAULT_TOPICS]);
    expect(await count(org.id, "topic")).toBe(DEFAULT_TOPICS.length);
  });

  it("when no kind is asked, then both lists come, each with its defaults", async () => {
    const res = await staff.get("/api/vocab");
    const kinds = res.json().items.map((i: { kind: string }) => i.kind);
    expect(kinds.filter((k: string) => k === "agency")).toHaveLength(DEFAULT_AGENCIES.length);
    expect(kinds.filter((k: string) => k === "topic")).toHaveLength(DEFAULT_TOPICS.length);
  });

  it("when another module asks for the names of an untouched organization, then it gets the defaults too", async () => {
    const fresh = await makeOrg(t.database.db);
    const names = await vocabNames(t.database.db, fresh.id, "agency");
    expect(names.map((n) => n.name)).toEqual([...DEFAULT_AGENCIES]);
    expect(names.every((n) => !n.archived)).toBe(true);
  });

  it("when the kind is not one of the lists, then 400 names the field", async () => {
    const res = await staff.get("/api/vocab?kind=colour");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("kind");
  });
});

describe("editing the lists", () => {
  it("when an admin adds a topic, then it is listed last and the addition is audited", async () => {
    const res = await admin.post("/api/vocab", { kind: "topic", name: "GX・脱炭素" });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({ kind: "topic", name: "GX・脱炭素", archived: false });
    const list = (await staff.get("/api/vocab?kind=topic")).json().items;
    expect(list.at(-1).name).toBe("GX・脱炭素");
    expect((await audits(item.id)).map((a) => a.action)).toEqual(["create"]);
  });

  it("when an admin renames, reorders and archives a topic, then the list shows it and the change is audited", async () => {
    const list = (await staff.get("/api/vocab?kind=topic")).json().items;
    const target = list.find((i: { name: string }) => i.name === "米国関税");
    const res = await admin.patch(`/api/vocab/${target.id}`, { name: "米国関税措置", sortOrder: 0, archived: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: "米国関税措置", sortOrder: 0, archived: true });
    const after = (await staff.get("/api/vocab?kind=topic")).json().items;
    expect(after.find((i: { id: string }) => i.id === target.id).archived).toBe(true);
    const [entry] = await audits(target.id);
    expect(entry?.changes).toEqual(expect.arrayContaining([{ field: "name", from: "米国関税", to: "米国関税措置" }]));
    expect(await count(org.id, "topic")).toBe(DEFAULT_TOPICS.length + 1);
  });

  it("when a name already in the list is added or given, then 409 names the field and nothing changes", async () => {
    const dup = await admin.post("/api/vocab", { kind: "agency", name: "商工会" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].field).toBe("name");
    const list = (await staff.get("/api/vocab?kind=agency")).json().items;
    const bank = list.find((i: { name: string }) => i.name === "金融機関");
    const rename = await admin.patch(`/api/vocab/${bank.id}`, { name: "商工会議所" });
    expect(rename.statusCode).toBe(409);
    expect(await count(org.id, "agency")).toBe(DEFAULT_AGENCIES.length);
  });

  it("when staff try to edit, then 404 and nothing is written", async () => {
    const before = await count(org.id, "topic");
    expect((await staff.post("/api/vocab", { kind: "topic", name: "勝手な分野" })).statusCode).toBe(404);
    const item = (await staff.get("/api/vocab?kind=topic")).json().items[0];
    expect((await staff.patch(`/api/vocab/${item.id}`, { archived: true })).statusCode).toBe(404);
    expect(await count(org.id, "topic")).toBe(before);
    expect((await staff.get("/api/vocab?kind=topic")).json().items[0].archived).toBe(false);
  });

  it("when another organization's admin edits an entry, then 404 exactly like a missing one", async () => {
    const item = (await staff.get("/api/vocab?kind=topic")).json().items[0];
    const foreign = await outsider.patch(`/api/vocab/${item.id}`, { name: "乗っ取り" });
    const missing = await outsider.patch(`/api/vocab/${randomUUID()}`, { name: "乗っ取り" });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await outsider.get("/api/vocab?kind=topic")).json().items.map((i: { id: string }) => i.id)).not.toContain(
      item.id,
    );
  });

  it("when the body is malformed, then 400 names the field", async () => {
    const res = await admin.post("/api/vocab", { kind: "topic", name: "" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe("name");
    const bad = await admin.patch(`/api/vocab/${randomUUID()}`, { sortOrder: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("sortOrder");
  });
});
