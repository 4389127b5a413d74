import type { MessageTable } from "../../../i18n/types";

export const contactMessages = {
  "contacts.title": { ja: "担当者", en: "Contacts" },
  "contacts.add": { ja: "追加", en: "Add" },
  "contacts.addTitle": { ja: "担当者の追加", en: "Add a contact" },
  "contacts.editTitle": { ja: "担当者の編集", en: "Edit contact" },
  "contacts.delete": { ja: "削除", en: "Delete" },
  "contacts.deleteTitle": { ja: "担当者の削除", en: "Delete contact" },
  "contacts.deleteConfirm": {
    ja: "{name} を担当者から削除します。よろしいですか？",
    en: "Remove {name} from the contacts?",
  },
  "contacts.empty": { ja: "担当者は登録されていません。", en: "No contacts yet." },
  "contacts.created": { ja: "{name} を担当者に追加しました。", en: "{name} was added to the contacts." },
  "contacts.updated": { ja: "{name} を更新しました。", en: "{name} was updated." },
  "contacts.deleted": { ja: "{name} を削除しました。", en: "{name} was deleted." },
  "contacts.name": { ja: "氏名", en: "Name" },
  "contacts.nameKana": { ja: "フリガナ", en: "Kana" },
  "contacts.role": { ja: "役職・役割", en: "Title / role" },
  "contacts.phone": { ja: "電話", en: "Phone" },
  "contacts.email": { ja: "メール", en: "Email" },
  "contacts.notes": { ja: "備考", en: "Notes" },
} satisfies MessageTable;
