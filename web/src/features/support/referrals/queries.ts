import type { Referral, ReferralInput, ReferralStatus, ReferralTransition, referralPageSchema } from "@shien/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, toQueryString } from "../../../lib/api";
import { useSupportMutation } from "../shared/queries";

type ReferralPage = (typeof referralPageSchema)["_output"];
export type ReferralBox = "incoming" | "outgoing" | "all";

export interface ReferralQuery {
  box: ReferralBox;
  departmentId?: string | null | undefined;
  companyId?: string | undefined;
  status?: ReferralStatus | null | undefined;
  page?: number;
  pageSize?: number;
}

const path = (id: string) => `/api/referrals/${encodeURIComponent(id)}`;

export function useReferrals(query: ReferralQuery, enabled = true) {
  return useQuery({
    queryKey: ["support", "referrals", "list", query],
    queryFn: () => api<ReferralPage>("GET", `/api/referrals${toQueryString({ ...query })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: ["support", "referrals", "one", id],
    queryFn: () => api<Referral>("GET", path(id)),
  });
}

export function useCreateReferral() {
  return useSupportMutation((body: ReferralInput) => api<Referral>("POST", "/api/referrals", body));
}

export function useReferralTransition(id: string) {
  return useSupportMutation((body: ReferralTransition) => api<Referral>("POST", `${path(id)}/transition`, body));
}
