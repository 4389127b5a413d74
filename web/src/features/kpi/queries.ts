import type {
  IndicatorCategory,
  KpiDashboard,
  KpiFacts,
  ManualFigureInput,
  manualFigureListSchema,
} from "@shien/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQueryString } from "../../lib/api";

export type ManualFigureList = (typeof manualFigureListSchema)["_output"];
export type ManualFigure = ManualFigureList["items"][number];
export type FactPart = "numerator" | "denominator";

export interface KpiDashboardQuery {
  fiscalYear: number;
  asOf: string;
  departmentId?: string | null;
  category?: IndicatorCategory | null;
}

export interface KpiFactsQuery {
  fiscalYear: number;
  asOf: string;
  part?: FactPart | undefined;
  page: number;
  pageSize: number;
}

/**
 * Every KPI answer sits under ["kpi"]. The figures are live (a consultation recorded a moment ago
 * counts), so they are never served from a cache: staleTime 0 refetches on every visit and
 * gcTime 0 drops an answer once no screen shows it, so a return to the dashboard waits for the
 * fresh figure instead of flashing the old one.
 */
export const kpiKeys = {
  all: ["kpi"] as const,
  dashboard: (query: KpiDashboardQuery) => ["kpi", "dashboard", query] as const,
  facts: (indicatorId: string, query: KpiFactsQuery) => ["kpi", "facts", indicatorId, query] as const,
  manual: (indicatorId: string, fiscalYear: number) => ["kpi", "manual", indicatorId, fiscalYear] as const,
};

const LIVE = { staleTime: 0, gcTime: 0 } as const;

const indicatorPath = (id: string) => `/api/kpi/indicators/${encodeURIComponent(id)}`;

export function useKpiDashboard(query: KpiDashboardQuery) {
  return useQuery({
    queryKey: kpiKeys.dashboard(query),
    queryFn: () => api<KpiDashboard>("GET", `/api/kpi${toQueryString({ ...query })}`),
    placeholderData: keepPreviousData,
    ...LIVE,
  });
}

export function useKpiFacts(indicatorId: string, query: KpiFactsQuery) {
  return useQuery({
    queryKey: kpiKeys.facts(indicatorId, query),
    queryFn: () => api<KpiFacts>("GET", `${indicatorPath(indicatorId)}/facts${toQueryString({ ...query })}`),
    placeholderData: keepPreviousData,
    ...LIVE,
  });
}

export function useManualFigures(indicatorId: string, fiscalYear: number) {
  return useQuery({
    queryKey: kpiKeys.manual(indicatorId, fiscalYear),
    queryFn: async () =>
      (await api<ManualFigureList>("GET", `${indicatorPath(indicatorId)}/manual${toQueryString({ fiscalYear })}`))
        .items,
    ...LIVE,
  });
}

/** A month's figure entered (or corrected): the dashboard, the drill-down and the list all move. */
export function useSaveManualFigure(indicatorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ManualFigureInput) =>
      api<ManualFigureList>("POST", `${indicatorPath(indicatorId)}/manual`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: kpiKeys.all }),
  });
}

/** Plain links: the browser downloads them with the session cookie and the server's file name. */
export function factsCsvUrl(indicatorId: string, query: { fiscalYear: number; asOf: string; part?: FactPart }): string {
  return `${indicatorPath(indicatorId)}/facts.csv${toQueryString({ ...query })}`;
}

export function reportUrl(fiscalYear: number, quarter: number): string {
  return `/api/kpi/report.xlsx${toQueryString({ fiscalYear, quarter })}`;
}

/** The drill-down of an indicator, keeping the year and the as-of date the figure was read at. */
export function drillPath(indicatorId: string, fiscalYear: number, asOf: string): string {
  return `/kpi/indicators/${encodeURIComponent(indicatorId)}${toQueryString({ fiscalYear, asOf })}`;
}
