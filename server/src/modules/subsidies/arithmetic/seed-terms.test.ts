import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type SubsidyProgramTerms, subsidyProgramTermsSchema } from "@shien/contracts";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parsePrintedAmount } from "../../../lib/printed-amount.js";
import { SEED_SUBSIDY_TERMS, type SeedPlanKey } from "./seed-terms.js";

const seedPlansDir = fileURLToPath(new URL("../../../../seed-data/plans", import.meta.url));

interface YamlProgram {
  code?: string;
  name?: string;
  kinds?: string[];
  terms?: {
    subsidy?: { cap?: string; floor?: string; rate?: { numerator: number; denominator: number } };
    other?: { label: string; text: string }[];
  };
}

/** Every program and sub-program of a seed plan file that has subsidy terms. */
function yamlSubsidyPrograms(plan: SeedPlanKey): YamlProgram[] {
  const found: YamlProgram[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
    } else if (node && typeof node === "object") {
      const p = node as YamlProgram;
      if (typeof p.code === "string" && p.terms?.subsidy) found.push(p);
      Object.values(node).forEach(walk);
    }
  };
  walk(parse(readFileSync(`${seedPlansDir}/${plan}.yaml`, "utf8")));
  return found;
}

const plans = Object.keys(SEED_SUBSIDY_TERMS) as SeedPlanKey[];
const all: [SeedPlanKey, SubsidyProgramTerms][] = plans.flatMap((plan) =>
  SEED_SUBSIDY_TERMS[plan].map((t): [SeedPlanKey, SubsidyProgramTerms] => [plan, t]),
);

describe("seed subsidy terms", () => {
  it.each(all.map(([plan, t]) => [plan, t.programCode, t] as const))("%s %s is valid terms", (_plan, _code, terms) => {
    expect(subsidyProgramTermsSchema.parse(terms)).toEqual(terms);
  });

  it.each(plans)("every program of %s with terms.subsidy is in the table, with the plan's rate and cap", (plan) => {
    const programs = yamlSubsidyPrograms(plan);
    expect(programs.length).toBeGreaterThan(0);
    for (const p of programs) {
      const terms = SEED_SUBSIDY_TERMS[plan].find((t) => t.programCode === p.code);
      expect(terms, `${plan} ${p.code}`).toBeDefined();
      if (!terms) continue;
      expect(terms.name).toBe(p.name);
      const rate = p.terms?.subsidy?.rate;
      if (rate) expect(terms.rate).toEqual({ numerator: rate.numerator, denominator: rate.denominator });
      const cap = p.terms?.subsidy?.cap;
      // The plan file's single cap is the program's 上限額 or, for 海外出願, the 1企業あたり上限.
      if (cap) expect([terms.capYen, terms.perCompanyCapYen]).toContain(parsePrintedAmount(cap).yen);
      const floor = p.terms?.subsidy?.floor;
      if (floor) expect(terms.floorYen).toBe(parsePrintedAmount(floor).yen);
    }
  });

  it.each(plans)("every type cap in %s matches a printed 限度額 of the plan file", (plan) => {
    const programs = yamlSubsidyPrograms(plan);
    for (const terms of SEED_SUBSIDY_TERMS[plan]) {
      const p = programs.find((x) => x.code === terms.programCode);
      for (const type of terms.types ?? []) {
        if (type.capYen === undefined) continue;
        const printed = (p?.terms?.other ?? []).filter(
          (o) => o.label.includes("限度額") && o.label.includes(type.name.ja) && /^[\d,]+(千|万)?円$/.test(o.text),
        );
        const amounts = printed.map((o) => parsePrintedAmount(o.text).yen);
        expect(amounts, `${plan} ${terms.programCode} ${type.name.ja}`).toContain(type.capYen);
      }
    }
  });

  it("三重 11's course caps and floors are the plan's (賃上げ 2,000千円/500千円, 一般 1,000千円/300千円)", () => {
    const p = yamlSubsidyPrograms("mie-2026").find((x) => x.code === "11");
    const terms = SEED_SUBSIDY_TERMS["mie-2026"].find((t) => t.programCode === "11");
    for (const course of terms?.courses ?? []) {
      const text = p?.terms?.other?.find((o) => o.label === course.name.ja)?.text ?? "";
      const m = /上限([\d,]+千円)、下限([\d,]+千円)/.exec(text);
      expect(m, course.name.ja).not.toBeNull();
      expect(course.capYen).toBe(parsePrintedAmount(m?.[1] ?? "").yen);
      expect(course.floorYen).toBe(parsePrintedAmount(m?.[2] ?? "").yen);
    }
    expect(terms?.courses?.map((c) => c.name.ja)).toEqual(["賃上げコース", "一般コース"]);
  });

  it("三重 11 lists the plan's six expense categories", () => {
    const terms = SEED_SUBSIDY_TERMS["mie-2026"].find((t) => t.programCode === "11");
    expect(terms?.categories?.map((c) => c.name.ja)).toEqual([
      "広報費",
      "展示会出展費",
      "開発費",
      "借料",
      "機械装置等費",
      "外注費",
    ]);
  });
});

describe("the terms schema", () => {
  const base: SubsidyProgramTerms = {
    programCode: "X-1",
    name: "テスト補助金",
    unitYen: 1000,
    rate: { numerator: 1, denominator: 2 },
  };
  const messages = (t: unknown) => subsidyProgramTermsSchema.safeParse(t).error?.issues.map((i) => i.message) ?? [];

  it("when a floor is above a cap of the same combination, then the terms are refused", () => {
    expect(messages({ ...base, capYen: 100_000, floorYen: 200_000 })).toEqual(["下限額が上限額を超えています"]);
    expect(
      messages({
        ...base,
        capYen: 1_000_000,
        courses: [{ code: "a", name: { ja: "A", en: "A" }, floorYen: 2_000_000 }],
      }),
    ).toEqual(["下限額が上限額を超えています（A）"]);
  });

  it("when no level sets a rate, or a rate is above 10/10, then the terms are refused", () => {
    const { rate: _rate, ...noRate } = base;
    expect(messages(noRate)).toEqual(["補助率がありません"]);
    expect(
      messages({
        ...noRate,
        courses: [{ code: "a", name: { ja: "A", en: "A" }, rate: { numerator: 1, denominator: 2 } }],
      }),
    ).toEqual([]);
    expect(messages({ ...base, rate: { numerator: 3, denominator: 2 } })).toEqual([
      "補助率は10分の10以下にしてください",
    ]);
  });

  it("when course names or category names repeat, then the terms are refused", () => {
    expect(
      messages({
        ...base,
        courses: [
          { code: "a", name: { ja: "A", en: "A" } },
          { code: "b", name: { ja: "A", en: "B" } },
        ],
      }),
    ).toEqual(["「A」が重複しています"]);
    expect(
      messages({
        ...base,
        categories: [
          { code: "a", name: { ja: "広報費", en: "A" } },
          { code: "b", name: { ja: "広報費", en: "B" } },
        ],
      }),
    ).toEqual(["経費区分「広報費」が重複しています"]);
  });

  it("when the unit is not a power of ten up to 10,000 or the prior step is malformed, then the terms are refused", () => {
    expect(messages({ ...base, unitYen: 500 })).toHaveLength(1);
    expect(messages({ ...base, requiresPriorStep: "dispatch:I-1-7-1" })).toEqual([]);
    expect(messages({ ...base, requiresPriorStep: "診断" })).toHaveLength(1);
  });
});
