import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { Expert } from "@shien/contracts";
import { IconPencil, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { PageHeader } from "../../../../components/PageHeader";
import { QueryState } from "../../../../components/QueryState";
import { useI18n } from "../../../../lib/i18n";
import { useMe } from "../../../auth/queries";
import { canManageExperts } from "../../access";
import { formatYen } from "../../format";
import { ExpertFormModal } from "../components/ExpertFormModal";
import { useExperts } from "../queries";

type ActiveFilter = "active" | "inactive" | "all";
type Dialog = { kind: "create" } | { kind: "edit"; expert: Expert } | null;

/** 専門家: the registry dispatches draw from; managers and administrators keep it. */
export function ExpertsPage() {
  const { t, locale } = useI18n();
  const mayManage = canManageExperts(useMe().data?.user);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [activeFilter, setActiveFilter] = useState<ActiveFilter>("active");
  const [dialog, setDialog] = useState<Dialog>(null);
  const experts = useExperts({ q, active: activeFilter === "all" ? undefined : activeFilter === "active" });
  const items = experts.data ?? [];
  const sep = t("common.listSeparator");

  return (
    <>
      <PageHeader
        title={t("experts.title")}
        description={t("experts.description")}
        actions={
          mayManage && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog({ kind: "create" })}
              data-testid="experts-new"
            >
              {t("experts.create")}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Group mb="md" gap="sm" align="flex-end">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t("experts.searchHint")}
            aria-label={t("support.search")}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={300}
            data-testid="experts-search"
          />
          <SegmentedControl
            value={activeFilter}
            onChange={(v) => setActiveFilter(v as ActiveFilter)}
            data={[
              { value: "active", label: t("experts.filterActive") },
              { value: "inactive", label: t("experts.filterInactive") },
              { value: "all", label: t("support.all") },
            ]}
            data-testid="experts-active-filter"
          />
        </Group>
        <QueryState isPending={experts.isPending} error={experts.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="experts-empty">
              {t("experts.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="xs" data-testid="experts-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("experts.name")}</Table.Th>
                    <Table.Th>{t("experts.qualifications")}</Table.Th>
                    <Table.Th>{t("experts.specialties")}</Table.Th>
                    <Table.Th>{t("experts.organization")}</Table.Th>
                    <Table.Th ta="right">{t("experts.feePerDispatch")}</Table.Th>
                    <Table.Th ta="right">{t("experts.feePerHour")}</Table.Th>
                    <Table.Th>{t("experts.active")}</Table.Th>
                    {mayManage && <Table.Th w={60}>{t("common.actions")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.id} data-testid="expert-row" data-expert-id={e.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {e.name}
                        </Text>
                        {e.nameKana && (
                          <Text size="xs" c="dimmed">
                            {e.nameKana}
                          </Text>
                        )}
                        {e.conflictNotes && (
                          <Tooltip label={e.conflictNotes} multiline w={300}>
                            <Badge miw="max-content" size="xs" color="orange" variant="light">
                              {t("experts.conflictBadge")}
                            </Badge>
                          </Tooltip>
                        )}
                      </Table.Td>
                      <Table.Td>{e.qualifications.join(sep)}</Table.Td>
                      <Table.Td>{e.specialties.join(sep)}</Table.Td>
                      <Table.Td>{e.organization}</Table.Td>
                      <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                        {formatYen(e.feePerDispatchYen, locale)}
                      </Table.Td>
                      <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                        {formatYen(e.feePerHourYen, locale)}
                      </Table.Td>
                      <Table.Td>
                        <Badge miw="max-content" color={e.active ? "green" : "gray"} variant="light">
                          {e.active ? t("experts.filterActive") : t("experts.filterInactive")}
                        </Badge>
                      </Table.Td>
                      {mayManage && (
                        <Table.Td>
                          <Tooltip label={t("common.edit")}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`${t("common.edit")}: ${e.name}`}
                              onClick={() => setDialog({ kind: "edit", expert: e })}
                              data-testid="expert-edit"
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Card>
      {dialog?.kind === "create" && <ExpertFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === "edit" && <ExpertFormModal expert={dialog.expert} onClose={() => setDialog(null)} />}
    </>
  );
}
