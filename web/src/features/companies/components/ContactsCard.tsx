import { Button, Card, Group, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Contact } from "@shien/contracts";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useContacts, useDeleteContact } from "../contact-queries";
import { ContactFormModal } from "./ContactFormModal";
import { ContactsTable } from "./ContactsTable";

type Dialog = { kind: "create" } | { kind: "edit" | "delete"; contact: Contact } | null;

/** 担当者 of one company: the list for everyone, 追加・編集・削除 for roles that may write. */
export function ContactsCard({ companyId, mayWrite }: { companyId: string; mayWrite: boolean }) {
  const { t } = useI18n();
  const contacts = useContacts(companyId);
  const remove = useDeleteContact(companyId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => {
    remove.reset();
    setDialog(null);
  };

  const confirmDelete = (contact: Contact) =>
    remove.mutate(contact.id, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t("contacts.deleted", { name: contact.name }) });
        close();
      },
    });

  return (
    <Card withBorder padding="md" data-testid="contacts">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {t("contacts.title")}
        </Title>
        {mayWrite && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setDialog({ kind: "create" })}
            data-testid="contacts-add"
          >
            {t("contacts.add")}
          </Button>
        )}
      </Group>
      <QueryState isPending={contacts.isPending} error={contacts.error}>
        {contacts.data?.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="contacts-empty">
            {t("contacts.empty")}
          </Text>
        ) : (
          <ContactsTable
            contacts={contacts.data ?? []}
            onEdit={mayWrite ? (contact) => setDialog({ kind: "edit", contact }) : undefined}
            onDelete={mayWrite ? (contact) => setDialog({ kind: "delete", contact }) : undefined}
          />
        )}
      </QueryState>
      {dialog?.kind === "create" && <ContactFormModal companyId={companyId} onClose={close} />}
      {dialog?.kind === "edit" && <ContactFormModal companyId={companyId} contact={dialog.contact} onClose={close} />}
      {dialog?.kind === "delete" && (
        <ConfirmDialog
          opened
          title={t("contacts.deleteTitle")}
          message={t("contacts.deleteConfirm", { name: dialog.contact.name })}
          confirmLabel={t("contacts.delete")}
          danger
          loading={remove.isPending}
          error={remove.error}
          onClose={close}
          onConfirm={() => confirmDelete(dialog.contact)}
        />
      )}
    </Card>
  );
}
