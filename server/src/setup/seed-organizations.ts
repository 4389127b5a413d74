/**
 * The two customer centers created on first start, with the departments named in their 令和8年度
 * plans (`shared/seeds/`). Mie's plan names the 担当課 of every program. Fukushima's plan does not
 * list its sections except 資金支援課, so its departments follow the plan's program structure: one per
 * program family (経営支援プラザ, よろず支援拠点, 事業承継・引継ぎ支援センター, 中小企業活性化協議会,
 * 産業復興相談センター, プロフェッショナル人材戦略拠点, 創業・知財・研究開発, 取引・販路, 設備貸与と資金,
 * 人材育成, 公の施設) plus general affairs. Admins rename or add departments in the UI.
 */
export interface SeedOrganization {
  slug: string;
  name: string;
  adminDepartmentCode: string;
  departments: { code: string; name: string }[];
}

export const SEED_ORGANIZATIONS: SeedOrganization[] = [
  {
    slug: "fukushima",
    name: "公益財団法人福島県産業振興センター",
    adminDepartmentCode: "somu",
    departments: [
      { code: "somu", name: "総務企画課" },
      { code: "keiei-shien", name: "経営支援課" },
      { code: "yorozu", name: "よろず支援拠点" },
      { code: "shokei", name: "事業承継・引継ぎ支援センター" },
      { code: "pro-jinzai", name: "プロフェッショナル人材戦略拠点" },
      { code: "kasseika-kyogikai", name: "中小企業活性化協議会" },
      { code: "fukko-sodan", name: "産業復興相談センター" },
      { code: "sangyo-soshutsu", name: "産業創出課" },
      { code: "torihiki-shien", name: "取引支援課" },
      { code: "shikin-shien", name: "資金支援課" },
      { code: "jinzai-ikusei", name: "人材育成課" },
      { code: "shisetsu", name: "施設管理課" },
    ],
  },
  {
    slug: "mie",
    name: "公益財団法人三重県産業支援センター",
    adminDepartmentCode: "somu-kikaku",
    departments: [
      { code: "somu-kikaku", name: "総務企画課" },
      { code: "shomu-keiri", name: "庶務経理課" },
      { code: "keiei-shien", name: "経営支援課" },
      { code: "koyo-project", name: "雇用プロジェクト推進課" },
      { code: "yorozu-shokei", name: "よろず支援・事業承継課" },
      { code: "gijutsu-shien", name: "技術支援課" },
      { code: "chusho-shien", name: "中小企業支援課" },
      { code: "kasseika-kyogikai", name: "中小企業活性化協議会" },
    ],
  },
];
