import { fiscalYearWareki, type SubsidyCalcStep } from "@shien/contracts";
import { honorific, warekiDate, yenText } from "./format.js";
import type { Notice, NoticeItem, WorkingRow } from "./pdf.js";

/**
 * The three notices' wording. Each takes what the service read of one application and returns
 * the notice to draw; nothing here reads the database or decides whether the notice may be issued.
 */
export interface NoticeSubject {
  orgName: string;
  companyName: string;
  program: { code: string; name: string };
  fiscalYear: number;
  round: string | null;
  title: string;
  course: string | null;
  type: string | null;
  receivedOn: string;
  computedYen: number;
  steps: SubsidyCalcStep[];
  decisionNo: string | null;
  decidedYen: number | null;
  decidedOn: string | null;
  reportDueOn: string | null;
  confirmationNo: string | null;
  rejectionNo: string | null;
  confirmedYen: number | null;
  confirmationSteps: SubsidyCalcStep[] | null;
  /** The state log, oldest first (dates of 実績報告, 額の確定, 不採択; 変更承認 and their amounts). */
  events: { action: string; on: string; note: string | null; amountYen: number | null }[];
}

const programTitle = (s: NoticeSubject) => `${fiscalYearWareki(s.fiscalYear)}${s.program.name}`;
const addressee = (s: NoticeSubject) => `${s.companyName}　${honorific(s.companyName)}`;
const lastEvent = (s: NoticeSubject, action: string) => s.events.filter((e) => e.action === action).at(-1);

/** The items every notice starts with: 事業, 補助金, コース・区分. */
function subjectItems(s: NoticeSubject): NoticeItem[] {
  const items: NoticeItem[] = [
    { type: "field", label: "補助事業の名称", value: s.title },
    {
      type: "field",
      label: "補助金の名称",
      value: `${s.program.code} ${programTitle(s)}${s.round ? `（${s.round}）` : ""}`,
    },
  ];
  const variant = [s.course, s.type].filter((v): v is string => Boolean(v)).join("・");
  if (variant) items.push({ type: "field", label: "コース・区分", value: variant });
  return items;
}

/** The arithmetic's steps as the notice prints them: label, amount, and how it was reached. */
export function workingRows(steps: readonly SubsidyCalcStep[]): WorkingRow[] {
  return steps.map((step) => ({
    label: step.label.ja,
    amount:
      step.yen !== undefined
        ? yenText(step.yen)
        : step.fraction
          ? `${step.fraction.numerator}/${step.fraction.denominator}`
          : "",
    note: step.note,
    total: step.key === "final",
  }));
}

export function decisionNotice(s: NoticeSubject): Notice {
  const decided = s.decidedYen ?? 0;
  const changes = s.events.filter((e) => e.action === "change");
  const rows = workingRows(s.steps);
  if (decided !== s.computedYen) {
    rows.push({
      label: "交付決定額",
      amount: yenText(decided),
      note: `算定額 ${yenText(s.computedYen)} のうち ${yenText(decided)} を交付決定`,
      total: true,
    });
  }
  const conditions = [
    ...(s.reportDueOn ? [`補助事業の実績報告は、${warekiDate(s.reportDueOn)}までに提出すること。`] : []),
    "補助事業の内容又は経費の配分を変更しようとするときは、あらかじめ承認を受けること。",
    "補助事業を中止し、又は廃止しようとするときは、あらかじめ承認を受けること。",
    "補助事業に係る経費の収支を明らかにした帳簿及び証拠書類を、補助事業の完了した日の属する年度の終了後5年間保存すること。",
    "この決定に付した条件に違反したときは、交付決定の全部又は一部を取り消すことがある。",
  ].map((c, i) => `(${i + 1}) ${c}`);
  const items: NoticeItem[] = [
    ...subjectItems(s),
    {
      type: "field",
      label: changes.length > 0 ? "交付決定額（変更後）" : "交付決定額",
      value: yenText(decided),
      emphasis: true,
    },
    { type: "working", label: "交付決定額の算定", rows },
  ];
  if (changes.length > 0) {
    items.push({
      type: "list",
      label: "変更承認",
      lines: changes.map(
        (c) => `${warekiDate(c.on)} 変更承認${c.amountYen === null ? "" : `（交付決定額 ${yenText(c.amountYen)}）`}`,
      ),
    });
  }
  items.push({ type: "list", label: "交付の条件", lines: conditions });
  return {
    title: "交付決定通知書",
    number: s.decisionNo,
    date: warekiDate(s.decidedOn ?? s.receivedOn),
    addressee: addressee(s),
    sender: s.orgName,
    lead: `${warekiDate(s.receivedOn)}付けで交付申請のあった${programTitle(s)}については、下記のとおり交付することに決定したので通知します。`,
    items,
    subject: `${programTitle(s)} 交付決定 ${s.companyName}`,
  };
}

export function confirmationNotice(s: NoticeSubject): Notice {
  const decided = s.decidedYen ?? 0;
  const confirmed = s.confirmedYen ?? 0;
  const confirmedOn = lastEvent(s, "confirm")?.on ?? s.decidedOn ?? s.receivedOn;
  const reportedOn = lastEvent(s, "report")?.on;
  const difference = decided - confirmed;
  const decisionRef = [s.decidedOn ? `${warekiDate(s.decidedOn)}付け` : "", s.decisionNo ?? ""].join("");
  return {
    title: "補助金の額の確定通知書",
    number: s.confirmationNo,
    date: warekiDate(confirmedOn),
    addressee: addressee(s),
    sender: s.orgName,
    lead:
      `${decisionRef}${decisionRef ? "で" : ""}交付決定した${programTitle(s)}については、` +
      `${reportedOn ? `${warekiDate(reportedOn)}付けで提出のあった` : ""}実績報告書を審査した結果、` +
      "下記のとおり補助金の額を確定したので通知します。",
    items: [
      ...subjectItems(s),
      {
        type: "field",
        label: "交付決定額",
        value: `${yenText(decided)}${s.decisionNo ? `（${s.decisionNo}）` : ""}`,
      },
      { type: "field", label: "確定額", value: yenText(confirmed), emphasis: true },
      { type: "working", label: "額の確定の算定（実績）", rows: workingRows(s.confirmationSteps ?? []) },
      {
        type: "field",
        label: "交付決定額との差",
        value:
          difference === 0
            ? `交付決定額 ${yenText(decided)} − 確定額 ${yenText(confirmed)} = 0円（交付決定額のとおり確定）`
            : `交付決定額 ${yenText(decided)} − 確定額 ${yenText(confirmed)} = ${yenText(difference)}（減額）`,
      },
      {
        type: "list",
        label: "請求の手続",
        lines: ["補助金の支払を受けようとするときは、速やかに補助金交付請求書を提出すること。"],
      },
    ],
    subject: `${programTitle(s)} 額の確定 ${s.companyName}`,
  };
}

/**
 * 不採択通知, numbered from the gap-free counter at the 不採択 step (applications rejected before
 * that number existed print without one rather than not at all).
 */
export function rejectionNotice(s: NoticeSubject): Notice {
  const rejected = lastEvent(s, "reject");
  return {
    title: "不採択通知書",
    number: s.rejectionNo,
    date: warekiDate(rejected?.on ?? s.receivedOn),
    addressee: addressee(s),
    sender: s.orgName,
    lead: `${warekiDate(s.receivedOn)}付けで申請のあった${programTitle(s)}については、審査の結果、下記のとおり不採択と決定したので通知します。`,
    items: [
      ...subjectItems(s),
      { type: "field", label: "申請額（算定額）", value: yenText(s.computedYen) },
      {
        type: "field",
        label: "不採択の理由",
        value: rejected?.note?.trim() || "審査の結果、採択に至りませんでした。",
      },
    ],
    subject: `${programTitle(s)} 不採択 ${s.companyName}`,
  };
}
