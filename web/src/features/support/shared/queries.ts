import type { SupportProgramDto, VocabItem, VocabKind } from "@shien/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQueryString } from "../../../lib/api";
import { useUsers } from "../../admin/queries";
import { useMe } from "../../auth/queries";

/**
 * Every support answer sits under ["support"]: a consultation, referral or dispatch changes
 * lists, follow-ups, frames and the company timeline at once, so a write refreshes them all.
 */
export const supportKeys = {
  all: ["support"] as const,
  programs: (fiscalYear: number) => ["support", "programs", fiscalYear] as const,
  vocab: (kind: VocabKind) => ["support", "vocab", kind] as const,
};

/** The year's programs and sub-programs, for the 事業 pickers. */
export function usePrograms(fiscalYear: number | null) {
  return useQuery({
    queryKey: supportKeys.programs(fiscalYear ?? 0),
    queryFn: async () =>
      (await api<{ items: SupportProgramDto[] }>("GET", `/api/programs${toQueryString({ fiscalYear })}`)).items,
    enabled: fiscalYear !== null,
    staleTime: 5 * 60_000,
  });
}

/** 相談分野 or 連携先機関, archived ones included (old records may name them). */
export function useVocab(kind: VocabKind) {
  return useQuery({
    queryKey: supportKeys.vocab(kind),
    queryFn: async () => (await api<{ items: VocabItem[] }>("GET", `/api/vocab${toQueryString({ kind })}`)).items,
  });
}

/** Names to pick from: the live entries, plus those a record already carries (even if archived since). */
export function vocabOptions(items: readonly VocabItem[] | undefined, keep: readonly string[] = []): string[] {
  const names = (items ?? [])
    .filter((v) => !v.archived)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((v) => v.name);
  for (const name of keep) if (!names.includes(name)) names.push(name);
  return names;
}

/** Any support write: refresh every support answer. */
export function useSupportMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: supportKeys.all }) });
}

/**
 * Staff a record can name. /api/users answers administrators with everyone, managers with the
 * people of their departments and staff with themselves only; the signed-in user is always offered.
 */
export function useStaffOptions(keep: readonly { id: string; name: string }[] = []) {
  const me = useMe().data?.user;
  const users = useUsers({});
  const options = new Map<string, string>();
  if (me) options.set(me.id, me.displayName);
  for (const u of users.data ?? []) if (!u.disabled) options.set(u.id, u.displayName);
  for (const k of keep) if (!options.has(k.id)) options.set(k.id, k.name);
  return [...options].map(([value, label]) => ({ value, label }));
}
