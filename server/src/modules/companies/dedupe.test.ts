import { randomUUID } from "node:crypto";
import { SESSION_COOKIE } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";
import { buildApp } from "../../app.js";
import { distinctEntities } from "./index.js";

let t: TestContext;
let org: OrgFixture;
let staff: Session;
const ids: Record<string, string> = {};

async function add(key: string, body: Record<string, unknown>) {
  const res = await staff.post("/api/companies", body);
  expect(res.statusCode).toBe(201);
  ids[key] = res.json().id;
}

const keysOf = async () => {
  const r = await t.database.db.execute(sql`select id, entity_key from companies where org_id = ${org.id} order by id`);
  return Object.fromEntries(r.rows.map((x) => [String(x.id), x.entity_key]));
};

beforeAll(async () => {
  t = await createTestContext();
  org = await makeOrg(t.database.db);
  staff = await signIn(t.app, await makeUser(t.database.db, org, { role: "staff" }));
  await add("yamadaA", { name: "株式会社山田製作所", address: "福島県福島市三河南町1-20", phone: "024-525-4075" });
  await add("yamadaB", {
    name: "（株）山田製作所",
    address: "福島市三河南町一丁目20番",
    phone: "0245254075",
    nameKana: "ヤマダセイサクショ",
  });
  await add("yamaguchi", { name: "株式会社山口製作所", address: "福島県福島市三河南町1-20" });
  await add("hanbai", { name: "株式会社山田製作所販売", address: "福島県福島市三河南町1-20" });
  await add("tokyo", { name: "株式会社山田製作所", address: "東京都港区芝5-13-15", corporateNumber: "5070001000715" });
  await add("mie", { name: "株式会社山田製作所", address: "三重県津市栄町1-891", corporateNumber: "7010001008844" });
});
afterAll(() => t.close());

describe("名寄せ", () => {
  it("when a likely duplicate is about to be registered, then it is shown with its reasons", async () => {
    const res = await staff.post("/api/companies/duplicates", { name: "株式会社 山田製作所", phone: "024-525-4075" });
    expect(res.statusCode).toBe(200);
    const top = res.json().items[0];
    expect([ids.yamadaA, ids.yamadaB]).toContain(top.company.id);
    expect(top.reasons.length).toBeGreaterThan(0);
    expect(top.reasons.some((r: { field: string }) => r.field === "phone")).toBe(true);
  });

  it("when dedupe runs, then variants of one business join and hard negatives stay apart", async () => {
    const res = await staff.post("/api/companies/dedupe");
    expect(res.statusCode, res.body).toBe(200);
    const keys = await keysOf();
    expect(keys[ids.yamadaA as string]).toBe(keys[ids.yamadaB as string]);
    for (const other of ["yamaguchi", "hanbai", "tokyo", "mie"]) {
      expect(keys[ids[other] as string]).not.toBe(keys[ids.yamadaA as string]);
    }
    expect(keys[ids.tokyo as string]).not.toBe(keys[ids.mie as string]);
    const summary = (await staff.get("/api/companies/summary")).json();
    expect(summary).toMatchObject({ companies: 6, entities: 5 });
    expect(await distinctEntities(t.database.db, org.id, Object.values(ids))).toBe(5);
  });

  it("when two companies with different 法人番号 are merged, then 409 and nothing changes", async () => {
    const before = await keysOf();
    const res = await staff.post("/api/companies/merge", { companyIds: [ids.tokyo, ids.mie] });
    expect(res.statusCode).toBe(409);
    expect(await keysOf()).toEqual(before);
  });

  it("when staff merge two records and then undo, then the keys are exactly as before and the decision survives no longer", async () => {
    const before = await keysOf();
    const merged = await staff.post("/api/companies/merge", { companyIds: [ids.yamaguchi, ids.yamadaA] });
    expect(merged.statusCode).toBe(200);
    const during = await keysOf();
    expect(during[ids.yamaguchi as string]).toBe(during[ids.yamadaA as string]);
    expect(during[ids.yamadaB as string]).toBe(during[ids.yamadaA as string]);
    // A dedupe run in between keeps the person's decision.
    await staff.post("/api/companies/dedupe");
    const rerun = await keysOf();
    expect(rerun[ids.yamaguchi as string]).toBe(rerun[ids.yamadaA as string]);
    const undo = await staff.post(`/api/companies/merges/${merged.json().mergeId}/undo`);
    expect(undo.statusCode).toBe(200);
    expect(await keysOf()).toEqual(before);
    const decisions = await t.database.db.execute(
      sql`select count(*)::int as n from meiyose_decisions where org_id = ${org.id}`,
    );
    expect(decisions.rows[0]?.n).toBe(0);
    expect((await staff.post(`/api/companies/merges/${merged.json().mergeId}/undo`)).statusCode).toBe(404);
  });

  it("when a pair is judged different, then the decision persists and later runs keep them apart", async () => {
    const res = await staff.post("/api/companies/review/decision", { a: ids.yamadaA, b: ids.yamadaB, same: false });
    expect(res.statusCode).toBe(200);
    await staff.post("/api/companies/dedupe");
    const keys = await keysOf();
    expect(keys[ids.yamadaA as string]).not.toBe(keys[ids.yamadaB as string]);
  });

  it("when a viewer or another organization acts, then 404; unknown ids, then 404", async () => {
    const viewer = await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer" }));
    expect((await viewer.post("/api/companies/dedupe")).statusCode).toBe(404);
    expect((await viewer.post("/api/companies/merge", { companyIds: [ids.yamadaA, ids.yamadaB] })).statusCode).toBe(
      404,
    );
    const other = await makeOrg(t.database.db);
    const outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
    expect((await outsider.post("/api/companies/merge", { companyIds: [ids.yamadaA, ids.yamadaB] })).statusCode).toBe(
      404,
    );
    expect((await staff.post("/api/companies/merge", { companyIds: [ids.yamadaA, randomUUID()] })).statusCode).toBe(
      404,
    );
    expect((await staff.post("/api/companies/merge", { companyIds: [ids.yamadaA] })).statusCode).toBe(400);
  });
});

describe("records of one business, contacts and review pairs after undo", () => {
  it("when a review pair is merged and the merge undone, then the pair is back in the queue", async () => {
    // Names one character replaced at one address (a slip, or another business): the engine is
    // unsure, so the pair waits for a person.
    const a = await staff.post("/api/companies", { name: "株式会社会津塗装", address: "福島県会津若松市栄町1-1" });
    const b = await staff.post("/api/companies", { name: "株式会社会津途装", address: "福島県会津若松市栄町1-1" });
    await staff.post("/api/companies/dedupe");
    const queue = (await staff.get("/api/companies/review")).json().items as { a: { id: string }; b: { id: string } }[];
    const pair = queue.find((p) => [p.a.id, p.b.id].sort().join() === [a.json().id, b.json().id].sort().join());
    expect(pair).toBeDefined();
    if (!pair) return;
    const merged = (
      await staff.post("/api/companies/review/decision", { a: pair.a.id, b: pair.b.id, same: true })
    ).json();
    const key = (await staff.get(`/api/companies/${pair.a.id}`)).json().entityKey;
    expect((await staff.get(`/api/companies?entityKey=${encodeURIComponent(key)}`)).json().total).toBe(2);
    await staff.post(`/api/companies/merges/${merged.mergeId}/undo`);
    const after = (await staff.get("/api/companies/review")).json().items as { a: { id: string }; b: { id: string } }[];
    expect(after.some((p) => p.a.id === pair.a.id && p.b.id === pair.b.id)).toBe(true);
  });

  it("when staff add, change and remove a contact, then each step is stored and audited; a viewer cannot add one", async () => {
    const c = (await staff.post("/api/companies", { name: "担当者テスト株式会社" })).json();
    const added = await staff.post(`/api/companies/${c.id}/contacts`, {
      name: "佐藤 一郎",
      role: "経理担当",
      phone: "024-000-0000",
    });
    expect(added.statusCode).toBe(201);
    const id = added.json().id;
    expect((await staff.patch(`/api/companies/${c.id}/contacts/${id}`, { role: "代表取締役" })).json().role).toBe(
      "代表取締役",
    );
    expect((await staff.get(`/api/companies/${c.id}/contacts`)).json().items).toHaveLength(1);
    const viewer = await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer" }));
    expect((await viewer.post(`/api/companies/${c.id}/contacts`, { name: "x" })).statusCode).toBe(404);
    expect((await viewer.get(`/api/companies/${c.id}/contacts`)).statusCode).toBe(200);
    expect((await staff.post(`/api/companies/${c.id}/contacts`, {})).statusCode).toBe(400);
    expect((await staff.request("DELETE", `/api/companies/${c.id}/contacts/${id}`)).statusCode).toBe(200);
    expect((await staff.request("DELETE", `/api/companies/${c.id}/contacts/${id}`)).statusCode).toBe(404);
    const audit = await t.database.db.execute(
      sql`select action from audit_log where entity = 'company_contact' and entity_id = ${id} order by seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "update", "delete"]);
  });
});

/** Waits (up to a minute: CI machines are slow) until the job is no longer running; returns it. */
async function settled(id: string) {
  for (let i = 0; i < 1200; i++) {
    const job = (await staff.get(`/api/companies/dedupe/jobs/${id}`)).json();
    if (job.status !== "running") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dedupe job ${id} still running after a minute`);
}

/**
 * Runs `fn` while this test holds the organization's 名寄せ state row: a started run waits on it,
 * so "a job is running" is a fact during `fn`, not a race against a fast machine.
 */
async function whileRunsWait<T>(fn: () => Promise<T>): Promise<T> {
  let release = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((r) => {
    locked = r;
  });
  const holder = t.database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into meiyose_state (org_id) values (${org.id}) on conflict do nothing`);
    await tx.execute(sql`select 1 from meiyose_state where org_id = ${org.id} for update`);
    locked();
    await gate;
  });
  await isLocked;
  try {
    return await fn();
  } finally {
    release();
    await holder;
  }
}

describe("dedupe in the background", () => {
  it("when a run is started as a job, then its progress can be polled until it is done with the figures", async () => {
    const started = await staff.post("/api/companies/dedupe/jobs");
    expect(started.statusCode).toBe(202);
    const job = await settled(started.json().id);
    expect(job).toMatchObject({ status: "done", phase: "done", error: null });
    expect(job.result.records).toBeGreaterThan(0);
    const summary = (await staff.get("/api/companies/summary")).json();
    expect(job.result.entities).toBe(summary.entities);
  });

  it("when another organization or a viewer asks, then the job is not theirs", async () => {
    const id = (await staff.post("/api/companies/dedupe/jobs")).json().id;
    const other = await makeOrg(t.database.db);
    const outsider = await signIn(t.app, await makeUser(t.database.db, other, { role: "admin" }));
    expect((await outsider.get(`/api/companies/dedupe/jobs/${id}`)).statusCode).toBe(404);
    const viewer = await signIn(t.app, await makeUser(t.database.db, org, { role: "viewer" }));
    expect((await viewer.post("/api/companies/dedupe/jobs")).statusCode).toBe(404);
    expect((await viewer.get(`/api/companies/dedupe/jobs/${id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/companies/dedupe/jobs/${randomUUID()}`)).statusCode).toBe(404);
    expect((await settled(id)).status).toBe("done");
  });

  it("when a second server process on the same database is asked, then it sees the job; two starts run one job", async () => {
    const second = await buildApp({ config: t.config, db: t.database.db, logger: false });
    try {
      const id = await whileRunsWait(async () => {
        const [a, b] = await Promise.all([
          staff.post("/api/companies/dedupe/jobs"),
          staff.post("/api/companies/dedupe/jobs"),
        ]);
        expect(a.json().id).toBe(b.json().id);
        const fromSecond = await second.inject({
          method: "GET",
          url: `/api/companies/dedupe/jobs/${a.json().id}`,
          headers: { cookie: `${SESSION_COOKIE}=${staff.cookie}` },
        });
        expect(fromSecond.statusCode).toBe(200);
        expect(fromSecond.json()).toMatchObject({ id: a.json().id, status: "running" });
        return a.json().id as string;
      });
      expect((await settled(id)).status).toBe("done");
      const running = await t.database.db.execute(
        sql`select count(*)::int as n from dedupe_jobs where org_id = ${org.id} and status = 'running'`,
      );
      expect(running.rows[0]?.n).toBe(0);
    } finally {
      await second.close();
    }
  });

  it("when the process running a job died (no beat for a minute), then the job reads as interrupted and a new run can start", async () => {
    const [dead] = (
      await t.database.db.execute(sql`
        insert into dedupe_jobs (org_id, status, phase, started_by_label, beat_at)
        values (${org.id}, 'running', 'match', 'test', now() - interval '5 minutes') returning id`)
    ).rows as { id: string }[];
    const read = (await staff.get(`/api/companies/dedupe/jobs/${dead?.id}`)).json();
    expect(read).toMatchObject({ status: "failed" });
    expect(read.error).toContain("中断");
    const fresh = await staff.post("/api/companies/dedupe/jobs");
    expect(fresh.json().id).not.toBe(dead?.id);
    expect((await settled(fresh.json().id)).status).toBe("done");
  });
});
