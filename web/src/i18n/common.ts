import type { MessageTable } from "./types";

/** Strings of the shell and shared components. */
export const commonMessages = {
  "app.nameJa": { ja: "支援", en: "支援" },
  "common.actions": { ja: "操作", en: "Actions" },
  "common.cancel": { ja: "キャンセル", en: "Cancel" },
  "common.edit": { ja: "編集", en: "Edit" },
  "common.save": { ja: "保存", en: "Save" },
  "common.close": { ja: "閉じる", en: "Close" },
  "common.discardTitle": { ja: "入力内容を破棄しますか？", en: "Discard what you entered?" },
  "common.discardMessage": {
    ja: "この画面で入力した内容は保存されていません。閉じると失われます。",
    en: "What you entered here has not been saved. Closing loses it.",
  },
  "common.requiredEnter": { ja: "{label}を入力してください。", en: "{label} is required." },
  "common.requiredChoose": { ja: "{label}を選択してください。", en: "Choose {label}." },
  "common.discard": { ja: "破棄", en: "Discard" },
  "common.keepEditing": { ja: "編集を続ける", en: "Keep editing" },
  "common.yes": { ja: "はい", en: "Yes" },
  "common.no": { ja: "いいえ", en: "No" },
  "common.language": { ja: "表示言語", en: "Language" },
  "common.listSeparator": { ja: "、", en: ", " },
  "common.checkFields": {
    ja: "入力内容に誤りがあります。赤字で示した項目を確認してください。",
    en: "Some entries need correcting; see the fields marked in red.",
  },
  "common.unexpectedError": {
    ja: "予期しないエラーが発生しました。画面を再読み込みしてください。",
    en: "Something went wrong. Reload the page.",
  },

  "nav.home": { ja: "ホーム", en: "Home" },
  "nav.plans": { ja: "事業計画", en: "Annual plans" },
  "nav.admin": { ja: "管理", en: "Administration" },
  "nav.users": { ja: "ユーザー", en: "Users" },
  "nav.departments": { ja: "部署", en: "Departments" },
  "nav.audit": { ja: "監査ログ", en: "Audit log" },
  "nav.organization": { ja: "組織設定", en: "Organization settings" },

  "shell.navigation": { ja: "メインメニュー", en: "Main menu" },
  "shell.toggleNavigation": { ja: "メニューの表示切替", en: "Toggle menu" },
  "shell.activeDepartment": { ja: "表示する部署", en: "Department shown" },
  "shell.allDepartments": { ja: "すべての所属部署", en: "All my departments" },
  "shell.changePassword": { ja: "パスワード変更", en: "Change password" },
  "shell.logout": { ja: "ログアウト", en: "Sign out" },
  "shell.dateStyle": { ja: "日付の表示", en: "Dates (in Japanese)" },
  "shell.dateStyleWareki": { ja: "和暦（令和8年4月1日）", en: "Japanese era (令和8年4月1日)" },
  "shell.dateStyleSeireki": { ja: "西暦（2026年4月1日）", en: "Gregorian (2026年4月1日)" },

  "role.admin": { ja: "システム管理者", en: "Administrator" },
  "role.manager": { ja: "部署責任者", en: "Manager" },
  "role.staff": { ja: "担当者", en: "Staff" },
  "role.viewer": { ja: "閲覧者", en: "Viewer" },

  "status.backHome": { ja: "ホームへ戻る", en: "Back to home" },
  "status.notFoundTitle": { ja: "ページが見つかりません", en: "Page not found" },
  "status.notFoundMessage": {
    ja: "指定されたページは存在しません。メニューから目的の画面を選んでください。",
    en: "This page does not exist. Choose a screen from the menu.",
  },
  "status.noAccessTitle": { ja: "このページは表示できません", en: "You cannot open this page" },
  "status.noAccessMessage": {
    ja: "このページを表示する権限がありません。必要な場合はシステム管理者にご相談ください。",
    en: "Your role does not include this page. Ask your administrator if you need it.",
  },
} satisfies MessageTable;
