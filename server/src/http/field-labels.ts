import type { Text } from "./app-error.js";

/** How a field is named to the person who typed it. Unknown fields fall back to their path. */
const LABELS: Record<string, Text> = {
  org: { ja: "組織", en: "Organization" },
  login: { ja: "ログインID", en: "Login ID" },
  password: { ja: "パスワード", en: "Password" },
  currentPassword: { ja: "現在のパスワード", en: "Current password" },
  newPassword: { ja: "新しいパスワード", en: "New password" },
  displayName: { ja: "氏名", en: "Name" },
  email: { ja: "メールアドレス", en: "Email" },
  role: { ja: "権限", en: "Role" },
  departmentIds: { ja: "所属部署", en: "Departments" },
  departmentId: { ja: "部署", en: "Department" },
  disabled: { ja: "無効化", en: "Disabled" },
  code: { ja: "部署コード", en: "Department code" },
  name: { ja: "名称", en: "Name" },
  sortOrder: { ja: "表示順", en: "Display order" },
  archived: { ja: "廃止", en: "Archived" },
  id: { ja: "ID", en: "ID" },
  page: { ja: "ページ", en: "Page" },
  pageSize: { ja: "件数", en: "Page size" },
  from: { ja: "開始日", en: "From" },
  to: { ja: "終了日", en: "To" },
  action: { ja: "操作", en: "Action" },
  entity: { ja: "対象", en: "Entity" },
  entityId: { ja: "対象ID", en: "Entity ID" },
  actorUserId: { ja: "操作者", en: "Actor" },
  corporateNumber: { ja: "法人番号", en: "Corporate number" },
  nameKana: { ja: "フリガナ", en: "Name (kana)" },
  representative: { ja: "代表者", en: "Representative" },
  postalCode: { ja: "郵便番号", en: "Postal code" },
  address: { ja: "所在地", en: "Address" },
  phone: { ja: "電話番号", en: "Phone" },
  website: { ja: "ウェブサイト", en: "Website" },
  industry: { ja: "業種", en: "Industry" },
  employees: { ja: "従業員数", en: "Employees" },
  capitalYen: { ja: "資本金", en: "Capital" },
  founded: { ja: "設立日", en: "Founded" },
  sizeClass: { ja: "企業規模", en: "Size class" },
  soleProprietor: { ja: "個人事業主", en: "Sole proprietor" },
  notes: { ja: "備考", en: "Notes" },
};

/** How to write a value that must match a pattern. */
const FORMAT_HINTS: Record<string, Text> = {
  login: { ja: "半角英数字と . _ - で2〜64文字", en: "2–64 letters, digits, . _ -" },
  code: { ja: "半角英小文字・数字・ハイフンで32文字まで", en: "up to 32 lowercase letters, digits, hyphens" },
  slug: { ja: "半角英小文字で始まる英小文字・数字・ハイフン", en: "lowercase letters, digits, hyphens" },
};

export function formatHint(path: string): Text | undefined {
  return FORMAT_HINTS[path.split(".").pop() ?? path];
}

export function fieldLabel(path: string): Text {
  const last =
    path
      .split(".")
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  return LABELS[last] ?? { ja: path || "入力", en: path || "input" };
}
