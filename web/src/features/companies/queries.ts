import type {
  Company,
  CompanyImportReport,
  CompanyImportRequest,
  CompanyInput,
  dedupeStatsSchema,
  duplicateCandidatesSchema,
  registrySummarySchema,
  reviewQueueSchema,
} from "@shien/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryClient, toQueryString } from "../../lib/api";

/** The contract exports only schemas for these answers, so the types are read from them. */
export type DuplicateCandidate = (typeof duplicateCandidatesSchema)["_output"]["items"][number];
export type MatchReason = DuplicateCandidate["reasons"][number];
export type ReviewPair = (typeof reviewQueueSchema)["_output"]["items"][number];
export type RegistrySummary = (typeof registrySummarySchema)["_output"];
export type DedupeStats = (typeof dedupeStatsSchema)["_output"];
export interface CompanyPage {
  items: Company[];
  total: number;
  page: number;
  pageSize: number;
}
export interface CompanyQuery {
  q: string;
  page: number;
  pageSize: number;
}

/** Everything of the registry sits under ["companies"]: a write refreshes list, summary and queue at once. */
export const companyKeys = {
  all: ["companies"] as const,
  lists: ["companies", "list"] as const,
  list: (query: CompanyQuery) => ["companies", "list", query] as const,
  one: (id: string) => ["companies", "one", id] as const,
  summary: ["companies", "summary"] as const,
  review: ["companies", "review"] as const,
  duplicates: (probe: CompanyInput & { exceptId?: string }) => ["companies", "duplicates", probe] as const,
};

const companyPath = (id: string) => `/api/companies/${encodeURIComponent(id)}`;

/** A plain link: the browser downloads it with the session cookie and the server's file name. */
export function companyExportUrl(format: "csv" | "xlsx"): string {
  return `/api/companies/export?format=${format}`;
}

export function useCompanies(query: CompanyQuery) {
  return useQuery({
    queryKey: companyKeys.list(query),
    queryFn: () => api<CompanyPage>("GET", `/api/companies${toQueryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCompany(id: string) {
  return useQuery({ queryKey: companyKeys.one(id), queryFn: () => api<Company>("GET", companyPath(id)) });
}

export function useRegistrySummary() {
  return useQuery({
    queryKey: companyKeys.summary,
    queryFn: () => api<RegistrySummary>("GET", "/api/companies/summary"),
  });
}

export function useReviewQueue() {
  return useQuery({
    queryKey: companyKeys.review,
    queryFn: async () => (await api<{ items: ReviewPair[] }>("GET", "/api/companies/review")).items,
  });
}

/** Registered businesses the record being typed probably is (a POST, but it changes nothing). */
export function duplicatesQuery(probe: (CompanyInput & { exceptId?: string }) | null) {
  return {
    queryKey: companyKeys.duplicates(probe ?? { name: "" }),
    queryFn: async () => (await api<{ items: DuplicateCandidate[] }>("POST", "/api/companies/duplicates", probe)).items,
    staleTime: 10_000,
    retry: false,
  };
}

export function useDuplicates(probe: (CompanyInput & { exceptId?: string }) | null) {
  return useQuery({ ...duplicatesQuery(probe), enabled: probe !== null, placeholderData: keepPreviousData });
}

function useRegistryMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: companyKeys.all }) });
}

export function useCreateCompany() {
  return useRegistryMutation((body: CompanyInput) => api<Company>("POST", "/api/companies", body));
}

export function useUpdateCompany(id: string) {
  return useRegistryMutation((body: Partial<CompanyInput>) => api<Company>("PATCH", companyPath(id), body));
}

export function useRunDedupe() {
  return useRegistryMutation(() => api<DedupeStats>("POST", "/api/companies/dedupe"));
}

export function useMergeCompanies() {
  return useRegistryMutation((companyIds: string[]) =>
    api<{ mergeId: string; entityKey: string }>("POST", "/api/companies/merge", { companyIds }),
  );
}

export function useDecidePair() {
  return useRegistryMutation((body: { a: string; b: string; same: boolean }) =>
    api<{ ok: true; mergeId: string | null }>("POST", "/api/companies/review/decision", body),
  );
}

/** Dry runs change nothing; a real import refreshes the registry. */
export function useImportCompanies() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyImportRequest) => api<CompanyImportReport>("POST", "/api/companies/import", body),
    onSuccess: (report) => {
      if (!report.dryRun) void client.invalidateQueries({ queryKey: companyKeys.all });
    },
  });
}

/**
 * 元に戻す from a notification: the notification outlives the page that merged, so this is a
 * plain call rather than a hook (a hook's callbacks stop once its component unmounts).
 */
export async function undoMerge(mergeId: string): Promise<void> {
  await api<{ ok: true }>("POST", `/api/companies/merges/${encodeURIComponent(mergeId)}/undo`);
  await queryClient.invalidateQueries({ queryKey: companyKeys.all });
}
