import { Anchor, Badge, Table, Text } from "@mantine/core";
import type { AuditEntry } from "@shien/contracts";
import { formatDateTimeSeconds } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";
import { actionLabelKey, entityLabelKey } from "../audit-labels";
import { AuditChanges, type NameLookup } from "./AuditChanges";

export interface EntityNames extends NameLookup {
  /** A readable name for a recorded entity, when it is still known. */
  entity: (entity: string, id: string) => string | undefined;
}

const ACTION_COLOR: Record<AuditEntry["action"], string> = {
  create: "green",
  update: "blue",
  delete: "red",
  read: "gray",
  login: "teal",
  logout: "gray",
  revoke: "orange",
};

interface AuditTableProps {
  entries: AuditEntry[];
  names: EntityNames;
  onSelectEntity: (entity: string, entityId: string) => void;
}

export function AuditTable({ entries, names, onSelectEntity }: AuditTableProps) {
  const { t } = useI18n();
  if (entries.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="lg" data-testid="audit-empty">
        {t("audit.emptyResult")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="sm" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>{t("audit.at")}</Table.Th>
            <Table.Th w={160}>{t("audit.actor")}</Table.Th>
            <Table.Th w={120}>{t("audit.action")}</Table.Th>
            <Table.Th w={220}>{t("audit.target")}</Table.Th>
            <Table.Th>{t("audit.changes")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const entityKey = entityLabelKey[entry.entity];
            const entityName = names.entity(entry.entity, entry.entityId);
            return (
              <Table.Tr key={entry.id} data-testid="audit-row">
                <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: "nowrap" }}>
                  {formatDateTimeSeconds(entry.at)}
                </Table.Td>
                <Table.Td>{entry.actorLabel}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={ACTION_COLOR[entry.action]}>
                    {t(actionLabelKey[entry.action])}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {entityKey ? t(entityKey) : entry.entity}
                  </Text>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    ta="left"
                    title={t("audit.filterByTarget")}
                    onClick={() => onSelectEntity(entry.entity, entry.entityId)}
                  >
                    {entityName ?? `${entry.entityId.slice(0, 8)}…`}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <AuditChanges entity={entry.entity} action={entry.action} changes={entry.changes} names={names} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
