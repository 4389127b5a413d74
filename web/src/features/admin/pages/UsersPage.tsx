import { Button, Card, Group, Select, Switch } from "@mantine/core";
import type { User } from "@shien/contracts";
import { IconFilter, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { ResetPasswordModal } from "../components/ResetPasswordModal";
import { RevokeSessionsDialog, ToggleDisabledDialog } from "../components/UserConfirmDialogs";
import { UserFormModal } from "../components/UserFormModal";
import { type UserAction, UsersTable } from "../components/UsersTable";
import { useDepartments, useUsers } from "../queries";

type Dialog = { kind: "create" } | { kind: UserAction; user: User } | null;

export function UsersPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const departments = useDepartments();
  const users = useUsers({ departmentId: departmentId ?? undefined, includeDisabled });
  const close = () => setDialog(null);
  const departmentList = departments.data ?? [];

  return (
    <>
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setDialog({ kind: "create" })}
            disabled={!departments.data}
            data-testid="users-create"
          >
            {t("users.create")}
          </Button>
        }
      />
      <Card withBorder padding="md">
        <Group mb="md" gap="lg" align="center">
          <Select
            placeholder={t("users.allDepartments")}
            data={departmentList.map((d) => ({ value: d.id, label: d.name }))}
            value={departmentId}
            onChange={setDepartmentId}
            clearable
            searchable
            w={260}
            leftSection={<IconFilter size={16} />}
            aria-label={t("users.filterDepartment")}
            data-testid="users-filter-department"
          />
          <Switch
            label={t("users.includeDisabled")}
            checked={includeDisabled}
            onChange={(e) => setIncludeDisabled(e.currentTarget.checked)}
            data-testid="users-include-disabled"
          />
        </Group>
        <QueryState isPending={users.isPending} error={users.error ?? departments.error}>
          <UsersTable
            users={users.data ?? []}
            departments={departmentList}
            currentUserId={me?.user.id ?? ""}
            onAction={(kind, user) => setDialog({ kind, user })}
          />
        </QueryState>
      </Card>
      {dialog?.kind === "create" && <UserFormModal departments={departmentList} onClose={close} />}
      {dialog?.kind === "edit" && <UserFormModal user={dialog.user} departments={departmentList} onClose={close} />}
      {dialog?.kind === "resetPassword" && <ResetPasswordModal user={dialog.user} onClose={close} />}
      {dialog?.kind === "revokeSessions" && <RevokeSessionsDialog user={dialog.user} onClose={close} />}
      {dialog?.kind === "toggleDisabled" && <ToggleDisabledDialog user={dialog.user} onClose={close} />}
    </>
  );
}
