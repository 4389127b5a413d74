import type { MessageTable } from "../../../i18n/types";

export const organizationMessages = {
  "organization.title": { ja: "組織設定", en: "Organization settings" },
  "organization.description": {
    ja: "画面の見出しや帳票に表示される組織の名称を設定します。",
    en: "The organization name shown in the header and on documents.",
  },
  "organization.slug": { ja: "組織コード", en: "Organization code" },
  "organization.slugHint": {
    ja: "ログイン時に入力するコードです。変更はシステム運用者が行います。",
    en: "Typed at sign-in. Only the system operator can change it.",
  },
  "organization.name": { ja: "組織名", en: "Organization name" },
  "organization.createdAt": { ja: "登録日時", en: "Registered" },
  "organization.saved": { ja: "組織名を変更しました。", en: "Organization name saved." },
} satisfies MessageTable;
