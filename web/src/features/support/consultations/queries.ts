import type {
  Consultation,
  ConsultationInput,
  ConsultationPage,
  ConsultationStatus,
  ConsultationUpdate,
  FollowUpItem,
} from "@shien/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, toQueryString } from "../../../lib/api";
import { useSupportMutation } from "../shared/queries";

/** The list's filters, as the API names them (empty = not filtered). */
export interface ConsultationFilters {
  q: string;
  programId: string | null;
  departmentId: string | null;
  status: ConsultationStatus | null;
  from: string;
  to: string;
  companyId?: string | undefined;
}

export const EMPTY_CONSULTATION_FILTERS: ConsultationFilters = {
  q: "",
  programId: null,
  departmentId: null,
  status: null,
  from: "",
  to: "",
};

const path = (id: string) => `/api/consultations/${encodeURIComponent(id)}`;

/** A plain link: the browser downloads the CSV with the session cookie and the server's file name. */
export function consultationExportUrl(filters: ConsultationFilters): string {
  return `/api/consultations/export.csv${toQueryString({ ...filters })}`;
}

export function useConsultations(filters: ConsultationFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ["support", "consultations", "list", filters, page, pageSize],
    queryFn: () => api<ConsultationPage>("GET", `/api/consultations${toQueryString({ ...filters, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
}

export function useConsultation(id: string | undefined) {
  return useQuery({
    queryKey: ["support", "consultations", "one", id],
    queryFn: () => api<Consultation>("GET", path(id ?? "")),
    enabled: id !== undefined,
  });
}

export function useCreateConsultation() {
  return useSupportMutation((body: ConsultationInput) => api<Consultation>("POST", "/api/consultations", body));
}

export function useUpdateConsultation(id: string) {
  return useSupportMutation((body: ConsultationUpdate) => api<Consultation>("PATCH", path(id), body));
}

export type FollowUpScope = "mine" | "department";

export function useFollowUps(scope: FollowUpScope, departmentId: string | null) {
  return useQuery({
    queryKey: ["support", "follow-ups", scope, departmentId],
    queryFn: async () =>
      (
        await api<{ items: FollowUpItem[] }>(
          "GET",
          `/api/consultations/follow-ups${toQueryString({ scope, departmentId: scope === "department" ? departmentId : null })}`,
        )
      ).items,
    enabled: scope === "mine" || departmentId !== null,
  });
}

export function useFollowUpDone() {
  return useSupportMutation(({ id, version }: { id: string; version: number }) =>
    api<Consultation>("POST", `${path(id)}/follow-up-done`, { version }),
  );
}
