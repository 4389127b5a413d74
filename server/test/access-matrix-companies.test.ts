import { randomUUID } from "node:crypto";
import type { Role } from "@shien/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../src/http/actor.js";
import { createCompany } from "../src/modules/companies/companies.service.js";
import { addContact } from "../src/modules/companies/contacts.service.js";
import { mergeCompanies } from "../src/modules/companies/dedupe.service.js";
import { importPlanText } from "../src/modules/plans/index.js";
import { createTestContext, type TestContext } from "./context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "./factories.js";

/**
 * Who may do what with the business registry and the plans: every role of organization A (own)
 * and of organization B (other) against A's records. A refused request changes nothing of A's and
 * writes no audit entry; another organization's record is reported exactly like a missing one;
 * nothing A holds ever shows in B's answers.
 */
type Scope = "own" | "other" | "missing";
type Status = 200 | 201 | 404;
type EndpointName = keyof typeof endpoints;
/** endpoint, target, then the expected status for admin, manager, staff, viewer (null: not applicable). */
type Row = [EndpointName, Scope, Status | null, Status | null, Status | null, Status | null];

const ROLES = ["admin", "manager", "staff", "viewer"] as const;
/** In the name of every business of A: B's answers must never contain it. */
const MARK = "甲マーカー";
const PHONE = "024-525-4070";

let t: TestContext;
let orgA: OrgFixture;
let orgB: OrgFixture;
const actors = { own: {}, other: {} } as Record<"own" | "other", Record<Role, Session>>;
const a = { companyId: "", mergeId: "", planId: "", amountLineId: "", indicatorId: "" };
const aCompanyIds: string[] = [];
let counter = 0;

async function rows<T>(query: SQL): Promise<T[]> {
  return (await t.database.db.execute(query)).rows as T[];
}
const one = async (query: SQL) => (await rows<{ v: unknown }>(query))[0]?.v;
const auditCount = () => one(sql`select count(*)::int as v from audit_log`);
/** Everything organization A holds that these endpoints could touch. */
const fingerprintA = () =>
  one(sql`select md5(concat_ws('|',
    (select string_agg(c::text, ',' order by id) from companies c where org_id = ${orgA.id}),
    (select string_agg(x::text, ',' order by id) from company_contacts x where org_id = ${orgA.id}),
    (select string_agg(m::text, ',' order by id) from meiyose_merges m where org_id = ${orgA.id}),
    (select string_agg(p::text, ',' order by id) from plans p where org_id = ${orgA.id}),
    (select string_agg(l::text, ',' order by id) from amount_lines l where org_id = ${orgA.id}),
    (select string_agg(i::text, ',' order by id) from indicators i where org_id = ${orgA.id}))) as v`);
const companyCountOf = (orgId: string) =>
  one(sql`select count(*)::int as v from companies where org_id = ${orgId}`).then(Number);
const sys = () => systemActor(orgA.id, "test");
async function newCompanyA(phone?: string): Promise<string> {
  const c = await createCompany(t.database.db, sys(), { name: `${MARK}商事 ${++counter}`, phone });
  aCompanyIds.push(c.id);
  return c.id;
}

interface Endpoint {
  call(s: Session, id: string): Promise<LightMyRequestResponse>;
  target(scope: Scope): string | Promise<string>;
  /** Whether the id is addressed, so a refusal must look exactly like a missing record. */
  addressed: boolean;
  /** Whether an allowed call changes state, with exactly one audit entry. */
  mutates: boolean;
  probe?(id: string): Promise<unknown>;
  /** What B's allowed answer may show: only B's own records. */
  otherOrg?(res: LightMyRequestResponse): Promise<void> | void;
}

const companyA = () => a.companyId;
const planA = () => a.planId;
/** A read of the actor's own organization's list, checked in B by `otherOrg`. */
const listing = (url: string, otherOrg?: Endpoint["otherOrg"]): Endpoint => ({
  call: (s) => s.get(url),
  target: () => "",
  addressed: false,
  mutates: false,
  ...(otherOrg ? { otherOrg } : {}),
});
const reading = (url: (id: string) => string, target: () => string): Endpoint => ({
  call: (s, id) => s.get(url(id)),
  target,
  addressed: true,
  mutates: false,
});
const csv = Buffer.from("name\nテスト株式会社").toString("base64");

const endpoints = {
  "GET /api/companies": listing("/api/companies?pageSize=100", async (res) =>
    expect(res.json().total).toBe(await companyCountOf(orgB.id)),
  ),
  "GET /api/companies/:id": reading((id) => `/api/companies/${id}`, companyA),
  "POST /api/companies": {
    call: (s) => s.post("/api/companies", { name: `新規事業者 ${++counter}` }),
    target: () => "",
    addressed: false,
    mutates: true,
    probe: () => one(sql`select count(*)::int as v from companies`),
  },
  "PATCH /api/companies/:id": {
    call: (s, id) => s.patch(`/api/companies/${id}`, { representative: `代表 ${++counter}` }),
    target: companyA,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select representative as v from companies where id = ${id}`),
  },
  "POST /api/companies/import": {
    call: (s) => s.post("/api/companies/import", { fileName: "t.csv", contentBase64: csv, dryRun: true }),
    target: () => "",
    addressed: false,
    mutates: false,
    probe: () => one(sql`select count(*)::int as v from companies`),
  },
  "GET /api/companies/export": listing("/api/companies/export"),
  "GET /api/companies/summary": listing("/api/companies/summary", async (res) =>
    expect(res.json().companies).toBe(await companyCountOf(orgB.id)),
  ),
  "POST /api/companies/duplicates": {
    call: (s) => s.post("/api/companies/duplicates", { name: `${MARK}商事 1`, phone: PHONE }),
    target: () => "",
    addressed: false,
    mutates: false,
    otherOrg: (res) => expect(res.json().items).toEqual([]),
  },
  "POST /api/companies/dedupe": {
    call: (s) => s.post("/api/companies/dedupe"),
    target: () => "",
    addressed: false,
    mutates: true,
    otherOrg: async (res) => expect(res.json().records).toBe(await companyCountOf(orgB.id)),
  },
  "GET /api/companies/review": listing("/api/companies/review"),
  "POST /api/companies/merge": {
    // Two fresh businesses of A each time; the missing case pairs a random id with another.
    call: (s, ids) => {
      const [x, y = randomUUID()] = ids.split(",");
      return s.post("/api/companies/merge", { companyIds: [x, y] });
    },
    target: async () => `${await newCompanyA()},${await newCompanyA()}`,
    addressed: true,
    mutates: true,
    probe: (ids) =>
      one(sql`select string_agg(coalesce(entity_key, '-'), ',' order by id) as v from companies
              where id in (${sql.join(
                ids.split(",").map((id) => sql`${id}`),
                sql`, `,
              )})`),
  },
  "POST /api/companies/merges/:id/undo": {
    call: (s, id) => s.post(`/api/companies/merges/${id}/undo`),
    target: async (scope) => {
      if (scope === "missing") return randomUUID();
      if (scope === "other") return a.mergeId;
      return (await mergeCompanies(t.database.db, sys(), [await newCompanyA(), await newCompanyA()])).mergeId;
    },
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select undone_at::text as v from meiyose_merges where id = ${id}`),
  },
  "GET /api/companies/:id/contacts": reading((id) => `/api/companies/${id}/contacts`, companyA),
  "POST /api/companies/:id/contacts": {
    call: (s, id) => s.post(`/api/companies/${id}/contacts`, { name: `担当 ${++counter}` }),
    target: companyA,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select count(*)::int as v from company_contacts where company_id = ${id}`),
  },
  "GET /api/plans/:id": reading((id) => `/api/plans/${id}`, planA),
  "GET /api/plans/:id/programs/:code": reading((id) => `/api/plans/${id}/programs/P1`, planA),
  "GET /api/plans/:id/export": reading((id) => `/api/plans/${id}/export?format=json`, planA),
  // The line and the indicator are addressed; the plan is always A's.
  "PATCH /api/plans/:id/amount-lines/:itemId": {
    // the version the editor loaded (a missing or foreign line has none: 1, which must not matter)
    call: async (s, id) =>
      s.patch(`/api/plans/${a.planId}/amount-lines/${id}`, {
        note: `注記 ${++counter}`,
        version: Number((await one(sql`select version as v from amount_lines where id = ${id}`)) ?? 1),
      }),
    target: () => a.amountLineId,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select note as v from amount_lines where id = ${id}`),
  },
  "PATCH /api/plans/:id/indicators/:itemId": {
    call: async (s, id) =>
      s.patch(`/api/plans/${a.planId}/indicators/${id}`, {
        note: `注記 ${++counter}`,
        version: Number((await one(sql`select version as v from indicators where id = ${id}`)) ?? 1),
      }),
    target: () => a.indicatorId,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select note as v from indicators where id = ${id}`),
  },
  "POST /api/plans/:id/adopt": {
    call: (s, id) => s.post(`/api/plans/${id}/adopt`),
    target: planA,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select status as v from plans where id = ${id}`),
  },
  "POST /api/plans/:id/revise": {
    call: (s, id) => s.post(`/api/plans/${id}/revise`, { reason: "見直し" }),
    target: planA,
    addressed: true,
    mutates: true,
    probe: (id) => one(sql`select revision as v from plans where id = ${id}`),
  },
} satisfies Record<string, Endpoint>;

const R = [200, 200, 200, 200] as const;
const W = [200, 200, 200, 404] as const;
const NONE = [404, 404, 404, 404] as const;
const matrix: Row[] = [
  ["GET /api/companies", "own", ...R],
  ["GET /api/companies", "other", ...R],
  ["GET /api/companies/:id", "own", ...R],
  ["GET /api/companies/:id", "other", ...NONE],
  ["POST /api/companies", "own", 201, 201, 201, 404],
  // B may register its own businesses; A's registry is untouched (the fingerprint check).
  ["POST /api/companies", "other", 201, 201, 201, 404],
  ["PATCH /api/companies/:id", "own", ...W],
  ["PATCH /api/companies/:id", "other", ...NONE],
  ["POST /api/companies/import", "own", ...W],
  ["POST /api/companies/import", "other", ...W],
  ["GET /api/companies/export", "own", ...R],
  ["GET /api/companies/export", "other", ...R],
  ["GET /api/companies/summary", "own", ...R],
  ["GET /api/companies/summary", "other", ...R],
  ["POST /api/companies/duplicates", "own", ...R],
  ["POST /api/companies/duplicates", "other", ...R],
  ["POST /api/companies/dedupe", "own", ...W],
  ["POST /api/companies/dedupe", "other", ...W],
  ["GET /api/companies/review", "own", ...R],
  ["GET /api/companies/review", "other", ...R],
  ["POST /api/companies/merge", "own", ...W],
  ["POST /api/companies/merge", "other", ...NONE],
  ["POST /api/companies/merges/:id/undo", "missing", ...NONE],
  ["POST /api/companies/merges/:id/undo", "own", ...W],
  ["POST /api/companies/merges/:id/undo", "other", ...NONE],
  ["GET /api/companies/:id/contacts", "own", ...R],
  ["GET /api/companies/:id/contacts", "other", ...NONE],
  ["POST /api/companies/:id/contacts", "own", 201, 201, 201, 404],
  ["POST /api/companies/:id/contacts", "other", ...NONE],
  ["GET /api/plans/:id", "own", ...R],
  ["GET /api/plans/:id", "other", ...NONE],
  ["GET /api/plans/:id/programs/:code", "own", ...R],
  ["GET /api/plans/:id/programs/:code", "other", ...NONE],
  ["GET /api/plans/:id/export", "own", ...R],
  ["GET /api/plans/:id/export", "other", ...NONE],
  // The program belongs to 第1課, the department of every actor of A: its manager keeps the figures.
  ["PATCH /api/plans/:id/amount-lines/:itemId", "own", 200, 200, 404, 404],
  ["PATCH /api/plans/:id/amount-lines/:itemId", "other", ...NONE],
  ["PATCH /api/plans/:id/indicators/:itemId", "own", 200, 200, 404, 404],
  ["PATCH /api/plans/:id/indicators/:itemId", "other", ...NONE],
  // Adopting A's plan here would close it for the edits above; the admin case is plans.api's.
  ["POST /api/plans/:id/adopt", "own", null, 404, 404, 404],
  ["POST /api/plans/:id/adopt", "other", ...NONE],
  ["POST /api/plans/:id/revise", "other", ...NONE],
];

const SCOPE_TEXT: Record<Scope, string> = {
  own: "a record of their organization",
  other: "organization A's record from organization B",
  missing: "a missing record",
};

const cases = matrix.flatMap(([endpoint, scope, ...statuses]) =>
  ROLES.flatMap((role, i) => {
    const status = statuses[i];
    return status === null || status === undefined
      ? []
      : [{ role, endpoint, scope, on: SCOPE_TEXT[scope], status, outcome: status < 300 ? "allowed" : "refused" }];
  }),
);

const planYaml = (slug: string) => `org: ${slug}
fiscalYear: 2026
title: ${MARK}計画
status: draft
source: テスト
tree:
  - program:
      numbering: "(1)"
      code: P1
      name: ${MARK}事業
      status: continuing
      departments: [第1課]
      amounts:
        - label: 事業費
          amount: 1,000千円
      indicators:
        - category: priority
          name: 相談件数
          unit: 件
          target: 10
`;

beforeAll(async () => {
  t = await createTestContext();
  const db = t.database.db;
  orgA = await makeOrg(db, 1);
  orgB = await makeOrg(db, 1);
  for (const role of ROLES) {
    for (const [scope, org] of [["own", orgA] as const, ["other", orgB] as const]) {
      const d = org.departments[0]?.id as string;
      actors[scope][role] = await signIn(t.app, await makeUser(db, org, { role, departmentIds: [d] }));
    }
  }
  a.companyId = await newCompanyA(PHONE);
  await addContact(db, sys(), a.companyId, { name: `${MARK} 担当` });
  a.mergeId = (await mergeCompanies(db, sys(), [await newCompanyA(), await newCompanyA()])).mergeId;
  a.planId = (await importPlanText(db, planYaml(orgA.slug), "a.yaml")).planId;
  a.amountLineId = String(await one(sql`select id as v from amount_lines where org_id = ${orgA.id}`));
  a.indicatorId = String(await one(sql`select id as v from indicators where org_id = ${orgA.id}`));
});
afterAll(() => t.close());

describe("access matrix: businesses and plans", () => {
  it("when the matrix is read, then every listed endpoint is covered for every role", () => {
    expect(new Set(cases.map((c) => c.endpoint))).toEqual(new Set(Object.keys(endpoints)));
    expect(cases.length).toBe(matrix.length * ROLES.length - 1);
  });

  it.each(cases)(
    "when a $role calls $endpoint on $on, then $status ($outcome)",
    async ({ role, endpoint, scope, status }) => {
      const ep: Endpoint = endpoints[endpoint];
      const session = actors[scope === "other" ? "other" : "own"][role];
      const id = await ep.target(scope);
      const before = await ep.probe?.(id);
      const auditBefore = Number(await auditCount());
      const fingerprint = await fingerprintA();

      const res = await ep.call(session, id);

      expect(res.statusCode, res.body).toBe(status);
      const changed = status < 300 && ep.mutates;
      const after = await ep.probe?.(id);
      if (ep.probe && changed) expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
      expect(Number(await auditCount())).toBe(auditBefore + (changed ? 1 : 0));
      // A refusal, or anything B does, leaves all of A's records as they were.
      if (status >= 300 || scope === "other") expect(await fingerprintA()).toBe(fingerprint);
      if (scope === "other") {
        expect(res.body).not.toContain(MARK);
        for (const cid of aCompanyIds) expect(res.body).not.toContain(cid);
        if (status < 300) await ep.otherOrg?.(res);
      }
      if (status === 404) {
        expect(res.json().error.code).toBe("NOT_FOUND");
        if (ep.addressed) expect(res.body).toBe((await ep.call(session, randomUUID())).body);
      }
    },
  );

  it("when organization A lists its registry, then it sees its own businesses and its likely duplicates (the fixture is live)", async () => {
    const res = await actors.own.viewer.get("/api/companies?pageSize=100");
    expect(res.json().total).toBe(await companyCountOf(orgA.id));
    expect(res.body).toContain(MARK);
    const dup = await actors.own.viewer.post("/api/companies/duplicates", { name: `${MARK}商事 1`, phone: PHONE });
    expect(dup.json().items.length).toBeGreaterThan(0);
  });
});
