import type {
  AmountLineDto,
  AmountLineUpdate,
  BudgetStatementDto,
  IndicatorDto,
  IndicatorUpdate,
  initiativeListSchema,
  PlanOverview,
  PlanSummary,
  ProgramDetail,
} from "@shien/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

/** One row of 計画推進に向けた取組み (the contract exports only the schema, so the type is read from it). */
export type Initiative = (typeof initiativeListSchema)["_output"]["items"][number];

export type ExportFormat = "xlsx" | "yaml" | "json";

/** Everything of one plan sits under ["plans", id], so an edit refreshes its overview and pages at once. */
export const planKeys = {
  all: ["plans"] as const,
  list: ["plans", "list"] as const,
  plan: (id: string) => ["plans", id] as const,
  overview: (id: string) => ["plans", id, "overview"] as const,
  program: (id: string, code: string) => ["plans", id, "program", code] as const,
  budget: (id: string) => ["plans", id, "budget-statement"] as const,
  initiatives: (id: string) => ["plans", id, "initiatives"] as const,
};

const planPath = (id: string) => `/api/plans/${encodeURIComponent(id)}`;

/** A plain link: the browser downloads it with the session cookie and the server's Japanese file name. */
export function exportUrl(id: string, format: ExportFormat): string {
  return `${planPath(id)}/export?format=${format}`;
}

export function usePlans() {
  return useQuery({
    queryKey: planKeys.list,
    queryFn: async () => (await api<{ items: PlanSummary[] }>("GET", "/api/plans")).items,
  });
}

export function usePlanOverview(id: string) {
  return useQuery({
    queryKey: planKeys.overview(id),
    queryFn: () => api<PlanOverview>("GET", planPath(id)),
  });
}

export function useProgram(id: string, code: string) {
  return useQuery({
    queryKey: planKeys.program(id, code),
    queryFn: () => api<ProgramDetail>("GET", `${planPath(id)}/programs/${encodeURIComponent(code)}`),
  });
}

export function useBudgetStatement(id: string) {
  return useQuery({
    queryKey: planKeys.budget(id),
    queryFn: () => api<BudgetStatementDto>("GET", `${planPath(id)}/budget-statement`),
  });
}

export function useInitiatives(id: string) {
  return useQuery({
    queryKey: planKeys.initiatives(id),
    queryFn: async () => (await api<{ items: Initiative[] }>("GET", `${planPath(id)}/initiatives`)).items,
  });
}

/** A figure or target changed: the program page, the tree's sums and the totals all move. */
function usePlanItemMutation<V, R>(planId: string, mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.plan(planId) }),
  });
}

export function useUpdateAmountLine(planId: string) {
  return usePlanItemMutation(planId, ({ itemId, ...body }: AmountLineUpdate & { itemId: string }) =>
    api<AmountLineDto>("PATCH", `${planPath(planId)}/amount-lines/${encodeURIComponent(itemId)}`, body),
  );
}

export function useUpdateIndicator(planId: string) {
  return usePlanItemMutation(planId, ({ itemId, ...body }: IndicatorUpdate & { itemId: string }) =>
    api<IndicatorDto>("PATCH", `${planPath(planId)}/indicators/${encodeURIComponent(itemId)}`, body),
  );
}

/** 採択 / 見直し change the status the list shows too. */
function usePlanStatusMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.all }),
  });
}

export function useAdoptPlan(planId: string) {
  return usePlanStatusMutation(() => api<{ ok: true }>("POST", `${planPath(planId)}/adopt`));
}

export function useRevisePlan(planId: string) {
  return usePlanStatusMutation((reason: string) =>
    api<{ revision: number }>("POST", `${planPath(planId)}/revise`, { reason }),
  );
}
