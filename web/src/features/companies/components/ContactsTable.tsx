import { ActionIcon, Anchor, Group, Table, Tooltip } from "@mantine/core";
import type { Contact } from "@shien/contracts";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useI18n } from "../../../lib/i18n";

/** The 担当者 of one company; 編集・削除 only when `onEdit` / `onDelete` are given. */
export function ContactsTable({
  contacts,
  onEdit,
  onDelete,
}: {
  contacts: Contact[];
  onEdit?: ((contact: Contact) => void) | undefined;
  onDelete?: ((contact: Contact) => void) | undefined;
}) {
  const { t } = useI18n();
  const actions = Boolean(onEdit || onDelete);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" data-testid="contacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("contacts.name")}</Table.Th>
            <Table.Th>{t("contacts.nameKana")}</Table.Th>
            <Table.Th>{t("contacts.role")}</Table.Th>
            <Table.Th>{t("contacts.phone")}</Table.Th>
            <Table.Th>{t("contacts.email")}</Table.Th>
            <Table.Th>{t("contacts.notes")}</Table.Th>
            {actions && <Table.Th w={80}>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((c) => (
            <Table.Tr key={c.id} data-testid="contact-row">
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{c.nameKana || "—"}</Table.Td>
              <Table.Td>{c.role || "—"}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{c.phone || "—"}</Table.Td>
              <Table.Td>{c.email ? <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor> : "—"}</Table.Td>
              <Table.Td style={{ whiteSpace: "pre-wrap" }}>{c.notes || "—"}</Table.Td>
              {actions && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {onEdit && (
                      <Tooltip label={t("common.edit")}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`${t("common.edit")}: ${c.name}`}
                          onClick={() => onEdit(c)}
                          data-testid="contact-edit"
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {onDelete && (
                      <Tooltip label={t("contacts.delete")}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`${t("contacts.delete")}: ${c.name}`}
                          onClick={() => onDelete(c)}
                          data-testid="contact-delete"
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
