import type { VocabItem, VocabKind } from "@shien/contracts";
import { api } from "../../../lib/api";
import { useSupportMutation } from "../shared/queries";

export function useCreateVocab() {
  return useSupportMutation((body: { kind: VocabKind; name: string; sortOrder?: number }) =>
    api<VocabItem>("POST", "/api/vocab", body),
  );
}

export function useUpdateVocab() {
  return useSupportMutation(({ id, ...body }: { id: string; name?: string; sortOrder?: number; archived?: boolean }) =>
    api<VocabItem>("PATCH", `/api/vocab/${encodeURIComponent(id)}`, body),
  );
}
