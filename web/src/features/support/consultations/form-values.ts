import type {
  Channel,
  Consultation,
  ConsultationInput,
  ConsultationStatus,
  SessionUser,
  VisitDetails,
} from "@shien/contracts";
import { textOrNull, todayInTokyo } from "../format";
import { CHANNELS_WITH_LOCATION } from "../labels";
import type { CompanyRef } from "../shared/CompanyPicker";

import type { Subject } from "../shared/SubjectFields";

export type { Subject };

/** The form as typed: text stays text (a half-typed time is kept), converted on 保存. */
export interface ConsultationFormValues {
  subject: Subject;
  company: CompanyRef | null;
  personName: string;
  programId: string | null;
  departmentId: string | null;
  channel: Channel;
  location: string;
  occurredOn: string;
  startTime: string;
  durationMinutes: number | string;
  staffUserIds: string[];
  topics: string[];
  notes: string;
  nextAction: string;
  followUpOn: string;
  status: ConsultationStatus;
  visit: Record<keyof VisitDetails, string>;
}

/** Fields the form shows server details beside (the API's field names). */
export const CONSULTATION_FIELDS = [
  "companyId",
  "personName",
  "programId",
  "departmentId",
  "channel",
  "location",
  "occurredOn",
  "startTime",
  "durationMinutes",
  "staffUserIds",
  "topics",
  "notes",
  "nextAction",
  "followUpOn",
  "status",
  "visit",
] as const;

const emptyVisit = { purpose: "", interviewee: "", orderingInfo: "", receivingInfo: "" };

export function newConsultationValues(me: SessionUser | undefined, company: CompanyRef | null): ConsultationFormValues {
  return {
    subject: "company",
    company,
    personName: "",
    programId: null,
    departmentId: null,
    channel: "window",
    location: "",
    occurredOn: todayInTokyo(),
    startTime: "",
    durationMinutes: "",
    staffUserIds: me ? [me.id] : [],
    topics: [],
    notes: "",
    nextAction: "",
    followUpOn: "",
    status: "ongoing",
    visit: { ...emptyVisit },
  };
}

export function fromConsultation(c: Consultation): ConsultationFormValues {
  return {
    subject: c.companyId ? "company" : "person",
    company: c.companyId ? { id: c.companyId, name: c.companyName ?? "" } : null,
    personName: c.personName ?? "",
    programId: c.program.id,
    departmentId: c.department.id,
    channel: c.channel,
    location: c.location ?? "",
    occurredOn: c.occurredOn,
    startTime: c.startTime ?? "",
    durationMinutes: c.durationMinutes ?? "",
    staffUserIds: c.staff.map((s) => s.id),
    topics: c.topics,
    notes: c.notes ?? "",
    nextAction: c.nextAction ?? "",
    followUpOn: c.followUpOn ?? "",
    status: c.status,
    visit: {
      purpose: c.visit?.purpose ?? "",
      interviewee: c.visit?.interviewee ?? "",
      orderingInfo: c.visit?.orderingInfo ?? "",
      receivingInfo: c.visit?.receivingInfo ?? "",
    },
  };
}

/** What is sent: only the subject chosen, the location only where it is asked, visit fields only on 訪問. */
export function toConsultationInput(v: ConsultationFormValues): ConsultationInput {
  return {
    companyId: v.subject === "company" ? (v.company?.id ?? null) : null,
    personName: v.subject === "person" ? textOrNull(v.personName) : null,
    programId: v.programId ?? "",
    ...(v.departmentId ? { departmentId: v.departmentId } : {}),
    channel: v.channel,
    location: CHANNELS_WITH_LOCATION.includes(v.channel) ? textOrNull(v.location) : null,
    occurredOn: v.occurredOn,
    startTime: textOrNull(v.startTime),
    durationMinutes: typeof v.durationMinutes === "number" ? v.durationMinutes : null,
    staffUserIds: v.staffUserIds,
    topics: v.topics,
    notes: textOrNull(v.notes),
    nextAction: textOrNull(v.nextAction),
    followUpOn: textOrNull(v.followUpOn),
    status: v.status,
    visit:
      v.channel === "visit"
        ? {
            purpose: textOrNull(v.visit.purpose),
            interviewee: textOrNull(v.visit.interviewee),
            orderingInfo: textOrNull(v.visit.orderingInfo),
            receivingInfo: textOrNull(v.visit.receivingInfo),
          }
        : null,
  };
}
