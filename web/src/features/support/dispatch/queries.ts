import type {
  Dispatch,
  DispatchFrame,
  DispatchInput,
  DispatchStatus,
  DispatchTransition,
  dispatchPageSchema,
  Expert,
  ExpertInput,
} from "@shien/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, toQueryString } from "../../../lib/api";
import { useSupportMutation } from "../shared/queries";

type DispatchPage = (typeof dispatchPageSchema)["_output"];

export interface ExpertQuery {
  q?: string;
  qualification?: string | null;
  active?: boolean | undefined;
}

export function useExperts(query: ExpertQuery) {
  return useQuery({
    queryKey: ["support", "experts", query],
    queryFn: async () => (await api<{ items: Expert[] }>("GET", `/api/experts${toQueryString({ ...query })}`)).items,
    placeholderData: keepPreviousData,
  });
}

export function useSaveExpert(id: string | null) {
  return useSupportMutation((body: Partial<ExpertInput>) =>
    id
      ? api<Expert>("PATCH", `/api/experts/${encodeURIComponent(id)}`, body)
      : api<Expert>("POST", "/api/experts", body),
  );
}

export function useFrames(fiscalYear: number) {
  return useQuery({
    queryKey: ["support", "frames", fiscalYear],
    queryFn: async () =>
      (await api<{ items: DispatchFrame[] }>("GET", `/api/dispatch/frames${toQueryString({ fiscalYear })}`)).items,
  });
}

export function useUpdateFrame(id: string) {
  return useSupportMutation((body: { cap?: number | null; perCompanyCap?: number | null }) =>
    api<DispatchFrame>("PATCH", `/api/dispatch/frames/${encodeURIComponent(id)}`, body),
  );
}

export interface DispatchQuery {
  fiscalYear?: number | undefined;
  frameId?: string | null | undefined;
  companyId?: string | undefined;
  expertId?: string | null | undefined;
  status?: DispatchStatus | null | undefined;
  page?: number;
  pageSize?: number;
}

export function useDispatches(query: DispatchQuery) {
  return useQuery({
    queryKey: ["support", "dispatches", "list", query],
    queryFn: () => api<DispatchPage>("GET", `/api/dispatches${toQueryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useRequestDispatch() {
  return useSupportMutation((body: DispatchInput) => api<Dispatch>("POST", "/api/dispatches", body));
}

export function useDispatchTransition(id: string) {
  return useSupportMutation((body: DispatchTransition) =>
    api<Dispatch>("POST", `/api/dispatches/${encodeURIComponent(id)}/transition`, body),
  );
}
