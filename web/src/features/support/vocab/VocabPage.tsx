import { ActionIcon, Badge, Button, Card, Group, Switch, Table, Tabs, Text, TextInput, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { VocabItem, VocabKind } from "@shien/contracts";
import { IconArchive, IconPencil, IconPlus, IconRestore } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useVocab } from "../shared/queries";
import { useCreateVocab, useUpdateVocab } from "./queries";
import { VocabRenameModal } from "./VocabRenameModal";

/** 相談分野・連携先機関: the lists staff pick from, kept per organization by its administrators. */
export function VocabPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<VocabKind>("topic");
  return (
    <>
      <PageHeader title={t("vocab.title")} description={t("vocab.description")} />
      <Card withBorder padding="md" maw={800}>
        <Tabs value={kind} onChange={(v) => setKind(v === "agency" ? "agency" : "topic")} mb="md">
          <Tabs.List>
            <Tabs.Tab value="topic" data-testid="vocab-tab-topic">
              {t("vocab.kind.topic")}
            </Tabs.Tab>
            <Tabs.Tab value="agency" data-testid="vocab-tab-agency">
              {t("vocab.kind.agency")}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <VocabList key={kind} kind={kind} />
      </Card>
    </>
  );
}

function VocabList({ kind }: { kind: VocabKind }) {
  const { t } = useI18n();
  const vocab = useVocab(kind);
  const create = useCreateVocab();
  const update = useUpdateVocab();
  const [name, setName] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<VocabItem | null>(null);
  const rows = (vocab.data ?? [])
    .filter((v) => showArchived || !v.archived)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, "ja"));

  const add = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { kind, name: name.trim() },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "green", message: t("vocab.created", { name: saved.name }) });
          setName("");
        },
      },
    );
  };
  const setArchived = (item: VocabItem, archived: boolean) =>
    update.mutate(
      { id: item.id, archived },
      {
        onSuccess: () =>
          notifications.show({
            color: "green",
            message: t(archived ? "vocab.archivedDone" : "vocab.restoredDone", { name: item.name }),
          }),
        onError: (error) => notifications.show({ color: "red", message: error.message }),
      },
    );

  return (
    <>
      <form onSubmit={add} data-testid="vocab-add-form">
        <Group align="flex-start" gap="xs" mb="xs">
          <TextInput
            placeholder={t(`vocab.addPlaceholder.${kind}`)}
            aria-label={t("vocab.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, "name")}
            w={320}
            data-testid="vocab-add-name"
          />
          <Button
            type="submit"
            leftSection={<IconPlus size={16} />}
            loading={create.isPending}
            data-testid="vocab-add-submit"
          >
            {t("vocab.add")}
          </Button>
        </Group>
      </form>
      <FormError error={create.error} fields={["name"]} />
      <Switch
        my="md"
        label={t("vocab.showArchived")}
        checked={showArchived}
        onChange={(e) => setShowArchived(e.currentTarget.checked)}
        data-testid="vocab-show-archived"
      />
      <QueryState isPending={vocab.isPending} error={vocab.error}>
        {rows.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg">
            {t("vocab.empty")}
          </Text>
        ) : (
          <Table striped verticalSpacing="xs" data-testid="vocab-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("vocab.name")}</Table.Th>
                <Table.Th ta="right">{t("vocab.sortOrder")}</Table.Th>
                <Table.Th>{t("support.status")}</Table.Th>
                <Table.Th w={96}>{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((v) => (
                <Table.Tr key={v.id} data-testid="vocab-row" data-name={v.name}>
                  <Table.Td>{v.name}</Table.Td>
                  <Table.Td ta="right">{v.sortOrder}</Table.Td>
                  <Table.Td>
                    <Badge color={v.archived ? "gray" : "green"} variant={v.archived ? "outline" : "light"}>
                      {v.archived ? t("vocab.archived") : t("vocab.active")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label={t("vocab.editTitle")}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`${t("vocab.editTitle")}: ${v.name}`}
                          onClick={() => setEditing(v)}
                          data-testid="vocab-edit"
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={v.archived ? t("vocab.restore") : t("vocab.archive")}>
                        <ActionIcon
                          variant="subtle"
                          color={v.archived ? undefined : "red"}
                          aria-label={`${v.archived ? t("vocab.restore") : t("vocab.archive")}: ${v.name}`}
                          onClick={() => setArchived(v, !v.archived)}
                          data-testid={v.archived ? "vocab-restore" : "vocab-archive"}
                        >
                          {v.archived ? <IconRestore size={16} /> : <IconArchive size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {editing && <VocabRenameModal item={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
