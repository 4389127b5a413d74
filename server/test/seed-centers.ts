import path from "node:path";
import { sql } from "drizzle-orm";
import { seedOnFirstStart } from "../src/setup/first-start.js";
import { seedPlans, seedPlansDir } from "../src/setup/seed-plans.js";
import type { TestContext } from "./context.js";
import { type OrgFixture, type Session, signIn } from "./factories.js";

export const SEED_ADMIN_PASSWORD = "seed-admin-password";

export interface SeededCenter {
  org: Omit<OrgFixture, "departments"> & { departments: { id: string; code: string; name: string }[] };
  admin: Session;
  /** The 令和8年度 plan imported from the seed file. */
  planId: string;
}

/** The seed file's path for a center's year (server/seed-data/plans/<slug>-<year>.yaml). */
export const seedPlanFile = (slug: string, fiscalYear = 2026) => path.join(seedPlansDir, `${slug}-${fiscalYear}.yaml`);

/**
 * A seed center as `npm start` makes it on first start (its departments, its `admin`, the
 * 令和8年度 plans imported from the checked-in files), with the admin signed in.
 */
export async function seededCenter(t: TestContext, slug: "mie" | "fukushima"): Promise<SeededCenter> {
  // Both steps do nothing the second time, as on a later `npm start`.
  await seedOnFirstStart(t.database.db, SEED_ADMIN_PASSWORD);
  await seedPlans(t.database.db, () => {});
  const org = await t.database.db.execute(sql`select id from organizations where slug = ${slug}`);
  const depts = await t.database.db.execute(
    sql`select id, code, name from departments where org_id = ${org.rows[0]?.id} order by sort_order`,
  );
  const fixture = {
    id: String(org.rows[0]?.id),
    slug,
    departments: depts.rows.map((d) => ({ id: String(d.id), code: String(d.code), name: String(d.name) })),
  };
  const admin = await signIn(t.app, { org: fixture, login: "admin", password: SEED_ADMIN_PASSWORD });
  const planId = (await admin.get("/api/plans")).json().items[0].id as string;
  return { org: fixture, admin, planId };
}
