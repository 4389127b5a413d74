/**
 * 日本標準産業分類 (Japan Standard Industrial Classification), 大分類 and 中分類 as revised in
 * 平成25年 (第13回改定), the edition the 経済センサス and most support-center forms use. Mediums
 * are numbered 01–99 across the whole table; each major owns a contiguous range of them.
 */
export interface JsicMajor {
  code: string;
  name: string;
}
export interface JsicMedium {
  code: string;
  name: string;
  major: string;
}

export const JSIC_MAJORS: readonly JsicMajor[] = [
  { code: "A", name: "農業，林業" },
  { code: "B", name: "漁業" },
  { code: "C", name: "鉱業，採石業，砂利採取業" },
  { code: "D", name: "建設業" },
  { code: "E", name: "製造業" },
  { code: "F", name: "電気・ガス・熱供給・水道業" },
  { code: "G", name: "情報通信業" },
  { code: "H", name: "運輸業，郵便業" },
  { code: "I", name: "卸売業，小売業" },
  { code: "J", name: "金融業，保険業" },
  { code: "K", name: "不動産業，物品賃貸業" },
  { code: "L", name: "学術研究，専門・技術サービス業" },
  { code: "M", name: "宿泊業，飲食サービス業" },
  { code: "N", name: "生活関連サービス業，娯楽業" },
  { code: "O", name: "教育，学習支援業" },
  { code: "P", name: "医療，福祉" },
  { code: "Q", name: "複合サービス事業" },
  { code: "R", name: "サービス業（他に分類されないもの）" },
  { code: "S", name: "公務（他に分類されるものを除く）" },
  { code: "T", name: "分類不能の産業" },
];

/** The first medium code of each major (the next major's first code ends the range). */
const MAJOR_STARTS: [string, number][] = [
  ["A", 1],
  ["B", 3],
  ["C", 5],
  ["D", 6],
  ["E", 9],
  ["F", 33],
  ["G", 37],
  ["H", 42],
  ["I", 50],
  ["J", 62],
  ["K", 68],
  ["L", 71],
  ["M", 75],
  ["N", 78],
  ["O", 81],
  ["P", 83],
  ["Q", 86],
  ["R", 88],
  ["S", 97],
  ["T", 99],
];

const MEDIUM_NAMES = [
  "農業",
  "林業",
  "漁業（水産養殖業を除く）",
  "水産養殖業",
  "鉱業，採石業，砂利採取業",
  "総合工事業",
  "職別工事業（設備工事業を除く）",
  "設備工事業",
  "食料品製造業",
  "飲料・たばこ・飼料製造業",
  "繊維工業",
  "木材・木製品製造業（家具を除く）",
  "家具・装備品製造業",
  "パルプ・紙・紙加工品製造業",
  "印刷・同関連業",
  "化学工業",
  "石油製品・石炭製品製造業",
  "プラスチック製品製造業（別掲を除く）",
  "ゴム製品製造業",
  "なめし革・同製品・毛皮製造業",
  "窯業・土石製品製造業",
  "鉄鋼業",
  "非鉄金属製造業",
  "金属製品製造業",
  "はん用機械器具製造業",
  "生産用機械器具製造業",
  "業務用機械器具製造業",
  "電子部品・デバイス・電子回路製造業",
  "電気機械器具製造業",
  "情報通信機械器具製造業",
  "輸送用機械器具製造業",
  "その他の製造業",
  "電気業",
  "ガス業",
  "熱供給業",
  "水道業",
  "通信業",
  "放送業",
  "情報サービス業",
  "インターネット附随サービス業",
  "映像・音声・文字情報制作業",
  "鉄道業",
  "道路旅客運送業",
  "道路貨物運送業",
  "水運業",
  "航空運輸業",
  "倉庫業",
  "運輸に附帯するサービス業",
  "郵便業（信書便事業を含む）",
  "各種商品卸売業",
  "繊維・衣服等卸売業",
  "飲食料品卸売業",
  "建築材料，鉱物・金属材料等卸売業",
  "機械器具卸売業",
  "その他の卸売業",
  "各種商品小売業",
  "織物・衣服・身の回り品小売業",
  "飲食料品小売業",
  "機械器具小売業",
  "その他の小売業",
  "無店舗小売業",
  "銀行業",
  "協同組織金融業",
  "貸金業，クレジットカード業等非預金信用機関",
  "金融商品取引業，商品先物取引業",
  "補助的金融業等",
  "保険業（保険媒介代理業，保険サービス業を含む）",
  "不動産取引業",
  "不動産賃貸業・管理業",
  "物品賃貸業",
  "学術・開発研究機関",
  "専門サービス業（他に分類されないもの）",
  "広告業",
  "技術サービス業（他に分類されないもの）",
  "宿泊業",
  "飲食店",
  "持ち帰り・配達飲食サービス業",
  "洗濯・理容・美容・浴場業",
  "その他の生活関連サービス業",
  "娯楽業",
  "学校教育",
  "その他の教育，学習支援業",
  "医療業",
  "保健衛生",
  "社会保険・社会福祉・介護事業",
  "郵便局",
  "協同組合（他に分類されないもの）",
  "廃棄物処理業",
  "自動車整備業",
  "機械等修理業（別掲を除く）",
  "職業紹介・労働者派遣業",
  "その他の事業サービス業",
  "政治・経済・文化団体",
  "宗教",
  "その他のサービス業",
  "外国公務",
  "国家公務",
  "地方公務",
  "分類不能の産業",
] as const;

function majorOfNumber(n: number): string {
  let major = "A";
  for (const [code, start] of MAJOR_STARTS) if (n >= start) major = code;
  return major;
}

export const JSIC_MEDIUMS: readonly JsicMedium[] = MEDIUM_NAMES.map((name, i) => ({
  code: String(i + 1).padStart(2, "0"),
  name,
  major: majorOfNumber(i + 1),
}));

const MEDIUM_BY_CODE = new Map(JSIC_MEDIUMS.map((m) => [m.code, m]));
const MAJOR_BY_CODE = new Map(JSIC_MAJORS.map((m) => [m.code, m]));

export function jsicMedium(code: string): JsicMedium | undefined {
  return MEDIUM_BY_CODE.get(code);
}
export function jsicMajor(code: string): JsicMajor | undefined {
  return MAJOR_BY_CODE.get(code);
}

/** Folds the ways people write a classification: width, 全角/半角 commas, brackets, spaces. */
function fold(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[，、,]/g, ",")
    .replace(/[（(]/g, "(")
    .replace(/[）)]/g, ")")
    .replace(/[\s・]/g, "");
}
const MEDIUM_BY_NAME = new Map(JSIC_MEDIUMS.map((m) => [fold(m.name), m]));

/**
 * Reads an industry as a registry file or a form gives it: a medium code ("09", "E09",
 * "09 食料品製造業") or a medium's exact name ("食料品製造業"). A major alone ("E", "製造業") is
 * too coarse for a medium and gives undefined; free text ("菓子製造") gives undefined as well.
 */
export function resolveJsicMedium(text: string | null | undefined): JsicMedium | undefined {
  if (!text) return undefined;
  const t = text.normalize("NFKC").trim();
  const coded = /^(?:[A-T]\s*-?\s*)?(\d{2})(?:\s|$|[^\d])/.exec(`${t} `);
  if (coded?.[1]) {
    const m = MEDIUM_BY_CODE.get(coded[1]);
    if (!m) return undefined;
    const letter = /^[A-T]/.exec(t)?.[0];
    return letter && letter !== m.major ? undefined : m;
  }
  return MEDIUM_BY_NAME.get(fold(t));
}
