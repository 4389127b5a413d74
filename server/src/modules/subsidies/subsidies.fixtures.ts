import { readFileSync } from "node:fs";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { TestContext } from "../../../test/context.js";
import { makeOrg, makeUser, type OrgFixture, type Session, signIn } from "../../../test/factories.js";
import { systemActor } from "../../http/actor.js";
import { seedOnFirstStart } from "../../setup/first-start.js";
import { seedPlansDir } from "../../setup/seed-plans.js";
import { createCompany } from "../companies/index.js";
import { allDepartments } from "../departments/index.js";
import { findOrganizationBySlug } from "../organizations/index.js";
import { importPlanText } from "../plans/index.js";

/**
 * The subsidy tests' world: the two seed centers (slugs fukushima and mie, so that the seed terms
 * match) with their departments and the real 令和8年度 plans, a user of every role in Mie's
 * 経営支援課 (the 担当課 of 11 生産性向上・業態転換支援補助金) and one in another department, and an
 * unrelated organization.
 */
export interface SubsidyWorld {
  mie: OrgFixture;
  fukushima: OrgFixture;
  staff: Session;
  manager: Session;
  viewer: Session;
  otherStaff: Session;
  otherManager: Session;
  admin: Session;
  outsider: Session;
  fukushimaStaff: Session;
  fukushimaManager: Session;
}

async function orgFixture(t: TestContext, slug: string): Promise<OrgFixture> {
  const org = await findOrganizationBySlug(t.database.db, slug);
  if (!org) throw new Error(`seed organization ${slug} missing`);
  const departments = await allDepartments(t.database.db, org.id);
  return { id: org.id, slug, departments: departments.map((d) => ({ id: d.id, code: d.code })) };
}

const deptId = (org: OrgFixture, code: string) => {
  const d = org.departments.find((x) => x.code === code);
  if (!d) throw new Error(`department ${code} missing`);
  return d.id;
};

export async function makeSubsidyWorld(
  t: TestContext,
  plans: ("mie" | "fukushima")[] = ["mie"],
): Promise<SubsidyWorld> {
  const db = t.database.db;
  await seedOnFirstStart(db, "seed-admin-password");
  for (const slug of plans) {
    const file = path.join(seedPlansDir, `${slug}-2026.yaml`);
    await importPlanText(db, readFileSync(file, "utf8"), file);
  }
  const mie = await orgFixture(t, "mie");
  const fukushima = await orgFixture(t, "fukushima");
  const keiei = deptId(mie, "keiei-shien");
  const gijutsu = deptId(mie, "gijutsu-shien");
  const user = (org: OrgFixture, role: "admin" | "manager" | "staff" | "viewer", dept: string) =>
    makeUser(db, org, { role, departmentIds: [dept] }).then((u) => signIn(t.app, u));
  const other = await makeOrg(db);
  const fkeiei = deptId(fukushima, "keiei-shien");
  const [staff, manager, viewer, otherStaff, otherManager, admin, outsider, fukushimaStaff, fukushimaManager] =
    await Promise.all([
      user(mie, "staff", keiei),
      user(mie, "manager", keiei),
      user(mie, "viewer", keiei),
      user(mie, "staff", gijutsu),
      user(mie, "manager", gijutsu),
      user(mie, "admin", gijutsu),
      user(other, "admin", other.departments[0]?.id as string),
      user(fukushima, "staff", fkeiei),
      user(fukushima, "manager", fkeiei),
    ]);
  return {
    mie,
    fukushima,
    staff,
    manager,
    viewer,
    otherStaff,
    otherManager,
    admin,
    outsider,
    fukushimaStaff,
    fukushimaManager,
  };
}

let serial = 0;
/** A business of the organization; by default a 三重県 SME (eligible for 賃上げコース). */
export async function makeCompany(
  t: TestContext,
  orgId: string,
  over: { name?: string; address?: string | null; sizeClass?: "sme" | "small" | "other" | null } = {},
): Promise<string> {
  serial += 1;
  const c = await createCompany(t.database.db, systemActor(orgId, "test"), {
    name: over.name ?? `補助テスト${serial}号商事`,
    address: over.address === undefined ? "三重県津市栄町1-891" : over.address,
    sizeClass: over.sizeClass === undefined ? "sme" : over.sizeClass,
  } as Parameters<typeof createCompany>[2]);
  return c.id;
}

export const rows = async <T>(t: TestContext, q: SQL) => (await t.database.db.execute(q)).rows as T[];

/** A subsidy program of 令和8年度 by plan code (syncing the programs through the API). */
export async function subsidyProgram(session: Session, code: string) {
  const res = await session.get("/api/subsidies/programs?fiscalYear=2026");
  if (res.statusCode !== 200) throw new Error(`programs: ${res.statusCode} ${res.body}`);
  const p = (res.json().items as { id: string; program: { code: string } }[]).find((x) => x.program.code === code);
  if (!p) throw new Error(`subsidy program ${code} missing`);
  return p as {
    id: string;
    program: { id: string; code: string };
    frames: Frame[];
    rounds: { id: string; name: string }[];
  };
}

export interface Frame {
  id: string;
  roundId: string | null;
  budgetYen: number;
  committedYen: number;
  paidYen: number;
  remainingYen: number;
}

/** A round with its own frame, so that a test starts from known figures. */
export async function makeRound(manager: Session, programId: string, name: string, frameYen: number | null) {
  const res = await manager.post(`/api/subsidies/programs/${programId}/rounds`, {
    name,
    opensOn: "2026-05-01",
    closesOn: "2026-06-30",
    frameYen,
  });
  if (res.statusCode !== 201) throw new Error(`round: ${res.statusCode} ${res.body}`);
  const program = res.json() as { rounds: { id: string; name: string }[]; frames: Frame[] };
  const round = program.rounds.find((r) => r.name === name) as { id: string };
  return { roundId: round.id, frame: program.frames.find((f) => f.roundId === round.id) ?? null };
}

export async function frameOf(t: TestContext, frameId: string): Promise<Omit<Frame, "id" | "roundId">> {
  const [f] = await rows<{ budget_yen: number; committed_yen: number; paid_yen: number }>(
    t,
    sql`select budget_yen, committed_yen, paid_yen from subsidy_frames where id = ${frameId}`,
  );
  if (!f) throw new Error("frame missing");
  return {
    budgetYen: Number(f.budget_yen),
    committedYen: Number(f.committed_yen),
    paidYen: Number(f.paid_yen),
    remainingYen: Number(f.budget_yen) - Number(f.committed_yen),
  };
}

/** The live facts of an application, as [type, amount, date, outcome]. */
export async function liveFacts(t: TestContext, applicationId: string) {
  const list = await rows<{ type: string; amount_yen: number | null; occurred_on: string; outcome: string | null }>(
    t,
    sql`select type, amount_yen, occurred_on::text, outcome from activities
         where source_module = 'subsidies' and source_id = ${applicationId} and voided_at is null
         order by occurred_on, type`,
  );
  return list.map((f) => [f.type, f.amount_yen === null ? null : Number(f.amount_yen), f.occurred_on, f.outcome]);
}

/** An application body for Mie's 11 賃上げコース: 3,000,000 yen of 機械装置等費 gives 1,500,000 yen. */
export const wageApplication = (subsidyProgramId: string, companyId: string, over: Record<string, unknown> = {}) => ({
  subsidyProgramId,
  companyId,
  title: "省エネ型設備の導入による生産性向上",
  course: "賃上げコース",
  lines: [{ category: "機械装置等費", description: "省エネ型成形機", amountYen: 3_000_000 }],
  receivedOn: "2026-05-20",
  ...over,
});

/** An application as the API returns it, with the fields the step helpers read. */
export interface StepApp {
  id: string;
  version: number;
  status: string;
  computedYen: number;
  decidedYen: number | null;
  [k: string]: unknown;
}

/** POST one transition as `who` (the response is not checked). */
export const step = (
  who: Session,
  a: Pick<StepApp, "id" | "version">,
  action: string,
  extra: Record<string, unknown> = {},
) => who.post(`/api/subsidies/applications/${a.id}/transition`, { action, version: a.version, ...extra });

/** Walks the application through steps that must each succeed; returns it after the last. */
export async function walk<A extends StepApp>(a: A, steps: [Session, string, Record<string, unknown>?][]): Promise<A> {
  let current = a;
  for (const [who, action, extra] of steps) {
    const res = await step(who, current, action, extra);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    current = res.json();
  }
  return current;
}
