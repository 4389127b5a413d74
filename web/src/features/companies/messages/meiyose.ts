import type { MessageTable } from "../../../i18n/types";

export const meiyoseMessages = {
  "meiyose.run": { ja: "名寄せを実行", en: "Run deduplication" },
  "meiyose.progress.load": { ja: "名寄せ：記録を読み込み中…", en: "Deduplication: loading records…" },
  "meiyose.progress.match": { ja: "名寄せ：{total}件を照合中…", en: "Deduplication: matching {total} records…" },
  "meiyose.progress.write": { ja: "名寄せ：書き込み中 {done}/{total}件", en: "Deduplication: writing {done}/{total}" },
  "meiyose.progress.review": { ja: "名寄せ：確認待ちを更新中…", en: "Deduplication: updating the review queue…" },
  "meiyose.runDone": {
    ja: "名寄せが完了しました：{records}件 → {entities}者（確認待ち {reviewPairs}組、法人番号の衝突 {conflicts}件）",
    en: "Deduplication done: {records} records → {entities} businesses ({reviewPairs} pairs to review, {conflicts} corporate-number conflicts)",
  },
  "meiyose.merge": { ja: "同一事業者として統合", en: "Merge as one business" },
  "meiyose.merged": {
    ja: "{count}件を同一の事業者として統合しました。",
    en: "{count} records merged as one business.",
  },
  "meiyose.undo": { ja: "元に戻す", en: "Undo" },
  "meiyose.undone": { ja: "統合を元に戻しました。", en: "The merge was undone." },
  "meiyose.undoFailed": { ja: "元に戻せませんでした：{message}", en: "Could not undo: {message}" },
  "meiyose.failed": { ja: "失敗しました：{message}", en: "Failed: {message}" },
  "meiyose.reviewTitle": { ja: "名寄せの確認待ち", en: "Pairs to review" },
  "meiyose.reviewDescription": {
    ja: "同じ事業者か自動では判断できなかった組です。内容を見比べて判定してください。判定は次回の名寄せでも保たれます。",
    en: "Pairs the engine could not decide. Compare them and decide; your decision is kept by later runs.",
  },
  "meiyose.reviewEmpty": { ja: "確認待ちの組はありません。", en: "Nothing to review." },
  "meiyose.score": { ja: "一致度 {score}", en: "Score {score}" },
  "meiyose.reasons": { ja: "判定の理由", en: "Reasons" },
  "meiyose.same": { ja: "同一の事業者", en: "Same business" },
  "meiyose.different": { ja: "別の事業者", en: "Different businesses" },
  "meiyose.decidedSame": { ja: "同一の事業者として統合しました。", en: "Merged as one business." },
  "meiyose.decidedDifferent": { ja: "別の事業者として記録しました。", en: "Recorded as different businesses." },
  "meiyose.pairLabel": { ja: "{a} と {b}", en: "{a} and {b}" },
  "meiyose.duplicateTitle": { ja: "同じ事業者の可能性があります", en: "This may be a business already registered" },
  "meiyose.duplicateHelp": {
    ja: "次の事業者がすでに登録されています。同じ事業者であれば、その記録を開いてください。",
    en: "These businesses are already registered. If it is one of them, open its record instead.",
  },
  "meiyose.decision.same": { ja: "同一の可能性が高い", en: "Very likely the same" },
  "meiyose.decision.review": { ja: "要確認", en: "Needs a look" },
  "meiyose.saveAnyway": { ja: "別の事業者として登録", en: "Register as a different business" },
  "meiyose.sameEntity": { ja: "同じ事業者の他の記録", en: "Other records of this business" },
  "meiyose.sameEntityNone": {
    ja: "名寄せされた他の記録は、読み込み済みの一覧にはありません。",
    en: "No other linked record among the lists loaded so far.",
  },
  "meiyose.entityKey": { ja: "名寄せキー", en: "Entity key" },
} satisfies MessageTable;
