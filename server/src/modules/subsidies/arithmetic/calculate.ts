import type {
  SubsidyCalcInput,
  SubsidyCalcResult,
  SubsidyCalcStep,
  SubsidyConfirmInput,
  SubsidyProgramTerms,
  SubsidyRefusal,
} from "@shien/contracts";
import { applyCategoryLimits, findCategory } from "./categories.js";
import {
  big,
  compareFractions,
  floorToUnit,
  formatFraction,
  formatYen,
  maxBig,
  minBig,
  mulFloor,
  mulIsExact,
  toYenNumber,
  yen,
} from "./fraction.js";
import { lineEligibleAmount } from "./tax.js";
import { bindingFloor, type Limit, type ResolvedTerms, resolveTerms, unitRule } from "./terms.js";

export interface CalcOptions {
  /**
   * "skip": the cost is already the eligible total after category limits (the CLI's `--cost`),
   * so lines need no category and category limits are not applied (a step says so).
   */
  categoryLimits?: "apply" | "skip";
}

type Mode = { kind: "application"; companyUsed: bigint | undefined } | { kind: "confirmation"; decided: bigint };

const LEVEL_LABEL: Record<Limit["level"], { ja: string; en: string }> = {
  program: { ja: "上限額", en: "Cap" },
  course: { ja: "コースの上限額", en: "Course cap" },
  type: { ja: "申請種別の上限額", en: "Application type cap" },
};

function refuse(refused: SubsidyRefusal, steps: SubsidyCalcStep[]): SubsidyCalcResult {
  return { amount: 0, steps, refused };
}

/**
 * 補助金額 for an application (交付申請・交付決定):
 * each line's eligible amount (消費税 excluded) → category limits → 補助対象経費 → 対象経費上限 →
 * ⌊× 補助率⌋ → rounded down to the unit → 下限額 check → 上限額 (program, course, type) →
 * remaining 1事業者あたり上限 → the amount; or a refusal with its reason.
 */
export function calculateSubsidy(
  terms: SubsidyProgramTerms,
  input: SubsidyCalcInput,
  options: CalcOptions = {},
): SubsidyCalcResult {
  const companyUsed = input.companyUsedYen === undefined ? undefined : yen(input.companyUsedYen);
  return run(terms, input, { kind: "application", companyUsed }, options);
}

/**
 * 額の確定 = min(交付決定額, the same arithmetic on the actual eligible costs). The per-company cap
 * is not applied again (the decision already respected it and the result never exceeds the
 * decision); the floor is re-applied only where the terms say floorAppliesAtConfirmation.
 */
export function confirmSubsidy(
  terms: SubsidyProgramTerms,
  input: SubsidyConfirmInput,
  options: CalcOptions = {},
): SubsidyCalcResult {
  return run(terms, input.actual, { kind: "confirmation", decided: yen(input.decidedYen) }, options);
}

function run(
  terms: SubsidyProgramTerms,
  input: Omit<SubsidyCalcInput, "companyUsedYen">,
  mode: Mode,
  options: CalcOptions,
): SubsidyCalcResult {
  const resolution = resolveTerms(terms, { course: input.course, type: input.type });
  if (!resolution.ok) return refuse(resolution.refused, []);
  const t = resolution.terms;
  const steps: SubsidyCalcStep[] = [];

  const rate = input.rate ?? t.rate;
  if (input.rate && compareFractions(big(input.rate), big(t.rate)) > 0) {
    return refuse(
      {
        code: "rate_above_terms",
        ja: `補助率 ${formatFraction(input.rate)} は「${t.programName}」の補助率 ${formatFraction(t.rate)}以内を超えています。`,
        en: `The rate ${formatFraction(input.rate)} exceeds the program's rate of up to ${formatFraction(t.rate)}.`,
      },
      steps,
    );
  }

  // 1. Each line, 消費税 excluded unless the business may count it.
  const taxDefaults = {
    taxIncluded: input.taxIncluded ?? false,
    taxTreatment: input.taxTreatment ?? "standard",
  } as const;
  const amounts = input.lines.map((line, i) => {
    const category = line.category && t.categories ? findCategory(t.categories, line.category) : undefined;
    const { yen: value, step } = lineEligibleAmount(line, i, taxDefaults, category?.name);
    steps.push(step);
    return { category: line.category, yen: value, line: i + 1 };
  });

  // 2. Category limits.
  const skipCategories = options.categoryLimits === "skip" && t.categories !== undefined;
  const categorized = applyCategoryLimits(amounts, skipCategories ? undefined : t.categories);
  if (!categorized.ok) return refuse(categorized.refused, steps);
  steps.push(...categorized.steps);

  // 3. 補助対象経費, and its cap where the terms set one.
  let eligible = categorized.total;
  steps.push({
    key: "eligible",
    label: { ja: "補助対象経費", en: "Eligible cost" },
    yen: toYenNumber(eligible),
    ...(skipCategories
      ? { note: "入力額を経費区分ごとの限度を当てはめた後の対象経費として扱う（区分別の限度は未適用）" }
      : {}),
  });
  for (const cap of t.eligibleCostCaps) {
    if (eligible > cap.yen) {
      steps.push({
        key: "eligible.cap",
        label: { ja: `補助対象経費の上限${cap.where.ja}`, en: `Eligible cost cap${cap.where.en}` },
        yen: toYenNumber(cap.yen),
        note: `${formatYen(eligible)} → ${formatYen(cap.yen)}`,
      });
      eligible = cap.yen;
    }
  }

  // 4. × 補助率, rounded down to the yen, then to the program's unit.
  const r = big(rate);
  const product = mulFloor(eligible, r);
  steps.push({
    key: "rate",
    label: { ja: `× 補助率${t.rateWhere.ja}`, en: `× Rate${t.rateWhere.en}` },
    yen: toYenNumber(product),
    fraction: { numerator: rate.numerator, denominator: rate.denominator },
    note:
      `${formatYen(eligible)} × ${formatFraction(rate)} = ${formatYen(product)}${mulIsExact(eligible, r) ? "" : "（円未満切捨て）"}` +
      (input.rate ? `。補助率 ${formatFraction(t.rate)}以内のところ ${formatFraction(rate)} を適用` : ""),
  });
  const rounded = floorToUnit(product, t.unit);
  const rule = unitRule(t.unit);
  steps.push({
    key: "unit",
    label: { ja: `端数処理（${rule.ja}）`, en: `Rounding (${rule.en})` },
    yen: toYenNumber(rounded),
    note: `${formatYen(product)} → ${formatYen(rounded)}`,
  });

  // 5. 下限額: a threshold on this amount (before caps), never a minimum payment.
  const floor = bindingFloor(t.floors);
  const floorApplies = mode.kind === "application" || t.floorAppliesAtConfirmation;
  if (floor) {
    if (rounded < floor.yen && floorApplies) {
      return refuse(belowFloor(t, floor, eligible, rate, rounded), steps);
    }
    steps.push({
      key: "floor",
      label: { ja: `下限額${floor.where.ja}`, en: `Floor${floor.where.en}` },
      yen: toYenNumber(floor.yen),
      note:
        rounded >= floor.yen
          ? `${formatYen(rounded)} ≥ 下限額 ${formatYen(floor.yen)}（要件を満たす。下限額は引き上げの基準ではない）`
          : `実績による額 ${formatYen(rounded)} は下限額 ${formatYen(floor.yen)} を下回るが、下限額は申請時の要件のため確定額は算定どおり`,
    });
  }

  // 6. 上限額 of the program, the course and the type.
  let amount = rounded;
  for (const cap of t.caps) {
    const limit = floorToUnit(cap.yen, t.unit);
    const before = amount;
    amount = minBig(amount, limit);
    steps.push({
      key: `cap.${cap.level}`,
      label: { ja: `${LEVEL_LABEL[cap.level].ja}${cap.where.ja}`, en: `${LEVEL_LABEL[cap.level].en}${cap.where.en}` },
      yen: toYenNumber(amount),
      note:
        (before > limit ? `${formatYen(before)} → 上限 ${formatYen(limit)}` : `上限 ${formatYen(cap.yen)} 以内`) +
        (limit !== cap.yen ? `（上限 ${formatYen(cap.yen)} を${rule.ja}）` : ""),
    });
  }

  // 7. What is left of the 1事業者あたり上限 (applications only).
  if (mode.kind === "application" && t.perCompanyCap !== undefined) {
    const used = mode.companyUsed ?? 0n;
    const remaining = floorToUnit(maxBig(t.perCompanyCap - used, 0n), t.unit);
    if (remaining === 0n) {
      return refuse(
        {
          code: "company_cap_reached",
          ja: `「${t.programName}」の1事業者あたりの上限 ${formatYen(t.perCompanyCap)} のうち、既に ${formatYen(used)} が交付決定済みのため、残額がありません。`,
          en: `The per-company cap of ${formatYen(t.perCompanyCap)} for "${t.programName}" is used up (${formatYen(used)} already decided).`,
        },
        steps,
      );
    }
    const before = amount;
    amount = minBig(amount, remaining);
    steps.push({
      key: "company_cap",
      label: { ja: "1事業者あたりの上限の残額", en: "Remaining per-company cap" },
      yen: toYenNumber(amount),
      note:
        `上限 ${formatYen(t.perCompanyCap)} − 交付決定済み ${formatYen(used)} = 残額 ${formatYen(remaining)}` +
        (before > remaining ? `: ${formatYen(before)} → ${formatYen(amount)}` : "（残額以内）"),
    });
  }

  // 8. 額の確定: never above the decision.
  if (mode.kind === "confirmation") {
    const before = amount;
    amount = minBig(amount, mode.decided);
    steps.push({
      key: "decided",
      label: { ja: "交付決定額", en: "Decided amount" },
      yen: toYenNumber(mode.decided),
      note:
        before > mode.decided
          ? `実績による額 ${formatYen(before)} は交付決定額を超えるため、交付決定額 ${formatYen(mode.decided)} とする`
          : `実績による額 ${formatYen(before)} ≤ 交付決定額 ${formatYen(mode.decided)}`,
    });
  }

  if (amount === 0n) {
    return refuse(
      {
        code: "zero_amount",
        ja: `補助金額が0円になります（補助対象経費 ${formatYen(eligible)} × ${formatFraction(rate)}、${rule.ja}）。`,
        en: `The subsidy comes to 0 yen (eligible cost ${formatYen(eligible)} × ${formatFraction(rate)}, ${rule.en}).`,
      },
      steps,
    );
  }
  steps.push({
    key: "final",
    label: mode.kind === "application" ? { ja: "補助金額", en: "Subsidy" } : { ja: "確定額", en: "Confirmed amount" },
    yen: toYenNumber(amount),
  });
  return { amount: toYenNumber(amount), steps };
}

function belowFloor(
  t: ResolvedTerms,
  floor: Limit,
  eligible: bigint,
  rate: { numerator: number; denominator: number },
  rounded: bigint,
): SubsidyRefusal {
  const rule = unitRule(t.unit);
  return {
    code: "below_floor",
    ja: `補助金額 ${formatYen(rounded)}（補助対象経費 ${formatYen(eligible)} × ${formatFraction(rate)}、${rule.ja}）が${floor.variant ? `${floor.variant.ja}の` : ""}下限額 ${formatYen(floor.yen)} に満たないため、補助の対象になりません（下限額まで引き上げることはありません）。`,
    en: `The subsidy of ${formatYen(rounded)} (eligible cost ${formatYen(eligible)} × ${formatFraction(rate)}, ${rule.en}) is below the floor of ${formatYen(floor.yen)}${floor.where.en}; the application is refused (the amount is never raised to the floor).`,
  };
}
