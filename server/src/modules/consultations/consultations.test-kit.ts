import type { ConsultationInput } from "@shien/contracts";
import { type SQL, sql } from "drizzle-orm";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { type Session, signIn } from "../../../test/factories.js";
import { makeSupportOrg, type SupportOrg } from "../../../test/support-fixtures.js";
import { systemActor } from "../../http/actor.js";
import { createCompany } from "../companies/index.js";

/** What the consultation tests share: a support org, a session per user, two registered businesses. */
export interface Kit {
  t: TestContext;
  s: SupportOrg;
  as: Record<keyof SupportOrg["users"], Session>;
  company: { fukushima: string; aizu: string };
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** A valid よろず consultation by yorozuStaff; override what the test is about. */
  input(over?: Partial<ConsultationInput>): ConsultationInput;
}

export async function makeKit(): Promise<Kit> {
  const t = await createTestContext();
  const s = await makeSupportOrg(t.database.db);
  const as = {} as Kit["as"];
  for (const [name, user] of Object.entries(s.users)) as[name as keyof Kit["as"]] = await signIn(t.app, user);
  const sys = systemActor(s.org.id, "test");
  const fukushima = await createCompany(t.database.db, sys, { name: "株式会社ふくしま精密", phone: "024-111-2222" });
  const aizu = await createCompany(t.database.db, sys, { name: "有限会社会津漆器工房" });
  return {
    t,
    s,
    as,
    company: { fukushima: fukushima.id, aizu: aizu.id },
    rows: async <T>(query: SQL) => (await t.database.db.execute(query)).rows as T[],
    input: (over = {}) => ({
      companyId: fukushima.id,
      programId: s.program.Y,
      channel: "window",
      occurredOn: "2026-05-12",
      staffUserIds: [s.users.yorozuStaff.id],
      topics: ["資金繰り"],
      notes: "運転資金の相談。",
      status: "ongoing",
      ...over,
    }),
  };
}

/** The live and voided facts a consultation wrote, oldest first. */
export const factsOf = (k: Kit, id: string) =>
  k.rows<{
    id: string;
    type: string;
    outcome: string | null;
    attributes: Record<string, unknown>;
    confidential: boolean;
    voided_at: Date | null;
    void_reason: string | null;
    replaced_by: string | null;
    department_id: string;
    company_id: string | null;
    fiscal_year: number;
  }>(
    sql`select * from activities where source_module = 'consultations' and source_id = ${id} order by created_at, type`,
  );

export const countOf = async (k: Kit, table: "consultations" | "activities") =>
  Number(
    (
      await k.rows<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${k.s.org.id}`,
      )
    )[0]?.n,
  );
