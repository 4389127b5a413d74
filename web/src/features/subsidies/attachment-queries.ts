import type { subsidyAttachmentInputSchema, subsidyAttachmentListSchema } from "@shien/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQueryString } from "../../lib/api";

export type SubsidyAttachment = (typeof subsidyAttachmentListSchema)["_output"]["items"][number];
export type SubsidyAttachmentInput = (typeof subsidyAttachmentInputSchema)["_input"];

/** One row of GET /api/subsidies/reports-due (the server's reportsDueSchema). */
export interface ReportDue {
  id: string;
  title: string;
  company: { id: string; name: string };
  program: { id: string; code: string; name: string };
  decidedYen: number | null;
  decidedOn: string | null;
  decisionNo: string | null;
  reportDueOn: string;
  /** Negative: overdue by that many days. */
  daysLeft: number;
  overdue: boolean;
}
export interface ReportsDue {
  asOf: string;
  within: number;
  items: ReportDue[];
  total: number;
}

/** Under ["subsidies"], so that a decision (which sets the due date) refreshes them too. */
const keys = {
  attachments: (applicationId: string) => ["subsidies", "applications", "attachments", applicationId] as const,
  reportsDue: (within: number) => ["subsidies", "reports-due", within] as const,
};

const attachmentsPath = (applicationId: string) =>
  `/api/subsidies/applications/${encodeURIComponent(applicationId)}/attachments`;

/** A plain link: the browser downloads it with the session cookie and the server's file name. */
export const attachmentUrl = (applicationId: string, attachmentId: string) =>
  `${attachmentsPath(applicationId)}/${encodeURIComponent(attachmentId)}`;

export function useAttachments(applicationId: string) {
  return useQuery({
    queryKey: keys.attachments(applicationId),
    queryFn: async () => (await api<{ items: SubsidyAttachment[] }>("GET", attachmentsPath(applicationId))).items,
  });
}

function useAttachmentMutation<V, R>(applicationId: string, mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => client.invalidateQueries({ queryKey: keys.attachments(applicationId) }),
  });
}

export function useAddAttachment(applicationId: string) {
  return useAttachmentMutation(applicationId, (body: SubsidyAttachmentInput) =>
    api<SubsidyAttachment>("POST", attachmentsPath(applicationId), body),
  );
}

export function useDeleteAttachment(applicationId: string) {
  return useAttachmentMutation(applicationId, (attachmentId: string) =>
    api<{ ok: true }>("DELETE", attachmentUrl(applicationId, attachmentId)),
  );
}

export function useReportsDue(within: number) {
  return useQuery({
    queryKey: keys.reportsDue(within),
    queryFn: () => api<ReportsDue>("GET", `/api/subsidies/reports-due${toQueryString({ within })}`),
  });
}
