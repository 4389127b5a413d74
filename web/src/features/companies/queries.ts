import {
  type Company,
  type CompanyEntity,
  type CompanyImportReport,
  type CompanyImportRequest,
  type CompanyInput,
  type dedupeJobSchema,
  type dedupeStatsSchema,
  type duplicateCandidatesSchema,
  type PostalLookup,
  postalCodeDigits,
  type registrySummarySchema,
  type reviewQueueSchema,
} from "@shien/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, queryClient, toQueryString } from "../../lib/api";

/** The contract exports only schemas for these answers, so the types are read from them. */
export type DuplicateCandidate = (typeof duplicateCandidatesSchema)["_output"]["items"][number];
export type MatchReason = DuplicateCandidate["reasons"][number];
export type ReviewPair = (typeof reviewQueueSchema)["_output"]["items"][number];
export type RegistrySummary = (typeof registrySummarySchema)["_output"];
export type DedupeStats = (typeof dedupeStatsSchema)["_output"];
type DedupeJob = (typeof dedupeJobSchema)["_output"];
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
  entity: (id: string) => ["companies", "entity", id] as const,
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

/** The records of this company's business and the merges behind it (newest first). */
export function useCompanyEntity(id: string) {
  return useQuery({
    queryKey: companyKeys.entity(id),
    queryFn: () => api<CompanyEntity>("GET", `${companyPath(id)}/entity`),
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

/** 郵便番号 → 都道府県・市区町村・町域 (Japan Post's data on the server); asks only once 7 digits are typed. */
export function usePostalLookup(typed: string) {
  const digits = postalCodeDigits(typed);
  return useQuery({
    queryKey: ["postal-codes", digits],
    queryFn: () => api<PostalLookup>("GET", `/api/postal-codes/${digits}`),
    enabled: digits !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
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

/**
 * Runs 名寄せ as a background job on the server and polls it twice a second; `job` carries the
 * phase and counts for a progress display, `onDone`/`onFailed` fire once when it ends.
 */
export function useDedupeJob(handlers: { onDone: (stats: DedupeStats) => void; onFailed: (message: string) => void }) {
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api<DedupeJob>("POST", "/api/companies/dedupe/jobs"),
    onSuccess: (job) => setJobId(job.id),
    onError: (error) => handlers.onFailed(error.message),
  });
  const poll = useQuery({
    queryKey: ["companies", "dedupe-job", jobId],
    queryFn: () => api<DedupeJob>("GET", `/api/companies/dedupe/jobs/${encodeURIComponent(jobId ?? "")}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === "running" || !q.state.data ? 500 : false),
  });
  const job = poll.data;
  useEffect(() => {
    if (!job || job.status === "running") return;
    setJobId(null);
    if (job.status === "done" && job.result) {
      void client.invalidateQueries({ queryKey: companyKeys.all });
      handlers.onDone(job.result);
    } else handlers.onFailed(job.error ?? "");
  }, [job, client, handlers]);
  return { start: () => start.mutate(), running: start.isPending || jobId !== null, job: jobId ? job : undefined };
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
