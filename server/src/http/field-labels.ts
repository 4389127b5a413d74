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
  channel: { ja: "対応方法", en: "Channel" },
  location: { ja: "開催場所", en: "Location" },
  occurredOn: { ja: "相談日", en: "Date" },
  startTime: { ja: "開始時刻", en: "Start time" },
  durationMinutes: { ja: "所要時間（分）", en: "Duration (minutes)" },
  staffUserIds: { ja: "担当者", en: "Staff" },
  topics: { ja: "相談分野", en: "Topics" },
  nextAction: { ja: "次回対応", en: "Next action" },
  followUpOn: { ja: "フォロー予定日", en: "Follow-up date" },
  visit: { ja: "訪問の項目", en: "Visit details" },
  interviewee: { ja: "面談者", en: "Interviewee" },
  orderingInfo: { ja: "発注情報", en: "Ordering information" },
  receivingInfo: { ja: "受注情報", en: "Receiving information" },
  kind: { ja: "種類", en: "Kind" },
  scope: { ja: "範囲", en: "Scope" },
  programId: { ja: "事業", en: "Program" },
  fromDepartmentId: { ja: "送付元の部署", en: "Sending department" },
  target: { ja: "連携先", en: "Referred to" },
  agency: { ja: "連携先機関", en: "Partner agency" },
  reason: { ja: "理由", en: "Reason" },
  sentOn: { ja: "送付日", en: "Date sent" },
  consultationId: { ja: "元の相談", en: "Consultation" },
  companyId: { ja: "事業者", en: "Business" },
  personName: { ja: "相談者名", en: "Person's name" },
  note: { ja: "メモ", en: "Note" },
  on: { ja: "日付", en: "Date" },
  version: { ja: "版", en: "Version" },
  box: { ja: "一覧の種類", en: "List" },
  status: { ja: "状態", en: "Status" },
  frameId: { ja: "派遣枠", en: "Dispatch frame" },
  expertId: { ja: "専門家", en: "Expert" },
  scheduledOn: { ja: "派遣予定日", en: "Scheduled date" },
  minutes: { ja: "時間（分）", en: "Minutes" },
  feeYen: { ja: "謝金", en: "Fee" },
  companyShareYen: { ja: "企業負担", en: "Company share" },
  purpose: { ja: "派遣の目的", en: "Purpose" },
  cap: { ja: "枠の上限回数", en: "Cap" },
  perCompanyCap: { ja: "1事業者あたりの上限回数", en: "Per-business cap" },
  reportText: { ja: "報告内容", en: "Report" },
  specialties: { ja: "得意分野", en: "Specialties" },
  qualifications: { ja: "資格", en: "Qualifications" },
  qualification: { ja: "資格", en: "Qualification" },
  organization: { ja: "所属", en: "Affiliation" },
  feePerDispatchYen: { ja: "1回あたりの謝金", en: "Fee per dispatch" },
  feePerHourYen: { ja: "1時間あたりの謝金", en: "Fee per hour" },
  active: { ja: "有効", en: "Active" },
  conflictNotes: { ja: "利益相反", en: "Conflicts of interest" },
  fiscalYear: { ja: "年度", en: "Fiscal year" },
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
