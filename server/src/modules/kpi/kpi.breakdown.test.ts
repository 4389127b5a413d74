import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { systemActor } from "../../http/actor.js";
import { importPlanText, PlanFileError } from "../plans/index.js";
import { quarterlyReport } from "./kpi.exports.js";
import { getDashboard } from "./kpi.service.js";
import { type KpiOrg, makeKpiOrg } from "./kpi.test-kit.js";

// 内訳 (国内 / 外国): an indicator whose plan prints targets per label only, like Fukushima's
// 助成金採択件数 (国内 42 / 外国 6), counted per label by the sub-program each label belongs to.

let t: TestContext;
let k: KpiOrg;

const plan = (slug: string, breakdownMetric: string) => `
org: ${slug}
fiscalYear: 2026
title: 内訳テスト計画
status: adopted
source: test
tree:
  - program:
      numbering: "(1)"
      code: "P"
      name: 産業財産権取得支援事業
      status: continuing
      kinds: [consultation]
      departments: [経営支援課]
      indicators:
        - category: activity
          name: 相談件数
          unit: 件
          target: null
          breakdown: [{ label: 国内, target: 4 }, { label: 外国, target: 2 }, { label: その他, target: 1 }]
          metric: { measure: count, types: [consultation], breakdown: ${breakdownMetric} }
      subPrograms:
        - { numbering: "①", code: "P-1", name: 国内出願助成, kinds: [consultation] }
        - { numbering: "②", code: "P-2", name: 海外出願支援, kinds: [consultation] }
`;

beforeAll(async () => {
  t = await createTestContext();
  k = await makeKpiOrg(t.database.db, []);
  await importPlanText(
    t.database.db,
    plan(k.slug, `{ 国内: { programs: ["P-1"] }, 外国: { programs: ["P-2"] } }`),
    "breakdown.yaml",
  );
  const c = await k.company("特許商事");
  await k.facts([
    { type: "consultation", code: "P-1", on: "2026-05-01", companyId: c },
    { type: "consultation", code: "P-1", on: "2026-06-01", companyId: c },
    { type: "consultation", code: "P-1", on: "2026-07-01", companyId: c },
    { type: "consultation", code: "P-2", on: "2026-07-02", companyId: c },
    { type: "consultation", code: "P", on: "2026-07-03", companyId: c },
  ]);
});
afterAll(() => t.close());

describe("an indicator with 内訳 targets", () => {
  it("when facts are recorded in each label's sub-program, then each label has its actual and 進捗率; the total counts them all", async () => {
    const d = await getDashboard(t.database.db, systemActor(k.orgId, "test"), { fiscalYear: 2026, asOf: "2027-03-31" });
    const item = d.items.find((i) => i.name === "相談件数");
    expect(item).toMatchObject({ target: null, actual: 5, progress: null });
    expect(item?.breakdown).toEqual([
      { label: "国内", target: 4, actual: 3, progress: 75 },
      { label: "外国", target: 2, actual: 1, progress: 50 },
      // the metric does not say how その他 is counted: no figure is made up
      { label: "その他", target: 1, actual: null, progress: null },
    ]);
  });

  it("when counted as of a day, then each label counts only up to it", async () => {
    const d = await getDashboard(t.database.db, systemActor(k.orgId, "test"), { fiscalYear: 2026, asOf: "2026-06-15" });
    const item = d.items.find((i) => i.name === "相談件数");
    expect(item?.breakdown?.map((b) => b.actual)).toEqual([2, 0, null]);
  });

  it("when the quarterly report is written, then each 内訳 has its own row under the indicator", async () => {
    const { body } = await quarterlyReport(t.database.db, systemActor(k.orgId, "test"), "内訳テスト", {
      fiscalYear: 2026,
      quarter: 2,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0]?.getSheetValues() ?? []) as unknown[][];
    const named = (name: string) => rows.find((r) => Array.isArray(r) && r[4] === name) as unknown[];
    // ExcelJS rows are 1-based: 6 計画, 7–8 第1–第2四半期, 9 累計, 10 進捗率.
    expect(named("相談件数").slice(6, 11)).toEqual(["", 2, 3, 5, undefined]);
    expect(named("相談件数（国内）").slice(6, 11)).toEqual([4, undefined, undefined, 3, 0.75]);
    expect(named("相談件数（外国）").slice(6, 11)).toEqual([2, undefined, undefined, 1, 0.5]);
    expect(named("相談件数（その他）")[11]).toBe("内訳の算定式なし");
  });

  it("when the plan names a label the indicator does not have, or a program it does not have, then the file is refused naming the path", async () => {
    const bad = plan(k.slug, `{ 海外: { programs: ["P-2"] }, 国内: { programs: ["P-9"] } }`);
    const err = await importPlanText(t.database.db, bad, "bad.yaml", { reviseReason: "内訳の定義" }).catch((e) => e);
    expect(err).toBeInstanceOf(PlanFileError);
    const messages = (err as PlanFileError).errors.map((i) => `${i.path}: ${i.message}`).join("\n");
    expect(messages).toContain(
      "metric.breakdown.海外: 内訳「海外」はこの指標の breakdown にありません（国内・外国・その他）",
    );
    expect(messages).toContain("metric.breakdown.国内.programs[0]: 事業コード P-9 がこの計画にありません");
  });
});
