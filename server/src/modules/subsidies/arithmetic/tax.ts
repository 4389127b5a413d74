import type { SubsidyCalcStep, SubsidyExpenseLine, SubsidyTaxRate, SubsidyTaxTreatment } from "@shien/contracts";
import { type BigFraction, formatYen, yen } from "./fraction.js";

/** 消費税及び地方消費税の税率: 標準 10%, 軽減 8%; none = 非課税・不課税 (the amount holds no tax). */
export const CONSUMPTION_TAX_RATES: Record<SubsidyTaxRate, BigFraction> = {
  standard: { n: 10n, d: 100n },
  reduced: { n: 8n, d: 100n },
  none: { n: 0n, d: 100n },
};

/**
 * ⌊税込 × 100/(100 + 税率)⌋: the tax-excluded part of a tax-included amount. Rounding down never
 * counts a yen of tax as eligible, whatever rounding the seller used on the invoice: if the
 * seller's tax t on E is any rounding of E × 10%, then E − 0.91 < (E + t) × 100/110 < E + 0.91,
 * so the floor is E or E − 1, never above E. (Enter the invoice's 税抜 figure when it has one.)
 */
export function excludeTax(taxIncluded: bigint, rate: BigFraction): bigint {
  return (taxIncluded * rate.d) / (rate.d + rate.n);
}

const TREATMENT_JA: Record<Exclude<SubsidyTaxTreatment, "standard">, string> = {
  exempt: "免税事業者",
  simplified: "簡易課税事業者",
};
const TREATMENT_EN: Record<Exclude<SubsidyTaxTreatment, "standard">, string> = {
  exempt: "tax-exempt business",
  simplified: "simplified taxation",
};

/** The eligible amount of one expense line, with its step of the working. */
export function lineEligibleAmount(
  line: SubsidyExpenseLine,
  index: number,
  defaults: { taxIncluded: boolean; taxTreatment: SubsidyTaxTreatment },
  /** The line's category as the working names it (the configured names rather than a code). */
  name: { ja: string; en: string } | undefined = undefined,
): { yen: bigint; step: SubsidyCalcStep } {
  const amount = yen(line.amountYen);
  const included = line.taxIncluded ?? defaults.taxIncluded;
  const taxRate = line.taxRate ?? "standard";
  const rate = CONSUMPTION_TAX_RATES[taxRate];
  const what =
    name ??
    ((line.category ?? line.description)
      ? { ja: line.category ?? line.description, en: line.category ?? line.description }
      : undefined);
  const label = {
    ja: `経費${index + 1}${what ? `（${what.ja}）` : ""}の対象額`,
    en: `Line ${index + 1}${what ? ` (${what.en})` : ""}: eligible amount`,
  };
  const key = `line.${index + 1}.tax`;
  const treatment = defaults.taxTreatment;
  const percent = `${(rate.n * 100n) / rate.d}%`;
  if (!included) {
    const note =
      treatment === "standard"
        ? `税抜 ${formatYen(amount)}`
        : `税抜 ${formatYen(amount)}（${TREATMENT_JA[treatment]}は消費税等を含めて計上できるが、税抜で入力された額をそのまま計上）`;
    return { yen: amount, step: { key, label, yen: Number(amount), note } };
  }
  if (taxRate === "none") {
    return {
      yen: amount,
      step: { key, label, yen: Number(amount), note: `${formatYen(amount)}（非課税・不課税のため消費税等を含まない）` },
    };
  }
  if (treatment !== "standard") {
    return {
      yen: amount,
      step: {
        key,
        label,
        yen: Number(amount),
        note: `税込 ${formatYen(amount)}（${TREATMENT_JA[treatment]}のため消費税等を含めて計上 / ${TREATMENT_EN[treatment]}: tax included）`,
      },
    };
  }
  const excluded = excludeTax(amount, rate);
  const exact = (amount * rate.d) % (rate.d + rate.n) === 0n;
  return {
    yen: excluded,
    step: {
      key,
      label,
      yen: Number(excluded),
      note: `税込 ${formatYen(amount)} × ${rate.d}/${rate.d + rate.n} = ${formatYen(excluded)}（消費税等 ${percent} の ${formatYen(amount - excluded)} を除く${exact ? "" : "。円未満切捨て"}）`,
    },
  };
}
