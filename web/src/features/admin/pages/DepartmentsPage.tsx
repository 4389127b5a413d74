import { ActionIcon, Badge, Button, Card, Group, Switch, Table, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Department } from "@shien/contracts";
import { IconArchive, IconPencil, IconPlus, IconRestore } from "@tabler/icons-react";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { DepartmentFormModal } from "../components/DepartmentFormModal";
import { useDepartments, useUpdateDepartment } from "../queries";

type Dialog = { kind: "create" } | { kind: "edit" | "archive"; department: Department } | null;

export function DepartmentsPage() {
  const { t } = useI18n();
  const departments = useDepartments();
  const archive = useUpdateDepartment();
  const [showArchived, setShowArchived] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => {
    archive.reset();
    setDialog(null);
  };

  const rows = (departments.data ?? [])
    .filter((d) => showArchived || !d.archived)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));

  const setArchived = (department: Department, archived: boolean) =>
    archive.mutate(
      { id: department.id, archived },
      {
        onSuccess: () => {
          const key = archived ? "departments.archivedDone" : "departments.restoredDone";
          notifications.show({ color: "green", message: t(key, { name: department.name }) });
          close();
        },
        onError: (error) => {
          if (!archived) notifications.show({ color: "red", message: error.message });
        },
      },
    );

  return (
    <>
      <PageHeader
        title={t("departments.title")}
        description={t("departments.description")}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setDialog({ kind: "create" })}
            data-testid="departments-create"
          >
            {t("departments.create")}
          </Button>
        }
      />
      <Card withBorder padding="md">
        <Switch
          mb="md"
          label={t("departments.showArchived")}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
          data-testid="departments-show-archived"
        />
        <QueryState isPending={departments.isPending} error={departments.error}>
          {rows.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg">
              {t("departments.empty")}
            </Text>
          ) : (
            <Table striped highlightOnHover verticalSpacing="sm" data-testid="departments-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("departments.code")}</Table.Th>
                  <Table.Th>{t("departments.name")}</Table.Th>
                  <Table.Th ta="right">{t("departments.sortOrder")}</Table.Th>
                  <Table.Th>{t("departments.status")}</Table.Th>
                  <Table.Th w={96}>{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.id} data-testid={`department-row-${d.code}`}>
                    <Table.Td ff="monospace">{d.code}</Table.Td>
                    <Table.Td>{d.name}</Table.Td>
                    <Table.Td ta="right">{d.sortOrder}</Table.Td>
                    <Table.Td>
                      <Badge color={d.archived ? "gray" : "green"} variant={d.archived ? "outline" : "light"}>
                        {d.archived ? t("departments.archived") : t("departments.active")}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label={t("departments.rename")}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`${t("departments.rename")}: ${d.name}`}
                            onClick={() => setDialog({ kind: "edit", department: d })}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        {d.archived ? (
                          <Tooltip label={t("departments.restore")}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`${t("departments.restore")}: ${d.name}`}
                              onClick={() => setArchived(d, false)}
                            >
                              <IconRestore size={16} />
                            </ActionIcon>
                          </Tooltip>
                        ) : (
                          <Tooltip label={t("departments.archive")}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`${t("departments.archive")}: ${d.name}`}
                              onClick={() => setDialog({ kind: "archive", department: d })}
                            >
                              <IconArchive size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Card>
      {dialog?.kind === "create" && <DepartmentFormModal onClose={close} />}
      {dialog?.kind === "edit" && <DepartmentFormModal department={dialog.department} onClose={close} />}
      {dialog?.kind === "archive" && (
        <ConfirmDialog
          opened
          title={t("departments.archive")}
          message={t("departments.archiveConfirm", { name: dialog.department.name })}
          confirmLabel={t("departments.archive")}
          danger
          loading={archive.isPending}
          error={archive.error}
          onClose={close}
          onConfirm={() => setArchived(dialog.department, true)}
        />
      )}
    </>
  );
}
