import type { ActiveDepartment, LoginRequest, MeResponse, PasswordChange } from "@shien/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, queryClient, setCsrfToken } from "../../lib/api";

export const meKey = ["auth", "me"] as const;

/** The signed-in user, or null when there is no session (then the login page shows). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<MeResponse | null> => {
      try {
        const me = await api<MeResponse>("GET", "/api/auth/me");
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.code === "UNAUTHENTICATED") return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** A new identity or scope: keep the session answer, drop every other cached answer. */
function adoptSession(me: MeResponse | null): void {
  setCsrfToken(me?.csrfToken ?? null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, me);
}

/** The API said the session is gone (expired, revoked, disabled): back to the login page. */
export function endSessionLocally(): void {
  if (queryClient.getQueryData(meKey) === null) return;
  adoptSession(null);
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginRequest) => api<MeResponse>("POST", "/api/auth/login", body),
    onSuccess: adoptSession,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api<{ ok: true }>("POST", "/api/auth/logout"),
    // Whatever the server says, this tab is signed out.
    onSettled: () => adoptSession(null),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: PasswordChange) => api<{ ok: true }>("POST", "/api/auth/password", body),
  });
}

export function useSetActiveDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ActiveDepartment) => api<MeResponse>("PUT", "/api/auth/active-department", body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData(meKey, me);
      // Lists are scoped by the active department: refetch them under the new scope.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    },
  });
}
