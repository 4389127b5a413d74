import type { SubsidyCalcInput, SubsidyCalcResult, SubsidyProgramTerms } from "@shien/contracts";
import { describe, expect, it } from "vitest";
import { calculateSubsidy, confirmSubsidy } from "./calculate.js";
import { seedTerms } from "./seed-terms.js";
import { resolveTerms } from "./terms.js";

const cost = (amountYen: number, extra: Partial<SubsidyCalcInput> = {}): SubsidyCalcInput => ({
  lines: [{ amountYen }],
  ...extra,
});

function amountOf(r: SubsidyCalcResult): number {
  return r.amount;
}

function refusalOf(r: SubsidyCalcResult) {
  if (!("refused" in r)) throw new Error(`expected a refusal, got ${r.amount}`);
  return r.refused;
}

const mie11 = seedTerms("mie-2026", "11");
/** Mie 11's categories carry no limits in the plan; lines need one of them. */
const machinery = (amountYen: number, extra: Partial<SubsidyCalcInput> = {}): SubsidyCalcInput => ({
  lines: [{ category: "機械装置等費", amountYen }],
  ...extra,
});

describe("三重 11 生産性向上・業態転換支援補助金 (courses, floors, 1/2, 千円未満切捨て)", () => {
  it.each([
    ["賃上げコース", 3_000_000, 1_500_000],
    ["賃上げコース", 4_000_000, 2_000_000],
    ["賃上げコース", 9_999_999, 2_000_000],
    ["賃上げコース", 1_000_000, 500_000],
    ["賃上げコース", 1_001_999, 500_000],
    ["賃上げコース", 1_002_000, 501_000],
    ["一般コース", 600_000, 300_000],
    ["一般コース", 1_999_999, 999_000],
    ["一般コース", 2_000_000, 1_000_000],
    ["一般コース", 5_000_000, 1_000_000],
  ])("when %s has %i yen of eligible cost, then the subsidy is %i yen", (course, eligible, expected) => {
    expect(amountOf(calculateSubsidy(mie11, machinery(eligible, { course })))).toBe(expected);
  });

  it("when 賃上げコース's amount after rounding is below 500,000 yen, then it is refused naming the floor and the amount, never raised", () => {
    const r = calculateSubsidy(mie11, machinery(999_999, { course: "賃上げコース" }));
    expect(r.amount).toBe(0);
    const refused = refusalOf(r);
    expect(refused.code).toBe("below_floor");
    expect(refused.ja).toContain("賃上げコースの下限額 500,000円");
    expect(refused.ja).toContain("499,000円");
    expect(refused.en).toContain("500,000");
  });

  it("when 一般コース's amount is 299,000 yen (599,999 yen of cost), then it is refused below the 300,000 yen floor", () => {
    expect(refusalOf(calculateSubsidy(mie11, machinery(599_999, { course: "general" }))).code).toBe("below_floor");
  });

  it("when no course is given, then the program asks for one and lists both", () => {
    const refused = refusalOf(calculateSubsidy(mie11, machinery(3_000_000)));
    expect(refused.code).toBe("course_required");
    expect(refused.ja).toContain("賃上げコース");
    expect(refused.ja).toContain("一般コース");
  });

  it("when the course is named by code, Japanese name, English name or with full-width spaces, then it is found", () => {
    for (const course of ["wage_increase", "賃上げコース", "Wage-increase course", "賃上げ　コース"]) {
      expect(amountOf(calculateSubsidy(mie11, machinery(3_000_000, { course })))).toBe(1_500_000);
    }
    expect(refusalOf(calculateSubsidy(mie11, machinery(3_000_000, { course: "特別コース" }))).code).toBe(
      "unknown_course",
    );
  });

  it("when a type is given for a program without types, then it is refused", () => {
    expect(refusalOf(calculateSubsidy(mie11, machinery(3_000_000, { course: "一般コース", type: "特許" }))).code).toBe(
      "unknown_type",
    );
  });

  it("when a line's category is not one of the six eligible ones, or missing, then it is refused", () => {
    const unknown = calculateSubsidy(mie11, {
      course: "一般コース",
      lines: [
        { category: "広報費", amountYen: 500_000 },
        { category: "人件費", amountYen: 500_000 },
      ],
    });
    expect(refusalOf(unknown).code).toBe("unknown_category");
    expect(refusalOf(unknown).ja).toContain("人件費");
    const missing = calculateSubsidy(mie11, { course: "一般コース", lines: [{ amountYen: 500_000 }] });
    expect(refusalOf(missing).code).toBe("category_required");
  });

  it("when lines span categories, then they add up by category and the working lists each", () => {
    const r = calculateSubsidy(mie11, {
      course: "賃上げコース",
      lines: [
        { category: "machinery", amountYen: 2_000_000 },
        { category: "広報費", amountYen: 300_000 },
        { category: "広報費", amountYen: 700_000 },
      ],
    });
    expect(r.amount).toBe(1_500_000);
    expect(r.steps.map((s) => s.key)).toEqual([
      "line.1.tax",
      "line.2.tax",
      "line.3.tax",
      "category.advertising",
      "category.machinery",
      "eligible",
      "rate",
      "unit",
      "floor",
      "cap.course",
      "final",
    ]);
    expect(r.steps.find((s) => s.key === "category.advertising")?.yen).toBe(1_000_000);
    expect(r.steps.find((s) => s.key === "line.1.tax")?.label.ja).toBe("経費1（機械装置等費）の対象額");
    expect(r.steps.find((s) => s.key === "rate")?.fraction).toEqual({ numerator: 1, denominator: 2 });
  });

  it("when the funder decides a lower rate (1/2以内), then it applies; a higher one is refused", () => {
    expect(
      amountOf(
        calculateSubsidy(
          mie11,
          machinery(3_000_000, { course: "賃上げコース", rate: { numerator: 1, denominator: 3 } }),
        ),
      ),
    ).toBe(1_000_000);
    expect(
      refusalOf(
        calculateSubsidy(
          mie11,
          machinery(3_000_000, { course: "賃上げコース", rate: { numerator: 2, denominator: 3 } }),
        ),
      ).code,
    ).toBe("rate_above_terms");
  });

  it("exposes each course's size classes for the eligibility part (一般コース: 小規模企業等のみ)", () => {
    const general = resolveTerms(mie11, { course: "一般コース" });
    const wage = resolveTerms(mie11, { course: "賃上げコース" });
    expect(general.ok && general.terms.eligibleSizeClasses).toEqual(["small"]);
    expect(wage.ok && wage.terms.eligibleSizeClasses).toEqual(["sme", "small"]);
  });
});

describe("消費税 (tax exclusion and the 免税・簡易課税 flag)", () => {
  it("when costs are tax-included at 10%, then the tax is excluded: 3,300,000 yen → 3,000,000 → 1,500,000 yen", () => {
    const r = calculateSubsidy(mie11, machinery(3_300_000, { course: "賃上げコース", taxIncluded: true }));
    expect(r.amount).toBe(1_500_000);
    expect(r.steps[0]).toMatchObject({ key: "line.1.tax", yen: 3_000_000 });
    expect(r.steps[0]?.note).toContain("100/110");
  });

  it("when a line is at the reduced 8% rate, then × 100/108 applies to that line only", () => {
    const r = calculateSubsidy(mie11, {
      course: "賃上げコース",
      taxIncluded: true,
      lines: [
        { category: "広報費", amountYen: 1_080_000, taxRate: "reduced" },
        { category: "機械装置等費", amountYen: 2_200_000 },
      ],
    });
    expect(r.steps.slice(0, 2).map((s) => s.yen)).toEqual([1_000_000, 2_000_000]);
    expect(r.amount).toBe(1_500_000);
  });

  it("when the exclusion leaves a fraction of a yen, then it is rounded down (999 yen → 908 yen)", () => {
    const r = calculateSubsidy(mie11, {
      course: "賃上げコース",
      lines: [
        { category: "広報費", amountYen: 999, taxIncluded: true },
        { category: "機械装置等費", amountYen: 3_000_000 },
      ],
    });
    expect(r.steps[0]?.yen).toBe(908);
    expect(r.steps[1]?.yen).toBe(3_000_000);
    expect(r.steps.find((s) => s.key === "eligible")?.yen).toBe(3_000_908);
    expect(r.amount).toBe(1_500_000);
  });

  it.each([
    ["exempt", "免税事業者"],
    ["simplified", "簡易課税事業者"],
  ] as const)("when the business is %s, then tax-included costs count in full", (taxTreatment, ja) => {
    const r = calculateSubsidy(
      mie11,
      machinery(3_300_000, { course: "賃上げコース", taxIncluded: true, taxTreatment }),
    );
    expect(r.amount).toBe(1_650_000);
    expect(r.steps[0]?.note).toContain(ja);
  });

  it("when a tax-excluded line is entered for an exempt business, then it counts as entered (tax is not added back)", () => {
    const r = calculateSubsidy(mie11, machinery(3_000_000, { course: "賃上げコース", taxTreatment: "exempt" }));
    expect(r.amount).toBe(1_500_000);
  });

  it("when a tax-included line holds no tax (非課税・不課税), then it counts in full", () => {
    const fukushima = seedTerms("fukushima-2026", "II-2-1-2");
    const r = calculateSubsidy(fukushima, {
      type: "特許",
      taxIncluded: true,
      lines: [
        { description: "外国特許庁への出願料", amountYen: 400_001, taxRate: "none" },
        { description: "国内代理人費用", amountYen: 550_000 },
      ],
    });
    expect(r.steps.slice(0, 2).map((s) => s.yen)).toEqual([400_001, 500_000]);
    expect(r.amount).toBe(450_000);
  });

  it("when a line says tax-excluded on a tax-included application, then the line's flag wins", () => {
    const r = calculateSubsidy(mie11, {
      course: "賃上げコース",
      taxIncluded: true,
      lines: [
        { category: "広報費", amountYen: 1_100_000 },
        { category: "開発費", amountYen: 1_000_000, taxIncluded: false },
      ],
    });
    expect(r.steps.slice(0, 2).map((s) => s.yen)).toEqual([1_000_000, 1_000_000]);
  });
});

describe("category limits (区分の上限 and 総額に対する割合), before the rate", () => {
  /** Mie 11 with limits of the kind 要綱 set (the plan prints none): a test fixture, not seed data. */
  const limited: SubsidyProgramTerms = {
    ...mie11,
    categories: [
      { code: "advertising", name: { ja: "広報費", en: "Advertising" }, capYen: 500_000 },
      { code: "machinery", name: { ja: "機械装置等費", en: "Machinery" } },
      { code: "outsourcing", name: { ja: "外注費", en: "Outsourcing" }, shareCap: { numerator: 1, denominator: 2 } },
    ],
  };

  it("when a category is over its yen cap, then that category is cut to the cap before the rate", () => {
    const r = calculateSubsidy(limited, {
      course: "賃上げコース",
      lines: [
        { category: "広報費", amountYen: 800_000 },
        { category: "機械装置等費", amountYen: 1_500_000 },
      ],
    });
    expect(r.steps.find((s) => s.key === "category.advertising.cap")?.yen).toBe(500_000);
    expect(r.steps.find((s) => s.key === "eligible")?.yen).toBe(2_000_000);
    expect(r.amount).toBe(1_000_000);
  });

  it("when 外注費 is over half of the eligible total, then it is limited to half of the final total (= the other costs)", () => {
    const r = calculateSubsidy(limited, {
      course: "賃上げコース",
      lines: [
        { category: "外注費", amountYen: 3_000_000 },
        { category: "機械装置等費", amountYen: 1_000_000 },
      ],
    });
    const share = r.steps.find((s) => s.key === "category.outsourcing.share");
    expect(share?.yen).toBe(1_000_000);
    expect(share?.fraction).toEqual({ numerator: 1, denominator: 2 });
    expect(r.steps.find((s) => s.key === "eligible")?.yen).toBe(2_000_000);
    expect(r.amount).toBe(1_000_000);
  });

  it("when 外注費 is within half, then nothing is cut", () => {
    const r = calculateSubsidy(limited, {
      course: "賃上げコース",
      lines: [
        { category: "外注費", amountYen: 1_000_000 },
        { category: "機械装置等費", amountYen: 1_000_000 },
      ],
    });
    expect(r.steps.some((s) => s.key.endsWith(".share"))).toBe(false);
    expect(r.amount).toBe(1_000_000);
  });

  it("when the yen cap and the share cap both bind, then the yen cap applies first and the share is judged on the capped total", () => {
    const r = calculateSubsidy(limited, {
      course: "賃上げコース",
      lines: [
        { category: "広報費", amountYen: 2_000_000 },
        { category: "外注費", amountYen: 2_000_000 },
        { category: "機械装置等費", amountYen: 300_000 },
      ],
    });
    // 広報費 → 500,000; others 800,000; 外注費 ≤ 800,000 (half of 1,600,000).
    expect(r.steps.find((s) => s.key === "category.outsourcing.share")?.yen).toBe(800_000);
    expect(r.steps.find((s) => s.key === "eligible")?.yen).toBe(1_600_000);
    expect(r.amount).toBe(800_000);
  });
});

describe("福島 seed programs", () => {
  it.each([
    // code, choice, cost, expected
    ["I-1-3-2-2", {}, 1_234_567, 823_000], // 1,234,567 × 2/3 = 823,044 → 千円未満切捨て
    ["I-1-3-2-2", {}, 3_000_000, 2_000_000],
    ["I-1-3-2-2", {}, 2_999_999, 1_999_000],
    ["I-1-3-2-2", {}, 30_000_000, 2_000_000],
    ["I-1-7-2", {}, 1_500_000, 1_000_000],
    ["I-1-7-2", {}, 1_499_999, 999_000],
    ["I-2-1", { type: "従来型" }, 5_000_000, 2_066_666], // 総額310万円 × 2/3, 円未満切捨て
    ["I-2-1", { type: "従来型" }, 1_000_000, 666_666],
    ["I-2-1", { type: "早期型" }, 350_000, 233_333],
    ["I-2-1", { type: "早期型" }, 1_000_000, 233_333],
    ["II-1-2-1", {}, 4_000_000, 2_000_000],
    ["II-1-2-1", {}, 2_345_678, 1_172_000],
    ["II-2-1-1", { type: "調査" }, 400_000, 150_000],
    ["II-2-1-1", { type: "調査" }, 201_999, 100_000],
    ["II-2-1-1", { type: "出願" }, 600_000, 250_000],
    ["II-2-1-1", { type: "出願" }, 300_000, 150_000],
    ["II-2-1-2", { type: "特許" }, 5_000_000, 1_500_000],
    ["II-2-1-2", { type: "特許" }, 1_234_567, 617_283], // national: 円未満切捨て
    ["II-2-1-2", { type: "実用新案" }, 2_000_000, 600_000],
    ["II-2-1-2", { type: "意匠" }, 1_199_999, 599_999],
    ["II-2-1-2", { type: "商標" }, 1_300_000, 600_000],
    ["II-2-1-2", { type: "冒認対策商標" }, 700_000, 300_000],
    ["II-3-1-1", { type: "事業可能性等調査事業" }, 3_000_000, 1_000_000],
    ["II-3-1-1", { type: "技術開発等事業" }, 12_000_000, 5_000_000],
    ["II-3-1-1", { type: "技術開発等事業" }, 7_777_777, 3_888_000],
    ["II-3-1-1", { type: "販路開拓事業" }, 1_500_000, 750_000],
    ["II-3-1-2", {}, 800_500, 800_000], // 10/10, 千円未満切捨て
    ["II-3-1-2", {}, 1_200_000, 1_000_000],
  ] as const)("%s %o with %i yen → %i yen", (code, choice, eligible, expected) => {
    expect(amountOf(calculateSubsidy(seedTerms("fukushima-2026", code), cost(eligible, choice)))).toBe(expected);
  });

  it("when the ファンド's application type is not given, then it must be chosen", () => {
    expect(refusalOf(calculateSubsidy(seedTerms("fukushima-2026", "II-3-1-1"), cost(1_000_000))).code).toBe(
      "type_required",
    );
  });

  it("when 10/10 leaves less than 1,000 yen, then the amount rounds to 0 and is refused as zero", () => {
    const refused = refusalOf(calculateSubsidy(seedTerms("fukushima-2026", "II-3-1-2"), cost(999)));
    expect(refused.code).toBe("zero_amount");
    expect(refused.ja).toContain("0円");
  });

  it("米国関税措置・物価高 requires a prior expert diagnosis (a dispatch in I-1-7-1), for the eligibility part", () => {
    const r = resolveTerms(seedTerms("fukushima-2026", "I-1-7-2"), {});
    expect(r.ok && r.terms.requiresPriorSteps).toEqual(["dispatch:I-1-7-1"]);
  });

  it("when 特許等調査・出願 combines search and filing, then each part is limited (15万円 + 25万円) and the application to 40万円", () => {
    const terms = seedTerms("fukushima-2026", "II-2-1-1");
    const both = (search: number, filing: number) =>
      calculateSubsidy(terms, {
        type: "調査・出願",
        lines: [
          { category: "調査費", amountYen: search },
          { category: "出願費", amountYen: filing },
        ],
      });
    expect(both(400_000, 600_000).amount).toBe(400_000);
    expect(both(400_000, 200_000).amount).toBe(250_000); // 300,000 + 200,000 → 250,000
    expect(both(100_000, 900_000).amount).toBe(300_000); // 100,000 + 500,000 → 300,000
    const r = both(400_000, 600_000);
    expect(r.steps.filter((s) => s.key.endsWith(".cap")).map((s) => s.yen)).toEqual([300_000, 500_000]);
  });

  it("when a company files several 特許等 applications, then they share 100万円 per company", () => {
    const terms = seedTerms("fukushima-2026", "II-2-1-1");
    let used = 0;
    const decided: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = calculateSubsidy(terms, {
        type: "調査・出願",
        companyUsedYen: used,
        lines: [
          { category: "search", amountYen: 300_000 },
          { category: "filing", amountYen: 500_000 },
        ],
      });
      if ("refused" in r) {
        expect(r.refused.code).toBe("company_cap_reached");
        expect(r.refused.ja).toContain("1,000,000円");
        break;
      }
      decided.push(r.amount);
      used += r.amount;
    }
    expect(decided).toEqual([400_000, 400_000, 200_000]);
  });

  it("when a company's 海外出願 applications reach 300万円, then the next is limited to the rest, then refused", () => {
    const terms = seedTerms("fukushima-2026", "II-2-1-2");
    const patent = (companyUsedYen: number) =>
      calculateSubsidy(terms, cost(3_000_000, { type: "特許", companyUsedYen }));
    expect(patent(0).amount).toBe(1_500_000);
    expect(patent(1_500_000).amount).toBe(1_500_000);
    const partial = patent(2_000_000);
    expect(partial.amount).toBe(1_000_000);
    expect(partial.steps.find((s) => s.key === "company_cap")?.note).toContain("残額 1,000,000円");
    expect(refusalOf(patent(3_000_000)).code).toBe("company_cap_reached");
    expect(refusalOf(patent(3_500_000)).code).toBe("company_cap_reached");
    // A trademark within the rest is not limited.
    expect(calculateSubsidy(terms, cost(800_000, { type: "商標", companyUsedYen: 2_400_000 })).amount).toBe(400_000);
  });

  it("when the 海外出願 working is shown, then it lists rate, rounding, the type cap, the company cap and the final amount", () => {
    const r = calculateSubsidy(
      seedTerms("fukushima-2026", "II-2-1-2"),
      cost(5_000_000, { type: "特許", companyUsedYen: 0 }),
    );
    expect(r.steps.map((s) => [s.key, s.yen])).toEqual([
      ["line.1.tax", 5_000_000],
      ["eligible", 5_000_000],
      ["rate", 2_500_000],
      ["unit", 2_500_000],
      ["cap.type", 1_500_000],
      ["company_cap", 1_500_000],
      ["final", 1_500_000],
    ]);
    expect(r.steps.find((s) => s.key === "unit")?.label.ja).toBe("端数処理（円未満切捨て）");
    expect(r.steps.find((s) => s.key === "cap.type")?.label.ja).toBe("申請種別の上限額（特許）");
  });
});

describe("三重 6 and 14", () => {
  it.each([
    ["6", {}, 2_500_000, 1_000_000],
    ["6", {}, 1_234_567, 617_000],
    ["14", { type: "特許" }, 1_234_567, 617_283],
    ["14", { type: "特許" }, 4_000_000, 1_500_000],
    ["14", { type: "実用新案" }, 1_000_001, 500_000],
    ["14", { type: "商標" }, 1_500_000, 600_000],
    ["14", { type: "冒認対策商標" }, 700_000, 300_000],
  ] as const)("三重 %s %o with %i yen → %i yen", (code, choice, eligible, expected) => {
    expect(amountOf(calculateSubsidy(seedTerms("mie-2026", code), cost(eligible, choice)))).toBe(expected);
  });

  it("when 三重 14 is given a used amount, then no per-company cap applies (the plan prints none)", () => {
    const r = calculateSubsidy(
      seedTerms("mie-2026", "14"),
      cost(4_000_000, { type: "特許", companyUsedYen: 9_000_000 }),
    );
    expect(r.amount).toBe(1_500_000);
    expect(r.steps.some((s) => s.key === "company_cap")).toBe(false);
  });
});

describe("額の確定 = min(交付決定額, the same arithmetic on actual costs)", () => {
  const decided = 1_500_000;

  it("when actual costs are lower than planned, then the confirmed amount follows them", () => {
    const r = confirmSubsidy(mie11, { decidedYen: decided, actual: machinery(2_400_000, { course: "賃上げコース" }) });
    expect(r.amount).toBe(1_200_000);
    expect(r.steps.at(-2)).toMatchObject({ key: "decided", yen: decided });
    expect(r.steps.at(-1)).toMatchObject({ key: "final", label: { ja: "確定額" }, yen: 1_200_000 });
  });

  it("when actual costs are higher than planned, then the confirmed amount stays at the decision", () => {
    const r = confirmSubsidy(mie11, { decidedYen: decided, actual: machinery(3_900_000, { course: "賃上げコース" }) });
    expect(r.amount).toBe(decided);
  });

  it("when actual costs are tax-included, then the tax is excluded as for the application", () => {
    const r = confirmSubsidy(mie11, {
      decidedYen: decided,
      actual: machinery(2_750_000, { course: "賃上げコース", taxIncluded: true }),
    });
    expect(r.amount).toBe(1_250_000);
  });

  it("when the actual amount falls below the floor, then it is confirmed as computed (the floor is an application requirement)", () => {
    const r = confirmSubsidy(mie11, { decidedYen: decided, actual: machinery(900_000, { course: "賃上げコース" }) });
    expect(r.amount).toBe(450_000);
    expect(r.steps.find((s) => s.key === "floor")?.note).toContain("下回る");
  });

  it("when the terms re-apply the floor at confirmation, then an actual amount below it is refused", () => {
    const strict = { ...mie11, floorAppliesAtConfirmation: true };
    const r = confirmSubsidy(strict, { decidedYen: decided, actual: machinery(900_000, { course: "賃上げコース" }) });
    expect(refusalOf(r).code).toBe("below_floor");
  });

  it("when the program has a per-company cap, then the confirmation does not apply it again (the decision respected it)", () => {
    const terms = seedTerms("fukushima-2026", "II-2-1-2");
    const r = confirmSubsidy(terms, { decidedYen: 1_500_000, actual: cost(2_000_000, { type: "特許" }) });
    expect(r.amount).toBe(1_000_000);
    expect(r.steps.some((s) => s.key === "company_cap")).toBe(false);
  });

  it("when nothing eligible was spent, then the confirmation is refused as zero", () => {
    const r = confirmSubsidy(seedTerms("fukushima-2026", "I-1-3-2-2"), { decidedYen: 2_000_000, actual: cost(0) });
    expect(refusalOf(r).code).toBe("zero_amount");
  });
});

describe("input errors", () => {
  it("when a yen amount is fractional or negative, then the arithmetic throws (the boundary's schema should have refused it)", () => {
    expect(() => calculateSubsidy(seedTerms("mie-2026", "6"), cost(1.5))).toThrow(RangeError);
    expect(() => calculateSubsidy(seedTerms("mie-2026", "6"), cost(-1))).toThrow(RangeError);
  });
});
