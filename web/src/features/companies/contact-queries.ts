import type { Contact, ContactInput } from "@shien/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { companyKeys } from "./queries";

/** A company's 担当者, under the registry's key so a merge or undo refreshes them too. */
export const contactKeys = {
  list: (companyId: string) => [...companyKeys.all, "contacts", companyId] as const,
};

const contactsPath = (companyId: string) => `/api/companies/${encodeURIComponent(companyId)}/contacts`;
const contactPath = (companyId: string, contactId: string) =>
  `${contactsPath(companyId)}/${encodeURIComponent(contactId)}`;

export function useContacts(companyId: string) {
  return useQuery({
    queryKey: contactKeys.list(companyId),
    queryFn: async () => (await api<{ items: Contact[] }>("GET", contactsPath(companyId))).items,
  });
}

function useContactMutation<V, R>(companyId: string, mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: contactKeys.list(companyId) }),
  });
}

export function useCreateContact(companyId: string) {
  return useContactMutation(companyId, (body: ContactInput) => api<Contact>("POST", contactsPath(companyId), body));
}

export function useUpdateContact(companyId: string) {
  return useContactMutation(companyId, ({ id, body }: { id: string; body: Partial<ContactInput> }) =>
    api<Contact>("PATCH", contactPath(companyId, id), body),
  );
}

export function useDeleteContact(companyId: string) {
  return useContactMutation(companyId, (id: string) => api<{ ok: true }>("DELETE", contactPath(companyId, id)));
}
