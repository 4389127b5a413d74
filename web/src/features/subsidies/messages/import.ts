import type { MessageTable } from "../../../i18n/types";

/** Strings of the 申請の一括取り込み modal (POST /api/subsidies/applications/import). */
export const subsidyImportMessages = {
  "subsidies.import.open": { ja: "ファイルから取り込み", en: "Import from a file" },
  "subsidies.import.title": { ja: "補助金申請の取り込み", en: "Import subsidy applications" },
  "subsidies.import.description": {
    ja: "CSV（UTF-8 / Shift_JIS）または Excel（xlsx）の申請一覧を取り込みます。1行が経費1件で、同じ申請番号（application_ref）の行が1件の申請になります。まず内容を確認し、誤りがなければ取り込みます。誤りが1件でもあれば何も保存しません。",
    en: "Import a CSV (UTF-8 / Shift_JIS) or Excel (xlsx) list: one row per expense line, rows sharing an application_ref make one application. The file is checked first; import it when there are no errors. Any error means nothing is stored.",
  },
  "subsidies.import.columns": {
    ja: "列: application_ref（申請番号）, corporate_number（法人番号）, company_name（事業者名）, program_code（事業コード）, round（公募回）, course（コース）, type（申請種別）, title（事業名）, received_on（受付日）, tax_treatment（消費税の扱い）, tax_included（税込）, category（経費区分）, amount_yen（金額）, note（摘要）",
    en: "Columns: application_ref, corporate_number, company_name, program_code, round, course, type, title, received_on, tax_treatment, tax_included, category, amount_yen, note",
  },
  "subsidies.import.file": { ja: "ファイル", en: "File" },
  "subsidies.import.filePlaceholder": { ja: "CSV または xlsx を選択", en: "Choose a CSV or xlsx file" },
  "subsidies.import.createCompanies": {
    ja: "台帳にない事業者を新規登録する（該当が曖昧な事業者は誤りのまま）",
    en: "Register businesses that are not in the registry (ambiguous ones stay errors)",
  },
  "subsidies.import.checking": { ja: "ファイルを確認しています…", en: "Checking the file…" },
  "subsidies.import.readFailed": { ja: "ファイルを読み込めませんでした。", en: "The file could not be read." },
  "subsidies.import.read": {
    ja: "文字コード：{encoding}　データ行数：{rows}行",
    en: "Encoding: {encoding}  Data rows: {rows}",
  },
  "subsidies.import.mapping": { ja: "列の対応：{mapping}", en: "Columns: {mapping}" },
  "subsidies.import.ignored": { ja: "取り込まない列：{columns}", en: "Ignored columns: {columns}" },
  "subsidies.import.ref": { ja: "申請番号", en: "Ref" },
  "subsidies.import.rows": { ja: "行", en: "Rows" },
  "subsidies.import.lines": { ja: "経費", en: "Lines" },
  "subsidies.import.cost": { ja: "経費の額", en: "Costs" },
  "subsidies.import.newCompany": { ja: "新規登録", en: "New" },
  "subsidies.import.passed": {
    ja: "確認を通った申請（{count}件）",
    en: "Applications that passed the checks ({count})",
  },
  "subsidies.import.ready": {
    ja: "申請 {count}件（申請額の合計 {total}）を取り込めます。事業者は台帳と照合 {matched}件、新規登録 {created}件です。",
    en: "{count} applications (total {total}) can be imported: {matched} businesses found in the registry, {created} to register.",
  },
  "subsidies.import.run": { ja: "取り込む", en: "Import" },
  "subsidies.import.done": {
    ja: "補助金申請を {count}件取り込みました。",
    en: "{count} subsidy applications imported.",
  },
  "subsidies.import.close": { ja: "閉じる", en: "Close" },
} satisfies MessageTable;
