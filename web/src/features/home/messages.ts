import type { MessageTable } from "../../i18n/types";

export const homeMessages = {
  "home.title": { ja: "ホーム", en: "Home" },
  "home.welcome": { ja: "ようこそ、{name} さん", en: "Welcome, {name}" },
  "home.account": { ja: "ご自身のアカウント", en: "Your account" },
  "home.org": { ja: "組織", en: "Organization" },
  "home.displayName": { ja: "氏名", en: "Name" },
  "home.loginId": { ja: "ログインID", en: "Login ID" },
  "home.role": { ja: "権限", en: "Role" },
  "home.departments": { ja: "所属部署", en: "Departments" },
  "home.noDepartments": { ja: "所属部署はありません", en: "No department" },
  "home.activeDepartment": { ja: "表示中の部署", en: "Department shown" },
  "home.screens": { ja: "利用できる画面", en: "Screens you can use" },
} satisfies MessageTable;
