import { randomBytes } from "node:crypto";
import type { FactType } from "@shien/contracts";
import type { Db } from "../../db/client.js";
import { systemActor } from "../../http/actor.js";
import { type FactInput, recordFact } from "../activities/index.js";
import { createCompany } from "../companies/companies.service.js";
import { createDepartment } from "../departments/index.js";
import { createOrganization } from "../organizations/index.js";
import { importPlanText, type SupportProgram, supportProgramByCode } from "../plans/index.js";

/**
 * A center whose plan defines one indicator per measure, for the KPI tests: よろず (Y) counts,
 * distinct businesses, visits, a first-quarter count, a ratio, a manual figure and a pending one;
 * 派遣 (D, with sub-program D-1) sums fees; 再生 (R) is confidential.
 */
const plan = (slug: string, fiscalYear: number) => `
org: ${slug}
fiscalYear: ${fiscalYear}
title: KPIテスト計画
status: adopted
source: test
tree:
  - group:
      numbering: "1"
      title: 経営支援
      children:
        - program:
            numbering: "(1)"
            code: "Y"
            name: よろず支援拠点事業
            status: continuing
            kinds: [consultation]
            departments: [よろず支援拠点]
            indicators:
              - { category: activity, name: 相談件数, unit: 件, target: 20, metric: { measure: count, types: [consultation, visit] } }
              - { category: priority, name: 課題解決件数, unit: 件, target: 10, metric: { measure: count, types: [issue_resolved] } }
              - { category: activity, name: 支援事業者数（名寄せ後）, unit: 者, target: 4, metric: { measure: distinctCompanies, types: [consultation, visit] } }
              - { category: activity, name: 訪問件数, unit: 件, target: null, targetText: "-", metric: { measure: count, types: [consultation, visit], attributes: { channel: visit } } }
              - { category: reference, name: 第1四半期相談件数, unit: 件, target: null, metric: { measure: count, types: [consultation, visit], period: { quarter: 1 } } }
              - { category: reference, name: 第1四半期支援事業者数, unit: 者, target: null, metric: { measure: distinctCompanies, types: [consultation, visit], period: { quarter: 1 } } }
              - { category: reference, name: 解決率, unit: "%", target: 50, metric: { measure: ratio, percent: true, numerator: { types: [issue_resolved] }, denominator: { types: [referral_sent] } } }
              - { category: reference, name: 入場者数, unit: 人, target: 1000, metric: { measure: manual } }
              - { category: reference, name: 受講者数, unit: 人, target: 100, metric: { measure: pending, feed: seminars } }
        - program:
            numbering: "(2)"
            code: "D"
            name: 専門家派遣事業
            status: continuing
            kinds: [dispatch]
            departments: [経営支援課]
            indicators:
              - { category: activity, name: 専門家派遣回数, unit: 回, target: 8, metric: { measure: count, types: [dispatch] } }
              - { category: reference, name: 派遣謝金, unit: 円, target: null, metric: { measure: sum, of: amount, types: [dispatch] } }
            subPrograms:
              - numbering: "①"
                code: "D-1"
                name: 専門家派遣制度
                kinds: [dispatch]
        - program:
            numbering: "(3)"
            code: "R"
            name: 中小企業活性化事業
            status: continuing
            kinds: [consultation]
            departments: [中小企業活性化協議会]
            indicators:
              - { category: activity, name: 再生相談件数, unit: 件, target: 4, metric: { measure: count, types: [consultation] } }
`;

export interface KpiOrg {
  orgId: string;
  slug: string;
  dept: { yorozu: string; keiei: string; kyogikai: string };
  program: (fiscalYear: number, code: string) => Promise<SupportProgram>;
  company: (name: string) => Promise<string>;
  /** Writes facts as the CLI operator would (each call one transaction). */
  facts: (list: FactSpec[]) => Promise<string[]>;
}

export interface FactSpec {
  type: FactType;
  code: string;
  on: string;
  companyId?: string | null;
  outcome?: string;
  amountYen?: number;
  channel?: string;
  department?: string;
}

export async function makeKpiOrg(db: Db, years: number[] = [2025, 2026]): Promise<KpiOrg> {
  const uid = randomBytes(4).toString("hex");
  const org = await createOrganization(db, { slug: `k${uid}`, name: `KPIテストセンター ${uid}` });
  const actor = systemActor(org.id, "test");
  const yorozu = await createDepartment(db, actor, { code: "yorozu", name: "よろず支援拠点" });
  const keiei = await createDepartment(db, actor, { code: "keiei", name: "経営支援課" });
  const kyogikai = await createDepartment(db, actor, { code: "kyogikai", name: "中小企業活性化協議会" });
  for (const y of years) await importPlanText(db, plan(org.slug, y), `kpi-${y}.yaml`);
  const cache = new Map<string, SupportProgram>();
  const program = async (fy: number, code: string) => {
    const key = `${fy}/${code}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const p = await supportProgramByCode(db, org.id, fy, code);
    if (!p) throw new Error(`no program ${key}`);
    cache.set(key, p);
    return p;
  };
  const fiscal = (on: string) => (Number(on.slice(5, 7)) >= 4 ? Number(on.slice(0, 4)) : Number(on.slice(0, 4)) - 1);
  return {
    orgId: org.id,
    slug: org.slug,
    dept: { yorozu: yorozu.id, keiei: keiei.id, kyogikai: kyogikai.id },
    program,
    company: async (name) => (await createCompany(db, actor, { name })).id,
    facts: async (list) => {
      const inputs: FactInput[] = [];
      for (const f of list) {
        const p = await program(fiscal(f.on), f.code);
        const attributes: Record<string, unknown> =
          f.type === "consultation" || f.type === "visit"
            ? {
                channel: f.channel ?? (f.type === "visit" ? "visit" : "window"),
                topics: [],
                durationMinutes: null,
                staffCount: 1,
              }
            : f.type === "dispatch" || f.type === "dispatch_completed"
              ? { frameId: p.id, frame: "一般枠", expertId: p.id, minutes: 120 }
              : f.type.startsWith("referral_")
                ? { target: "agency", toDepartmentId: null, agency: "商工会" }
                : { topics: [] };
        inputs.push({
          type: f.type,
          program: p,
          departmentId: f.department ?? (p.departmentIds[0] as string),
          companyId: f.companyId ?? null,
          personName: f.companyId ? null : "匿名の相談者",
          occurredOn: f.on,
          outcome: f.outcome ?? null,
          amountYen: f.amountYen ?? null,
          attributes: attributes as FactInput["attributes"],
        });
      }
      const rows = await db.transaction((tx) => recordFact(tx, actor, { module: "import", id: null }, inputs));
      return rows.map((r) => r.id);
    },
  };
}
