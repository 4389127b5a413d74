import { randomBytes } from "node:crypto";
import type { Role } from "@shien/contracts";
import type { Db } from "../src/db/client.js";
import { systemActor } from "../src/http/actor.js";
import { createDepartment } from "../src/modules/departments/index.js";
import { createOrganization } from "../src/modules/organizations/index.js";
import { importPlanText, supportProgramByCode } from "../src/modules/plans/index.js";
import { makeUser, type OrgFixture, type UserFixture } from "./factories.js";

/**
 * A small center for the support-record tests: three departments (よろず支援拠点, 経営支援課 and the
 * confidential 中小企業活性化協議会), a 令和8年度 plan (and a 令和7年度 one, for the fiscal-year
 * boundary) with a consultation program per department and an expert-dispatch program whose
 * sub-program states two frames (一般枠 延べ5回, BCP枠 延べ2回), and a user of every role.
 */
export interface SupportOrg {
  org: OrgFixture;
  dept: { yorozu: string; keiei: string; kyogikai: string };
  /** Program ids by code, FY2026: Y (よろず), K (経営支援), R (再生, confidential), D (派遣), D-1 (its frames). */
  program: Record<"Y" | "K" | "R" | "D" | "D-1", string>;
  /** The same codes in the FY2025 plan. */
  program2025: Record<"Y", string>;
  users: {
    admin: UserFixture;
    yorozuStaff: UserFixture;
    yorozuManager: UserFixture;
    keieiStaff: UserFixture;
    keieiManager: UserFixture;
    kyogikaiStaff: UserFixture;
    viewer: UserFixture;
  };
}

const planYaml = (slug: string, fiscalYear: number) => `
org: ${slug}
fiscalYear: ${fiscalYear}
title: テスト計画 ${fiscalYear}
status: adopted
source: test fixture
tree:
  - program:
      numbering: "(1)"
      code: "Y"
      name: よろず支援拠点事業
      status: continuing
      kinds: [consultation]
      departments: [よろず支援拠点]
      indicators:
        - { category: priority, name: 課題解決件数, unit: 件, target: 100 }
  - program:
      numbering: "(2)"
      code: "K"
      name: 経営支援事業
      status: continuing
      kinds: [consultation]
      departments: [経営支援課]
  - program:
      numbering: "(3)"
      code: "R"
      name: 中小企業活性化事業
      status: continuing
      kinds: [consultation]
      departments: [中小企業活性化協議会]
  - program:
      numbering: "(4)"
      code: "D"
      name: 専門家派遣事業
      status: continuing
      kinds: [dispatch]
      departments: [経営支援課]
      subPrograms:
        - numbering: "①"
          code: "D-1"
          name: 専門家派遣制度
          kinds: [dispatch]
          outputs:
            - { label: 専門家派遣（一般枠）, quantity: 5, unit: 回, cumulative: true }
            - { label: 専門家派遣（BCP枠）, quantity: 2, unit: 回, cumulative: true }
`;

const uid = () => randomBytes(4).toString("hex");

export async function makeSupportOrg(db: Db): Promise<SupportOrg> {
  const created = await createOrganization(db, { slug: `s${uid()}`, name: `テスト支援センター ${uid()}` });
  const actor = systemActor(created.id, "test");
  const yorozu = await createDepartment(db, actor, { code: "yorozu", name: "よろず支援拠点" });
  const keiei = await createDepartment(db, actor, { code: "keiei", name: "経営支援課" });
  const kyogikai = await createDepartment(db, actor, { code: "kyogikai", name: "中小企業活性化協議会" });
  const org: OrgFixture = {
    id: created.id,
    slug: created.slug,
    departments: [yorozu, keiei, kyogikai].map((d) => ({ id: d.id, code: d.code })),
  };
  await importPlanText(db, planYaml(org.slug, 2025), "fixture-2025.yaml");
  await importPlanText(db, planYaml(org.slug, 2026), "fixture-2026.yaml");
  const id = async (fy: number, code: string) => {
    const p = await supportProgramByCode(db, org.id, fy, code);
    if (!p) throw new Error(`fixture program ${code} missing`);
    return p.id;
  };
  const user = (role: Role, departmentIds: string[]) => makeUser(db, org, { role, departmentIds });
  return {
    org,
    dept: { yorozu: yorozu.id, keiei: keiei.id, kyogikai: kyogikai.id },
    program: {
      Y: await id(2026, "Y"),
      K: await id(2026, "K"),
      R: await id(2026, "R"),
      D: await id(2026, "D"),
      "D-1": await id(2026, "D-1"),
    },
    program2025: { Y: await id(2025, "Y") },
    users: {
      admin: await user("admin", [yorozu.id]),
      yorozuStaff: await user("staff", [yorozu.id]),
      yorozuManager: await user("manager", [yorozu.id]),
      keieiStaff: await user("staff", [keiei.id]),
      keieiManager: await user("manager", [keiei.id]),
      kyogikaiStaff: await user("staff", [kyogikai.id]),
      viewer: await user("viewer", [yorozu.id]),
    },
  };
}
