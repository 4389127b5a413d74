import type { SubsidyProgramTerms } from "@shien/contracts";

/**
 * The configured terms of the seed plans' subsidy programs, read from server/seed-data/plans/*.yaml
 * (terms.subsidy, terms.other and the notes) and checked against /work/shared/seeds/*.txt. This is
 * the tested reference for the terms the database will hold; managers may edit those.
 *
 * Readings that are ours, not the documents' (each also in the entry's notes):
 * - unitYen: the plans print no rounding rule. Prefectural programs get 千円未満切捨て (1000), the
 *   common prefectural 要綱 rule; programs paid from national money (国の補助金・受託金) get
 *   円未満切捨て (1), the national rule. Confirm each against the program's 交付要綱.
 * - Caps printed as 助成限度額 are caps on the subsidy (上限額), not on the cost.
 * - Programs with subsidy wording but no figures (三重 5 プロフェッショナル人材, 三重 10 経営改善計画
 *   策定支援) are not listed: there is nothing to compute yet.
 */

const FUKUSHIMA: SubsidyProgramTerms[] = [
  {
    programCode: "I-1-3-2-2",
    name: "生産性向上計画実施補助金",
    unitYen: 1000,
    rate: { numerator: 2, denominator: 3 },
    capYen: 2_000_000,
    text: "補助上限額 2,000千円／助成率 補助対象経費の3分の2以内／件数 200件",
  },
  {
    programCode: "I-1-7-2",
    name: "福島県米国関税措置・物価高緊急対策事業補助金",
    unitYen: 1000,
    rate: { numerator: 2, denominator: 3 },
    capYen: 1_000_000,
    requiresPriorStep: "dispatch:I-1-7-1",
    text: "補助上限額 1,000千円／助成率 補助対象経費の3分の2以内（件数の記載なし）",
    notes: [
      "①（I-1-7-1 福島県専門家活用経営支援事業（米国関税措置・物価高対策枠））の専門家から診断・助言を受けた企業が対象。",
    ],
  },
  {
    programCode: "I-2-1",
    name: "中小企業活性化事業",
    unitYen: 1,
    rate: { numerator: 2, denominator: 3 },
    types: [
      {
        code: "conventional",
        name: { ja: "従来型", en: "Conventional" },
        eligibleCostCapYen: 3_100_000,
        note: "1件あたりの総額310万円を上限に、その3分の2を支援",
      },
      {
        code: "early",
        name: { ja: "早期型", en: "Early-stage" },
        eligibleCostCapYen: 350_000,
        note: "1件あたりの総額35万円を上限に、その3分の2を支援",
      },
    ],
    text: "従来型 1件あたりの総額310万円を上限に、その3分の2を支援／早期型 1件あたりの総額35万円を上限に、その3分の2を支援",
    notes: [
      "上限は支援額ではなく対象となる費用の総額にかかる（eligibleCostCapYen）。",
      "国の受託事業（東北経済産業局受託金ほか）のため円未満切捨てと読んだ。",
    ],
  },
  {
    programCode: "II-1-2-1",
    name: "地域課題解決型起業支援事業",
    unitYen: 1000,
    rate: { numerator: 1, denominator: 2 },
    capYen: 2_000_000,
    text: "助成限度額 2,000千円／助成率 助成対象経費の2分の1以内",
  },
  {
    programCode: "II-2-1-1",
    name: "特許等調査・出願経費助成事業",
    unitYen: 1000,
    rate: { numerator: 1, denominator: 2 },
    capYen: 400_000,
    perCompanyCapYen: 1_000_000,
    eligibleSizeClasses: ["sme", "small"],
    types: [
      { code: "search", name: { ja: "調査", en: "Prior-art search" }, capYen: 150_000 },
      { code: "filing", name: { ja: "出願", en: "Filing" }, capYen: 250_000 },
      {
        code: "search_and_filing",
        name: { ja: "調査・出願", en: "Search and filing" },
        categories: [
          // 助成限度額 15万円 / 25万円 at 1/2 = cost limits of 30万円 / 50万円 per application.
          { code: "search", name: { ja: "調査費", en: "Search costs" }, capYen: 300_000 },
          { code: "filing", name: { ja: "出願費", en: "Filing costs" }, capYen: 500_000 },
        ],
      },
    ],
    text: "助成限度額 調査：15万円 出願：25万円（1件あたり計40万円） 条件を満たした場合、複数出願も対象／助成率 助成対象経費の2分の1以内",
    notes: [
      "1件あたりの上限40万円は事業全体の上限、調査15万円・出願25万円は申請種別の上限。調査と出願を1件で申請するときは経費区分の限度（調査費30万円・出願費50万円＝助成15万円・25万円）で分ける。",
      "出願人の住所が福島県内で1つの発明に対する出願であれば複数出願ができ、上限は100万円（POINT）: 1事業者あたりの上限とした。",
    ],
  },
  {
    programCode: "II-2-1-2",
    name: "海外出願支援事業",
    unitYen: 1,
    rate: { numerator: 1, denominator: 2 },
    perCompanyCapYen: 3_000_000,
    eligibleSizeClasses: ["sme", "small"],
    types: [
      { code: "patent", name: { ja: "特許", en: "Patent" }, capYen: 1_500_000 },
      { code: "utility_model", name: { ja: "実用新案", en: "Utility model" }, capYen: 600_000 },
      { code: "design", name: { ja: "意匠", en: "Design" }, capYen: 600_000 },
      { code: "trademark", name: { ja: "商標", en: "Trademark" }, capYen: 600_000 },
      {
        code: "anti_squatting_trademark",
        name: { ja: "冒認対策商標", en: "Anti-squatting trademark" },
        capYen: 300_000,
      },
    ],
    text: "助成限度額 特許 150万円、実用新案・意匠・商標 60万円、冒認対策商標 30万円（複数案件の場合、1企業あたり上限300万円）／助成率 助成対象経費の2分の1以内",
    notes: ["国の補助金（東北経済産業局補助金）を財源とするため円未満切捨てと読んだ。"],
  },
  {
    programCode: "II-3-1-1",
    name: "製品開発・事業化促進経費助成事業",
    unitYen: 1000,
    rate: { numerator: 1, denominator: 2 },
    types: [
      { code: "feasibility", name: { ja: "事業可能性等調査事業", en: "Feasibility study" }, capYen: 1_000_000 },
      { code: "development", name: { ja: "技術開発等事業", en: "Technology development" }, capYen: 5_000_000 },
      { code: "market", name: { ja: "販路開拓事業", en: "Market development" }, capYen: 1_000_000 },
    ],
    text: "助成限度額 事業可能性等調査事業 100万円、技術開発等事業 500万円、販路開拓事業 100万円／助成率 助成対象経費の2分の1以内",
  },
  {
    programCode: "II-3-1-2",
    name: "中小企業育成支援事業",
    unitYen: 1000,
    rate: { numerator: 10, denominator: 10 },
    capYen: 1_000_000,
    text: "助成限度額 100万円／助成率 助成対象経費の10分の10以内",
  },
];

const MIE: SubsidyProgramTerms[] = [
  {
    programCode: "6",
    name: "海外ビジネス展開支援事業",
    unitYen: 1000,
    rate: { numerator: 1, denominator: 2 },
    capYen: 1_000_000,
    eligibleSizeClasses: ["sme", "small"],
    text: "補助対象 県内中小企業、小規模企業等 / 補助額 1,000千円(上限)×30社 / 補助率 1/2以内",
    notes: ["事前着手制度あり（承認日以降が補助事業の対象期間）: 期間の判定は申請の段階で行う。"],
  },
  {
    programCode: "11",
    name: "生産性向上・業態転換支援補助金事業",
    unitYen: 1000,
    rate: { numerator: 1, denominator: 2 },
    courses: [
      {
        code: "wage_increase",
        name: { ja: "賃上げコース", en: "Wage-increase course" },
        capYen: 2_000_000,
        floorYen: 500_000,
        eligibleSizeClasses: ["sme", "small"],
      },
      {
        code: "general",
        name: { ja: "一般コース", en: "General course" },
        capYen: 1_000_000,
        floorYen: 300_000,
        eligibleSizeClasses: ["small"],
      },
    ],
    categories: [
      { code: "advertising", name: { ja: "広報費", en: "Advertising" } },
      { code: "exhibition", name: { ja: "展示会出展費", en: "Exhibitions" } },
      { code: "development", name: { ja: "開発費", en: "Development" } },
      { code: "rental", name: { ja: "借料", en: "Rental" } },
      { code: "machinery", name: { ja: "機械装置等費", en: "Machinery and equipment" } },
      { code: "outsourcing", name: { ja: "外注費", en: "Outsourcing" } },
    ],
    text: "補助率は各コースとも1/2以内。賃上げコース: 上限2,000千円、下限500千円(中小企業・小規模企業等)。 一般コース: 上限1,000千円、下限300千円(小規模企業等)。",
    notes: [
      "補助対象経費は ①広報費、②展示会出展費、③開発費、④借料、⑤機械装置等費、⑥外注費。区分ごとの限度は計画に印刷されていない（要綱で定める限度を categories に設定する）。",
      "第1期 公募期間 令和8年1月13日～2月27日、第2期 令和8年5月中旬: 公募回は申請の段階で扱う。",
    ],
  },
  {
    programCode: "14",
    name: "地域中小企業外国出願支援事業",
    unitYen: 1,
    rate: { numerator: 1, denominator: 2 },
    eligibleSizeClasses: ["sme", "small"],
    types: [
      { code: "patent", name: { ja: "特許", en: "Patent" }, capYen: 1_500_000 },
      { code: "utility_model", name: { ja: "実用新案", en: "Utility model" }, capYen: 600_000 },
      { code: "design", name: { ja: "意匠", en: "Design" }, capYen: 600_000 },
      { code: "trademark", name: { ja: "商標", en: "Trademark" }, capYen: 600_000 },
      {
        code: "anti_squatting_trademark",
        name: { ja: "冒認対策商標", en: "Anti-squatting trademark" },
        capYen: 300_000,
      },
    ],
    text: "補助率: 1/2以内。補助限度額 特許出願: 1,500千円、実用新案・意匠・商標登録出願: 600千円、冒認対策商標出願: 300千円。",
    notes: [
      "国の補助金を財源とする間接補助（事業費の財源 national）のため円未満切捨てと読んだ。",
      "1企業あたりの上限は計画に印刷されていない（福島の同じ国の事業は300万円）。要綱で定めがあれば perCompanyCapYen に設定する。",
      "補助対象者: 三重県内に事業所を有する中小企業等(みなし大企業を除く)。",
    ],
  },
];

/** The seed plans' subsidy terms by plan file (server/seed-data/plans/<key>.yaml). */
export const SEED_SUBSIDY_TERMS = {
  "fukushima-2026": FUKUSHIMA,
  "mie-2026": MIE,
} as const satisfies Record<string, readonly SubsidyProgramTerms[]>;

export type SeedPlanKey = keyof typeof SEED_SUBSIDY_TERMS;

/** One program's seed terms; throws for a code the table does not hold (a test or seed error). */
export function seedTerms(plan: SeedPlanKey, programCode: string): SubsidyProgramTerms {
  const terms = SEED_SUBSIDY_TERMS[plan].find((t) => t.programCode === programCode);
  if (!terms) throw new Error(`no seed subsidy terms for ${plan} ${programCode}`);
  return terms;
}
