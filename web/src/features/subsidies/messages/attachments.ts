import type { MessageTable } from "../../../i18n/types";

/** Strings of the 添付書類 card and the 実績報告の期限 page. */
export const subsidyAttachmentMessages = {
  "subsidies.attachments.title": { ja: "添付書類", en: "Attachments" },
  "subsidies.attachments.empty": { ja: "添付書類はありません。", en: "No attachments yet." },
  "subsidies.attachments.name": { ja: "ファイル名", en: "File" },
  "subsidies.attachments.kind": { ja: "種類", en: "Kind" },
  "subsidies.attachments.size": { ja: "サイズ", en: "Size" },
  "subsidies.attachments.uploadedBy": { ja: "登録者", en: "Uploaded by" },
  "subsidies.attachments.uploadedAt": { ja: "登録日時", en: "Uploaded at" },
  "subsidies.attachments.download": { ja: "ダウンロード", en: "Download" },
  "subsidies.attachments.file": { ja: "ファイル", en: "File" },
  "subsidies.attachments.filePlaceholder": {
    ja: "PDF・画像・Excel・Word・CSV・テキスト（10MBまで）",
    en: "PDF, image, Excel, Word, CSV or text (up to 10 MB)",
  },
  "subsidies.attachments.submit": { ja: "添付する", en: "Attach" },
  "subsidies.attachments.added": { ja: "「{name}」を添付しました", en: "Attached {name}" },
  "subsidies.attachments.delete": { ja: "削除", en: "Delete" },
  "subsidies.attachments.deleteTitle": { ja: "添付書類の削除", en: "Delete the attachment" },
  "subsidies.attachments.deleteConfirm": {
    ja: "「{name}」を削除します。よろしいですか。",
    en: "Delete {name}?",
  },
  "subsidies.attachments.deleted": { ja: "「{name}」を削除しました", en: "Deleted {name}" },
  "subsidies.attachments.locked": {
    ja: "形式審査以降の申請の添付書類は、証拠として残るため削除できません。",
    en: "Once the application has passed the formal check, its documents stay as evidence and cannot be deleted.",
  },
  "subsidies.attachments.tooLarge": {
    ja: "ファイルが大きすぎます（{size}）。添付できるのは1ファイル10MBまでです。",
    en: "The file is too large ({size}); the limit is 10 MB per file.",
  },
  "subsidies.attachments.badType": {
    ja: "この形式のファイルは添付できません。PDF・JPEG・PNG・Excel（xlsx）・Word（docx）・CSV・テキストのいずれかにしてください。",
    en: "This type of file cannot be attached; use PDF, JPEG, PNG, xlsx, docx, CSV or plain text.",
  },
  "subsidies.attachments.kind.application": { ja: "申請書", en: "Application form" },
  "subsidies.attachments.kind.estimate": { ja: "見積書", en: "Estimate" },
  "subsidies.attachments.kind.report": { ja: "実績報告書", en: "Results report" },
  "subsidies.attachments.kind.receipt": { ja: "領収書", en: "Receipt" },
  "subsidies.attachments.kind.other": { ja: "その他", en: "Other" },

  "subsidies.reportDueOn": { ja: "実績報告の期限", en: "Report due" },
  "subsidies.reportsDue.link": { ja: "実績報告の期限", en: "Reports due" },
  "subsidies.reportsDue.title": { ja: "実績報告の期限", en: "Results reports due" },
  "subsidies.reportsDue.description": {
    ja: "交付決定済みで実績報告がまだの申請のうち、期限が近いもの・過ぎたものです（期限切れが先）。",
    en: "Decided grants whose results report is due soon or overdue (overdue first).",
  },
  "subsidies.reportsDue.within": { ja: "期限までの日数", en: "Due within" },
  "subsidies.reportsDue.withinDays": { ja: "{days}日以内", en: "{days} days" },
  "subsidies.reportsDue.empty": {
    ja: "期限が近い・過ぎた実績報告はありません。",
    en: "No results reports are due in this period.",
  },
  "subsidies.reportsDue.company": { ja: "事業者", en: "Business" },
  "subsidies.reportsDue.application": { ja: "事業名", en: "Project" },
  "subsidies.reportsDue.decided": { ja: "交付決定", en: "Decided" },
  "subsidies.reportsDue.due": { ja: "期限", en: "Due" },
  "subsidies.reportsDue.left": { ja: "残り", en: "Left" },
  "subsidies.reportsDue.overdue": { ja: "{days}日超過", en: "{days} days overdue" },
  "subsidies.reportsDue.today": { ja: "本日が期限", en: "Due today" },
  "subsidies.reportsDue.daysLeft": { ja: "あと{days}日", en: "{days} days left" },
  "subsidies.reportsDue.more": {
    ja: "ほかに {count} 件あります（期限の早い順に {shown} 件を表示）。",
    en: "{count} more (showing the first {shown} by due date).",
  },
} satisfies MessageTable;
