import { SUBSIDY_STATUS_LABELS, type SubsidyStatus } from "@shien/contracts";
import type { Db } from "../../../db/client.js";
import type { Actor } from "../../../http/actor.js";
import { conflict, type Text } from "../../../http/app-error.js";
import { logConfidentialRead } from "../../activities/index.js";
import { companyNames } from "../../companies/index.js";
import { findOrganizationById } from "../../organizations/index.js";
import * as repo from "../applications.repository.js";
import { calculationSchema, visibleApplication } from "../subsidies.service.js";
import { confirmationNotice, decisionNotice, type NoticeSubject, rejectionNotice } from "./layouts.js";
import { type Notice, renderNotice } from "./pdf.js";

export const NOTICE_KINDS = ["decision", "confirmation", "rejection"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const NOTICE_NAMES: Record<NoticeKind, Text> = {
  decision: { ja: "交付決定通知書", en: "grant decision notice" },
  confirmation: { ja: "額の確定通知書", en: "amount confirmation notice" },
  rejection: { ja: "不採択通知書", en: "rejection notice" },
};

/**
 * The statuses in which an application has each notice. A decision stands from 交付決定 to 支払;
 * after 辞退 or 取消 the decision no longer stands and its notice is not issued again.
 */
const ISSUED_IN: Record<NoticeKind, readonly SubsidyStatus[]> = {
  decision: repo.GRANTED,
  confirmation: ["confirmed", "claimed", "paid"],
  rejection: ["rejected"],
};

/** What must have happened first, named in the refusal. */
const NEEDS: Record<NoticeKind, Text> = {
  decision: { ja: "交付決定", en: "a grant decision" },
  confirmation: { ja: "額の確定", en: "a confirmed amount" },
  rejection: { ja: "不採択の決定", en: "a rejection" },
};

function refuse(kind: NoticeKind, status: SubsidyStatus): never {
  const now = SUBSIDY_STATUS_LABELS[status];
  const name = NOTICE_NAMES[kind];
  const ended = kind === "decision" && (status === "withdrawn" || status === "cancelled");
  throw conflict("kind", {
    ja: ended
      ? `この申請は「${now.ja}」のため交付決定が効力を失っており、${name.ja}は出力できません`
      : `この申請は「${now.ja}」で${NEEDS[kind].ja}がされていないため、${name.ja}は出力できません（出力できるのは${ISSUED_IN[kind].map((s) => `「${SUBSIDY_STATUS_LABELS[s].ja}」`).join("・")}のときです）`,
    en: ended
      ? `This application is ${now.en.toLowerCase()}: its grant decision no longer stands, so there is no ${name.en}`
      : `This application is ${now.en.toLowerCase()} and has no ${NEEDS[kind].en} yet, so there is no ${name.en}`,
  });
}

export interface NoticeFile {
  fileName: string;
  asciiName: string;
  body: Buffer;
}

/**
 * A notice of one application as PDF. The reader must see the application (404 otherwise, like a
 * missing one); an application in a state without that notice is refused (409) naming its state.
 * The numbers printed are the ones the transitions issued from the gap-free counter.
 */
export async function noticePdf(db: Db, actor: Actor, id: string, kind: NoticeKind): Promise<NoticeFile> {
  const { row, program } = await visibleApplication(db, actor, id);
  const status = row.status as SubsidyStatus;
  const numbered =
    kind === "decision"
      ? row.decisionNo !== null && row.decidedYen !== null
      : kind === "confirmation"
        ? row.confirmationNo !== null && row.confirmedYen !== null
        : true;
  if (!ISSUED_IN[kind].includes(status) || !numbered) refuse(kind, status);
  if (row.confidential) await logConfidentialRead(db, actor, "subsidy_notice", row.id, [row.id]);
  const [org, names, events] = await Promise.all([
    findOrganizationById(db, actor.orgId),
    companyNames(db, actor.orgId, [row.companyId]),
    repo.eventsOf(db, actor.orgId, row.id),
  ]);
  const calculation = calculationSchema.parse(row.calculation);
  const subject: NoticeSubject = {
    orgName: org?.name ?? "",
    companyName: names.get(row.companyId) ?? "",
    program: { code: program.code, name: program.name },
    fiscalYear: row.fiscalYear,
    round: row.roundName,
    title: row.title,
    course: row.course,
    type: row.type,
    receivedOn: row.receivedOn,
    computedYen: row.computedYen,
    steps: calculation.steps,
    decisionNo: row.decisionNo,
    decidedYen: row.decidedYen,
    decidedOn: row.decidedOn,
    reportDueOn: row.reportDueOn,
    confirmationNo: row.confirmationNo,
    rejectionNo: row.rejectionNo,
    confirmedYen: row.confirmedYen,
    confirmationSteps: calculation.confirmation?.steps ?? null,
    events: events.map((e) => ({ action: e.action, on: e.on, note: e.note, amountYen: e.amountYen })),
  };
  const notice: Notice =
    kind === "decision"
      ? decisionNotice(subject)
      : kind === "confirmation"
        ? confirmationNotice(subject)
        : rejectionNotice(subject);
  const number = kind === "decision" ? row.decisionNo : kind === "confirmation" ? row.confirmationNo : row.rejectionNo;
  return {
    fileName: `${NOTICE_NAMES[kind].ja}_${subject.companyName}${number ? `_${number}` : ""}.pdf`.replace(
      /[\\/:*?"<>|\s]+/g,
      "_",
    ),
    asciiName: `subsidy-${kind}-${row.id}.pdf`,
    body: await renderNotice(notice),
  };
}
