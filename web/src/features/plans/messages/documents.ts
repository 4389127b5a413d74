import type { MessageTable } from "../../../i18n/types";

/** 予算書 and 計画推進に向けた取組み. */
export const planDocumentsMessages = {
  "budget.title": { ja: "予算書", en: "Budget statement" },
  "budget.item": { ja: "科目", en: "Item" },
  "budget.yearColumn": { ja: "R{year}年度", en: "FY R{year}" },
  "budget.difference": { ja: "前年度比", en: "Change" },
  "budget.explanations": { ja: "概要", en: "Explanations" },
  "budget.formula": { ja: "＝ {formula}", en: "= {formula}" },

  "initiatives.title": { ja: "計画推進に向けた取組み", en: "Initiatives" },
  "initiatives.empty": { ja: "取組みの記載はありません。", en: "The plan lists no initiatives." },
  "initiatives.guideline": { ja: "行動指針", en: "Guideline" },
  "initiatives.policy": { ja: "取組方針", en: "Policy" },
  "initiatives.results": { ja: "R{year}年度実績", en: "FY R{year} results" },
  "initiatives.plan": { ja: "R{year}年度計画", en: "FY R{year} plan" },
} satisfies MessageTable;
