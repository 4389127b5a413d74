import type { MessageTable } from "../../../i18n/types";

export const departmentsMessages = {
  "departments.title": { ja: "部署", en: "Departments" },
  "departments.description": {
    ja: "課・部署・拠点を管理します。廃止した部署は一覧から隠れますが、記録は残ります。",
    en: "Divisions, departments and offices. Archived departments are hidden but their records stay.",
  },
  "departments.create": { ja: "部署を追加", en: "Add department" },
  "departments.createTitle": { ja: "部署の追加", en: "Add a department" },
  "departments.editTitle": { ja: "部署名の変更", en: "Rename department" },
  "departments.code": { ja: "部署コード", en: "Department code" },
  "departments.codeHint": {
    ja: "半角英小文字・数字・ハイフン（32文字まで）。例: keiei-shien。作成後は変更できません。",
    en: "Lowercase letters, digits, hyphens (up to 32), e.g. keiei-shien. Cannot be changed later.",
  },
  "departments.codeFixed": { ja: "部署コードは変更できません。", en: "The code cannot be changed." },
  "departments.name": { ja: "部署名", en: "Name" },
  "departments.sortOrder": { ja: "表示順", en: "Display order" },
  "departments.sortOrderHint": {
    ja: "小さい数字ほど上に表示されます（0〜9999）。",
    en: "Smaller numbers are listed first (0–9999).",
  },
  "departments.status": { ja: "状態", en: "Status" },
  "departments.active": { ja: "使用中", en: "Active" },
  "departments.archived": { ja: "廃止", en: "Archived" },
  "departments.showArchived": { ja: "廃止した部署も表示", en: "Show archived departments" },
  "departments.empty": { ja: "部署はまだありません。", en: "No departments yet." },
  "departments.rename": { ja: "名称・表示順を変更", en: "Rename or reorder" },
  "departments.archive": { ja: "廃止する", en: "Archive" },
  "departments.restore": { ja: "使用中に戻す", en: "Restore" },
  "departments.archiveConfirm": {
    ja: "「{name}」を廃止します。新しい記録では選べなくなりますが、これまでの記録は残ります。よろしいですか？",
    en: "Archive “{name}”? It can no longer be chosen for new records; existing records stay.",
  },
  "departments.created": { ja: "「{name}」を追加しました。", en: "“{name}” was added." },
  "departments.updated": { ja: "「{name}」を更新しました。", en: "“{name}” was updated." },
  "departments.archivedDone": { ja: "「{name}」を廃止しました。", en: "“{name}” was archived." },
  "departments.restoredDone": { ja: "「{name}」を使用中に戻しました。", en: "“{name}” was restored." },
} satisfies MessageTable;
