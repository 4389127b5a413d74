import type {
  Rubric,
  SubsidyProgram,
  SubsidyReviewInput,
  subsidyRankingSchema,
  subsidyReviewListSchema,
} from "@shien/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQueryString } from "../../lib/api";
import { subsidyKeys } from "./queries";

export type SubsidyReviewList = (typeof subsidyReviewListSchema)["_output"];
export type SubsidyReview = SubsidyReviewList["items"][number];
export type SubsidyRanking = (typeof subsidyRankingSchema)["_output"];
export type SubsidyRankingItem = SubsidyRanking["items"][number];

/** 審査 answers sit under ["subsidies"] too: a sheet moves the ranking, a rubric the program list. */
export const reviewKeys = {
  reviews: (applicationId: string) => [...subsidyKeys.all, "applications", "reviews", applicationId] as const,
  ranking: (programId: string, roundId: string | null) =>
    [...subsidyKeys.all, "programs", "ranking", programId, roundId] as const,
};

const enc = encodeURIComponent;

export function useReviews(applicationId: string) {
  return useQuery({
    queryKey: reviewKeys.reviews(applicationId),
    queryFn: () => api<SubsidyReviewList>("GET", `/api/subsidies/applications/${enc(applicationId)}/reviews`),
  });
}

export function useRanking(programId: string, roundId: string | null) {
  return useQuery({
    queryKey: reviewKeys.ranking(programId, roundId),
    queryFn: () =>
      api<SubsidyRanking>(
        "GET",
        `/api/subsidies/programs/${enc(programId)}/ranking${toQueryString({ roundId: roundId ?? undefined })}`,
      ),
  });
}

/** The signed-in reviewer's sheet; a 409 (the application moved on) refreshes the screen too. */
export function useSaveReview(applicationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubsidyReviewInput) =>
      api<SubsidyReviewList>("PUT", `/api/subsidies/applications/${enc(applicationId)}/review`, body),
    onSettled: () => client.invalidateQueries({ queryKey: subsidyKeys.all }),
  });
}

export function useSetRubric(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rubric: Rubric) =>
      api<SubsidyProgram>("PUT", `/api/subsidies/programs/${enc(programId)}/rubric`, rubric),
    onSuccess: () => client.invalidateQueries({ queryKey: subsidyKeys.all }),
  });
}
