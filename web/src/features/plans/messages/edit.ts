import type { MessageTable } from "../../../i18n/types";

/** Editing figures and targets, adopting and revising a plan. */
export const planEditMessages = {
  "planEdit.readOnlyAdopted": {
    ja: "採択済みのため編集できません。変更が必要な場合は、管理者が「見直し」を行ってください。",
    en: "This plan is adopted, so it cannot be edited. An administrator can open a revision.",
  },
  "planEdit.saved": { ja: "「{name}」を保存しました。", en: "“{name}” was saved." },
  "planEdit.noChanges": { ja: "変更はありません。", en: "Nothing was changed." },
  "planEdit.note": { ja: "備考", en: "Note" },

  "amountEdit.title": { ja: "金額の編集：{label}", en: "Edit amount: {label}" },
  "amountEdit.yen": { ja: "金額（円）", en: "Amount (yen)" },
  "amountEdit.previousYen": { ja: "前年度（円）", en: "Previous year (yen)" },
  "amountEdit.yenHint": { ja: "円単位の整数で入力します。", en: "Whole yen." },
  "amountEdit.previousHint": {
    ja: "空欄にすると前年度額なしになります。",
    en: "Leave empty when there is no previous-year figure.",
  },
  "amountEdit.preview": { ja: "＝ {value} 千円", en: "= ¥{value} thousand" },
  "amountEdit.approximate": {
    ja: "現在の値には文書の「約」の表記があります。金額を変更すると正確な値として扱い、前年度額があれば前年度比は差額から計算し直されます。",
    en: "The current figures include the document's rounded “about” values. Changed figures are exact; with a previous-year figure, the change is recomputed.",
  },

  "amountEdit.sources": { ja: "財源", en: "Funding sources" },
  "amountEdit.payer": { ja: "財源の内訳", en: "Paid by" },
  "amountEdit.payerHint": {
    ja: "例: 東北経済産業局受託金、県補助金ほか",
    en: "e.g. the ministry's contract, prefecture grant",
  },

  "indicatorEdit.title": { ja: "指標の編集：{name}", en: "Edit indicator: {name}" },
  "indicatorEdit.target": { ja: "目標", en: "Target" },
  "indicatorEdit.targetHint": { ja: "数値がない場合は空欄にします。", en: "Leave empty when there is no number." },
  "indicatorEdit.breakdownTarget": { ja: "内訳「{label}」の目標", en: "Target for “{label}”" },
  "indicatorEdit.targetText": { ja: "目標なしの表記", en: "Wording without a number" },
  "indicatorEdit.targetTextHint": {
    ja: "例: 未定、今後協議、-。数値と併記する表記（「3件程度」など）もここに書きます。",
    en: "e.g. to be decided. Also wording shown beside a number (“about 3”).",
  },
  "indicatorEdit.name": { ja: "指標名", en: "Indicator" },
  "indicatorEdit.unit": { ja: "単位", en: "Unit" },

  "planAdopt.action": { ja: "採択", en: "Adopt" },
  "planAdopt.title": { ja: "計画の採択", en: "Adopt the plan" },
  "planAdopt.confirm": {
    ja: "「{title}」を採択します。採択後は金額・指標を編集できなくなります（管理者は「見直し」で再び編集できます）。よろしいですか？",
    en: "Adopt “{title}”? Its amounts and indicators become read-only (an administrator can open a revision).",
  },
  "planAdopt.done": { ja: "計画を採択しました。", en: "The plan was adopted." },
  "planRevise.action": { ja: "見直し", en: "Revise" },
  "planRevise.title": { ja: "計画の見直し", en: "Revise the plan" },
  "planRevise.explain": {
    ja: "採択済みの計画を編集できる状態に戻します。改訂番号が1つ上がり、理由は記録に残ります。",
    en: "Reopens the adopted plan for editing. The revision number goes up by one and the reason is recorded.",
  },
  "planRevise.reason": { ja: "見直しの理由", en: "Reason" },
  "planRevise.submit": { ja: "見直しを開始", en: "Start revision" },
  "planRevise.done": { ja: "見直しを開始しました（改訂{revision}）。", en: "Revision {revision} is open for editing." },
} satisfies MessageTable;
