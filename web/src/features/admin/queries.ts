import type {
  AuditPage,
  AuditQuery,
  Department,
  DepartmentCreate,
  DepartmentUpdate,
  Organization,
  OrganizationUpdate,
  User,
  UserCreate,
  UserUpdate,
} from "@shien/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, toQueryString } from "../../lib/api";
import { meKey } from "../auth/queries";

export const adminKeys = {
  organization: ["organization"] as const,
  departments: ["departments"] as const,
  users: (filter: UserFilter) => ["users", filter] as const,
  usersAll: ["users"] as const,
  audit: (query: Partial<AuditQuery>) => ["audit", query] as const,
};

// --- organization (組織) ---

export function useOrganization() {
  return useQuery({
    queryKey: adminKeys.organization,
    queryFn: () => api<Organization>("GET", "/api/organization"),
  });
}

export function useUpdateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationUpdate) => api<Organization>("PATCH", "/api/organization", body),
    onSuccess: (org) => {
      client.setQueryData(adminKeys.organization, org);
      // The header shows the organization name from the session answer.
      void client.invalidateQueries({ queryKey: meKey });
    },
  });
}

// --- departments (部署) ---

export function useDepartments() {
  return useQuery({
    queryKey: adminKeys.departments,
    queryFn: async () => (await api<{ items: Department[] }>("GET", "/api/departments")).items,
  });
}

function useDepartmentMutation<V>(mutationFn: (vars: V) => Promise<Department>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: adminKeys.departments });
      // Department names appear in the switcher, which reads the session answer.
      void client.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useCreateDepartment() {
  return useDepartmentMutation((body: DepartmentCreate) => api<Department>("POST", "/api/departments", body));
}

export function useUpdateDepartment() {
  return useDepartmentMutation(({ id, ...body }: DepartmentUpdate & { id: string }) =>
    api<Department>("PATCH", `/api/departments/${id}`, body),
  );
}

// --- users (ユーザー) ---

export interface UserFilter {
  departmentId?: string | undefined;
  includeDisabled?: boolean | undefined;
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: adminKeys.users(filter),
    queryFn: async () =>
      (
        await api<{ items: User[] }>(
          "GET",
          `/api/users${toQueryString({ departmentId: filter.departmentId, includeDisabled: filter.includeDisabled || undefined })}`,
        )
      ).items,
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: adminKeys.usersAll }),
        // An admin may edit their own account: the header reads the session answer.
        client.invalidateQueries({ queryKey: meKey }),
      ]),
  });
}

export function useCreateUser() {
  return useUserMutation((body: UserCreate) => api<User>("POST", "/api/users", body));
}

export function useUpdateUser() {
  return useUserMutation(({ id, ...body }: UserUpdate & { id: string }) =>
    api<User>("PATCH", `/api/users/${id}`, body),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, newPassword }: { id: string; newPassword: string }) =>
    api<{ ok: true }>("POST", `/api/users/${id}/password`, { newPassword }),
  );
}

export function useRevokeSessions() {
  return useUserMutation((id: string) => api<{ ok: true; ended: number }>("POST", `/api/users/${id}/sessions/revoke`));
}

// --- audit log (監査ログ) ---

export function useAuditLog(query: Partial<AuditQuery>) {
  return useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: () => api<AuditPage>("GET", `/api/audit${toQueryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}
