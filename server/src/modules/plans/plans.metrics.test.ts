import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Indicator, Metric, PlanFile } from "@shien/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createTestContext, type TestContext } from "../../../test/context.js";
import { systemActor } from "../../http/actor.js";
import { seedOnFirstStart } from "../../setup/first-start.js";
import { seedPlansDir } from "../../setup/seed-plans.js";
import { findOrganizationBySlug } from "../organizations/index.js";
import { importPlanText, PlanFileError } from "./index.js";
import { walkTree } from "./plan-file.checks.js";
import { loadPlanFile } from "./plan-file.loader.js";
import { planToFile } from "./plans.file-export.js";

/**
 * The metric of every indicator of the two seed plans: present, classified (computable from the
 * facts that exist today, entered by hand, or waiting for a later module), kept through export and
 * re-import; and the definitions that could never compute refused at import with their path.
 */

let t: TestContext;
const seed = (name: string) => {
  const file = path.join(seedPlansDir, name);
  return { file, text: readFileSync(file, "utf8") };
};
const seeds = { fukushima: seed("fukushima-2026.yaml"), mie: seed("mie-2026.yaml") };

interface Located {
  code: string;
  indicator: Indicator;
}
function indicatorsOf(plan: PlanFile): Located[] {
  const out: Located[] = [];
  walkTree(plan.tree, ["tree"], (program) => {
    for (const indicator of program.indicators) out.push({ code: program.code, indicator });
  });
  return out;
}
const keyOf = (l: Located) => `${l.code} ${l.indicator.category} ${l.indicator.name}`;
const metricsOf = (plan: PlanFile) =>
  Object.fromEntries(indicatorsOf(plan).map((l) => [keyOf(l), l.indicator.metric ?? null]));
const kindOf = (m: Metric) => (m.measure === "manual" || m.measure === "pending" ? m.measure : "computable");

async function count(table: string): Promise<number> {
  const r = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number(r.rows[0]?.n);
}

beforeAll(async () => {
  t = await createTestContext();
  await seedOnFirstStart(t.database.db, "seed-admin-password");
});
afterAll(() => t.close());

describe("the seed plans' metrics", () => {
  it("when both seed plans are loaded and imported, then every indicator has a metric, stored with it", async () => {
    for (const { file, text } of Object.values(seeds)) {
      const { plan } = loadPlanFile(text, file);
      const all = indicatorsOf(plan);
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((l) => !l.indicator.metric).map(keyOf)).toEqual([]);
      const r = await importPlanText(t.database.db, text, file);
      expect(r.created).toBe(true);
      expect(r.indicators).toBe(all.length);
    }
    expect(await count("indicators")).toBe(103);
    const missing = await t.database.db.execute(sql`select count(*)::int as n from indicators where metric is null`);
    expect(Number(missing.rows[0]?.n)).toBe(0);
  });

  it("when the metrics are tallied, then each plan has the known split of computable, manual and pending", () => {
    const tally = Object.fromEntries(
      Object.entries(seeds).map(([org, { file, text }]) => {
        const counts = { computable: 0, manual: 0, pending: 0 };
        for (const l of indicatorsOf(loadPlanFile(text, file).plan)) counts[kindOf(l.indicator.metric as Metric)]++;
        return [org, counts];
      }),
    );
    expect(tally).toEqual({
      fukushima: { computable: 25, manual: 2, pending: 23 },
      mie: { computable: 20, manual: 12, pending: 21 },
    });
  });

  it("when a metric is entered by hand or waits for a module, then it says where the figure comes from", () => {
    for (const { file, text } of Object.values(seeds)) {
      for (const l of indicatorsOf(loadPlanFile(text, file).plan)) {
        const m = l.indicator.metric as Metric;
        if (m.measure === "manual" || m.measure === "pending") expect(m.note, keyOf(l)).toMatch(/\S/);
        if (m.measure === "pending") expect(m.note, keyOf(l)).toContain(m.feed);
      }
    }
  });

  it("when a computable metric only approximates the indicator, then the indicator's note says how it is read", () => {
    const approximations = Object.values(seeds).flatMap(({ file, text }) =>
      indicatorsOf(loadPlanFile(text, file).plan)
        .filter((l) => l.indicator.note?.includes("実績の算定"))
        .map((l) => {
          expect(kindOf(l.indicator.metric as Metric)).toBe("computable");
          return keyOf(l);
        }),
    );
    expect(approximations).toEqual([
      "I-1-4 activity 新規相談件数",
      "I-1-6 priority 課題解決件数",
      "I-1-6 activity 専門家派遣回数",
      "I-1-6 activity 支援事業者数（名寄せ後）",
      "II-1-1 activity エネルギー・エージェンシーふくしまによる事業化支援件数",
      "II-3-1 activity 採択者訪問件数",
      "5 priority マッチング(成約)件数",
      "13 activity 専門家による成長分野参入展開企業の掘り起し",
      "17 activity 新規相談回数",
    ]);
  });

  it("when a plan is exported and the export imported again, then every metric comes back unchanged", async () => {
    for (const [slug, { file, text }] of Object.entries(seeds)) {
      const expected = metricsOf(loadPlanFile(text, file).plan);
      const org = await findOrganizationBySlug(t.database.db, slug);
      const actor = systemActor(org?.id as string, "test");
      const planId = (await importPlanText(t.database.db, text, file, { reviseReason: "往復確認" })).planId;
      const exported = stringify(await planToFile(t.database.db, actor, planId, slug), { lineWidth: 0 });
      expect(metricsOf(loadPlanFile(exported, "export.yaml").plan)).toEqual(expected);
      await importPlanText(t.database.db, exported, "export.yaml", { reviseReason: "往復確認" });
      const again = stringify(await planToFile(t.database.db, actor, planId, slug), { lineWidth: 0 });
      expect(metricsOf(loadPlanFile(again, "export.yaml").plan)).toEqual(expected);
    }
  });
});

describe("metric definitions that could never compute", () => {
  /** A one-program plan of Mie's (a year no other test uses) whose only indicator has the given metric block. */
  const planWith = (metric: string[]) =>
    [
      "org: mie",
      "fiscalYear: 2031",
      "title: 指標の算定式のテスト",
      "status: draft",
      "source: test",
      "tree:",
      "  - program:",
      '      numbering: "【1】"',
      '      code: "1"',
      "      name: よろず支援拠点事業",
      "      status: continuing",
      "      kinds: [consultation]",
      "      departments: [よろず支援・事業承継課]",
      "      indicators:",
      "        - category: priority",
      "          name: 課題解決件数",
      "          unit: 件",
      "          target: 100",
      "          metric:",
      ...metric.map((l) => `            ${l}`),
      "",
    ].join("\n");
  const at = "tree[0].program.indicators[0].metric";

  const cases: { when: string; metric: string[]; path: string | RegExp; message: RegExp; line: number }[] = [
    {
      when: "a fact type does not exist",
      metric: ["measure: count", "types:", "  - consultation", "  - seminar_attended"],
      path: `${at}.types[1]`,
      message: /無効な選択.*consultation/,
      line: 23,
    },
    {
      when: "an attribute is not a dimension of the fact types",
      metric: ["measure: count", "types: [consultation, visit]", "attributes:", "  channel: visit", "  colour: red"],
      path: `${at}.attributes.colour`,
      message: /属性「colour」は事実の種類 consultation, visit にありません（使える属性: channel）/,
      line: 24,
    },
    {
      when: "a ratio has no denominator",
      metric: ["measure: ratio", "percent: true", "numerator:", "  types: [issue_resolved]"],
      path: `${at}.denominator`,
      message: /無効な入力/,
      line: 20,
    },
    {
      when: "a program code is not in the plan",
      metric: ["measure: count", "types: [issue_resolved]", "programs: [Z-9]"],
      // The index of a list found by the importer's own checks is written `.0` today, `[0]` by the schema.
      path: new RegExp(`^${at.replace(/[.[\]]/g, "\\$&")}\\.programs(\\[0\\]|\\.0)$`),
      message: /事業コード Z-9 がこの計画にありません/,
      line: 22,
    },
    {
      when: "a sum does not say what it sums",
      metric: ["measure: sum", "types: [dispatch]"],
      path: `${at}.of`,
      message: /無効な選択.*quantity.*amount/,
      line: 20,
    },
    {
      when: "a ratio's part sums without saying what",
      metric: [
        "measure: ratio",
        "numerator:",
        "  measure: sum",
        "  types: [dispatch]",
        "denominator:",
        "  types: [dispatch]",
      ],
      path: `${at}.numerator.of`,
      message: /合計には of: quantity か of: amount を指定してください/,
      line: 22,
    },
    {
      when: "a department is not one of the plan's",
      metric: ["measure: count", "types: [consultation]", "departments: [存在しない課]"],
      path: new RegExp(`^${at.replace(/[.[\]]/g, "\\$&")}\\.departments(\\[0\\]|\\.0)$`),
      message: /部署「存在しない課」はこの計画のどの事業の担当課でもありません/,
      line: 22,
    },
    {
      when: "a pending metric names no known module",
      metric: ["measure: pending", "feed: warp-drive"],
      path: `${at}.feed`,
      message: /無効な選択.*seminars/,
      line: 21,
    },
  ];

  for (const c of cases)
    it(`when ${c.when}, then the import is refused with the indicator's path and line`, async () => {
      const plansBefore = await count("plans");
      const indicatorsBefore = await count("indicators");
      let error: unknown;
      try {
        await importPlanText(t.database.db, planWith(c.metric), "bad-metric.yaml");
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(PlanFileError);
      const issues = (error as PlanFileError).errors;
      expect(issues).toHaveLength(1);
      const issue = issues[0];
      if (typeof c.path === "string") expect(issue?.path).toBe(c.path);
      else expect(issue?.path).toMatch(c.path);
      expect(issue?.message).toMatch(c.message);
      expect(issue?.line).toBe(c.line);
      expect(await count("plans")).toBe(plansBefore);
      expect(await count("indicators")).toBe(indicatorsBefore);
    });

  it("when the same plan has a valid metric, then it imports", async () => {
    const r = await importPlanText(
      t.database.db,
      planWith(["measure: count", "types: [issue_resolved]", "departments: [よろず支援・事業承継課]"]),
      "good-metric.yaml",
    );
    expect(r).toMatchObject({ created: true, indicators: 1, warnings: [] });
  });
});

describe("shien plan check", () => {
  it("when Fukushima's plan is checked, then only the four known budget-statement warnings remain", () => {
    const root = path.resolve(seedPlansDir, "../../..");
    const file = path.relative(root, seeds.fukushima.file);
    const out = execFileSync(process.execPath, ["bin/shien.js", "plan", "check", file], {
      cwd: root,
      encoding: "utf8",
    });
    const warnings = out.split("\n").filter((l) => l.startsWith("warning"));
    expect(warnings).toHaveLength(4);
    expect(warnings.every((w) => /budgetStatement\.lines\[(7|17)\]\.(current|previous)/.test(w))).toBe(true);
    expect(out).toContain("OK (4 warning(s))");
    expect(loadPlanFile(seeds.mie.text, seeds.mie.file).warnings).toEqual([]);
  }, 60_000);
});
