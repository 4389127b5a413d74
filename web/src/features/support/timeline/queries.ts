import type { FactType, Timeline } from "@shien/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, toQueryString } from "../../../lib/api";

export interface TimelineFilters {
  type: FactType | null;
  departmentId: string | null;
  from: string;
  to: string;
  /** Include the 名寄せ siblings' history (the server's default). */
  siblings: boolean;
}

export const EMPTY_TIMELINE_FILTERS: TimelineFilters = {
  type: null,
  departmentId: null,
  from: "",
  to: "",
  siblings: true,
};

export function useTimeline(companyId: string, filters: TimelineFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ["support", "timeline", companyId, filters, page, pageSize],
    queryFn: () =>
      api<Timeline>(
        "GET",
        `/api/companies/${encodeURIComponent(companyId)}/timeline${toQueryString({
          ...filters,
          siblings: filters.siblings ? undefined : "false",
          page,
          pageSize,
        })}`,
      ),
    placeholderData: keepPreviousData,
  });
}
