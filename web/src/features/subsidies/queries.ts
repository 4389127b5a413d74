import type {
  SubsidyApplication,
  SubsidyApplicationInput,
  SubsidyImportReport,
  SubsidyImportRequest,
  SubsidyProgram,
  SubsidyStatus,
  SubsidyTransition,
  subsidyApplicationPageSchema,
  subsidyEventListSchema,
  subsidyRoundInputSchema,
} from "@shien/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQueryString } from "../../lib/api";

export type SubsidyApplicationPage = (typeof subsidyApplicationPageSchema)["_output"];
export type SubsidyEvent = (typeof subsidyEventListSchema)["_output"]["items"][number];
export type SubsidyRoundInput = (typeof subsidyRoundInputSchema)["_input"];

/**
 * Every subsidy answer sits under ["subsidies"]: a decision moves the application, its state log,
 * the list and the program's budget frame at once, so a write refreshes them all (and the KPI
 * figures and the company timeline, which read the facts the move wrote).
 */
export const subsidyKeys = {
  all: ["subsidies"] as const,
  programs: (fiscalYear: number) => ["subsidies", "programs", fiscalYear] as const,
  applications: (query: ApplicationQuery) => ["subsidies", "applications", "list", query] as const,
  application: (id: string) => ["subsidies", "applications", "one", id] as const,
  events: (id: string) => ["subsidies", "applications", "events", id] as const,
};

const applicationPath = (id: string) => `/api/subsidies/applications/${encodeURIComponent(id)}`;

export function useSubsidyPrograms(fiscalYear: number) {
  return useQuery({
    queryKey: subsidyKeys.programs(fiscalYear),
    queryFn: async () =>
      (await api<{ items: SubsidyProgram[] }>("GET", `/api/subsidies/programs${toQueryString({ fiscalYear })}`)).items,
  });
}

export interface ApplicationQuery {
  fiscalYear?: number | undefined;
  subsidyProgramId?: string | null | undefined;
  roundId?: string | null | undefined;
  companyId?: string | undefined;
  status?: SubsidyStatus | null | undefined;
  page?: number;
  pageSize?: number;
}

export function useApplications(query: ApplicationQuery) {
  return useQuery({
    queryKey: subsidyKeys.applications(query),
    queryFn: () => api<SubsidyApplicationPage>("GET", `/api/subsidies/applications${toQueryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: subsidyKeys.application(id),
    queryFn: () => api<SubsidyApplication>("GET", applicationPath(id)),
  });
}

export function useApplicationEvents(id: string) {
  return useQuery({
    queryKey: subsidyKeys.events(id),
    queryFn: async () => (await api<{ items: SubsidyEvent[] }>("GET", `${applicationPath(id)}/events`)).items,
  });
}

/** What a subsidy write changes: every subsidy answer, and what reads the facts it wrote. */
function refreshAfterWrite(client: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    client.invalidateQueries({ queryKey: subsidyKeys.all }),
    client.invalidateQueries({ queryKey: ["kpi"] }),
    client.invalidateQueries({ queryKey: ["support"] }),
  ]);
}

function useSubsidyMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => refreshAfterWrite(client) });
}

export function useAddRound(subsidyProgramId: string) {
  return useSubsidyMutation((body: SubsidyRoundInput) =>
    api<SubsidyProgram>("POST", `/api/subsidies/programs/${encodeURIComponent(subsidyProgramId)}/rounds`, body),
  );
}

export function useCreateApplication() {
  return useSubsidyMutation((body: SubsidyApplicationInput) =>
    api<SubsidyApplication>("POST", "/api/subsidies/applications", body),
  );
}

/** 申請の一括取り込み: a dry run changes nothing; an import refreshes what a hand entry would. */
export function useImportApplications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubsidyImportRequest) =>
      api<SubsidyImportReport>("POST", "/api/subsidies/applications/import", body),
    onSuccess: (report) => {
      if (report.dryRun || report.errors.length > 0) return;
      void refreshAfterWrite(client);
      // Businesses the import registered are in the registry now.
      if (report.companies.created > 0) void client.invalidateQueries({ queryKey: ["companies"] });
    },
  });
}

/**
 * A move of an application. A refused move refreshes too: a 409 for a stale version or a frame
 * someone else filled means the screen is behind, and the retry needs the new version.
 */
export function useTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubsidyTransition) => api<SubsidyApplication>("POST", `${applicationPath(id)}/transition`, body),
    onSettled: () => refreshAfterWrite(client),
  });
}
