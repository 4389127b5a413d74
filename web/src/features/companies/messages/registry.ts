import type { MessageTable } from "../../../i18n/types";

export const registryMessages = {
  "nav.companies": { ja: "事業者", en: "Businesses" },
  "companies.title": { ja: "事業者台帳", en: "Business registry" },
  "companies.description": {
    ja: "支援する事業者の台帳です。名寄せにより、同じ事業者の複数の記録をまとめて数えます。",
    en: "The businesses the center supports. 名寄せ (deduplication) counts several records of one business once.",
  },
  "companies.summary": {
    ja: "登録件数 {companies}件 / 名寄せ後 {entities}者 / 確認待ち {reviewPairs}組",
    en: "{companies} records / {entities} businesses after deduplication / {reviewPairs} pairs to review",
  },
  "companies.search": { ja: "事業者を検索", en: "Search businesses" },
  "companies.searchHint": {
    ja: "名称・フリガナの一部、法人番号、電話番号",
    en: "Part of the name or kana, corporate number, phone",
  },
  "companies.create": { ja: "新規登録", en: "Add business" },
  "companies.import": { ja: "取り込み", en: "Import" },
  "companies.review": { ja: "確認待ち", en: "To review" },
  "companies.downloadCsv": { ja: "CSV出力", en: "Export CSV" },
  "companies.downloadXlsx": { ja: "Excel出力", en: "Export Excel" },
  "companies.empty": { ja: "該当する事業者はいません。", en: "No businesses match." },
  "companies.total": { ja: "{total}件中 {from}〜{to}件", en: "{from}–{to} of {total}" },
  "companies.select": { ja: "{name} を選択", en: "Select {name}" },
  "companies.selectPage": { ja: "このページをすべて選択", en: "Select this page" },
  "companies.col.name": { ja: "事業者名", en: "Name" },
  "companies.col.kana": { ja: "フリガナ", en: "Kana" },
  "companies.col.corporateNumber": { ja: "法人番号", en: "Corporate number" },
  "companies.col.location": { ja: "所在地", en: "Location" },
  "companies.col.phone": { ja: "電話", en: "Phone" },
  "companies.col.entity": { ja: "名寄せ", en: "Linked" },
  "companies.entityBadge": { ja: "名寄せ: {count}件", en: "Linked: {count}" },
  "companies.entityBadgeHint": {
    ja: "同じ事業者として名寄せされた記録の件数（この一覧に表示中のもの）",
    en: "Records linked as one business (among those listed here)",
  },
  "companies.selected": { ja: "{count}件を選択中", en: "{count} selected" },
  "companies.clearSelection": { ja: "選択を解除", en: "Clear selection" },
} satisfies MessageTable;
