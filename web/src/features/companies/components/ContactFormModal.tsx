import { Button, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Contact, ContactInput } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { useCreateContact, useUpdateContact } from "../contact-queries";

type ContactField = keyof ContactInput;
type ContactFormValues = Record<ContactField, string>;

/** Fields the form shows server details beside (the API's field names). */
const CONTACT_FIELDS: readonly ContactField[] = ["name", "nameKana", "role", "phone", "email", "notes"];
const LINE_FIELDS: { field: Exclude<ContactField, "notes">; label: MessageKey; type?: string }[] = [
  { field: "name", label: "contacts.name" },
  { field: "nameKana", label: "contacts.nameKana" },
  { field: "role", label: "contacts.role" },
  { field: "phone", label: "contacts.phone", type: "tel" },
  { field: "email", label: "contacts.email", type: "email" },
];

const testId = (field: string) => `contact-form-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function fromContact(c: Contact | undefined): ContactFormValues {
  return {
    name: c?.name ?? "",
    nameKana: c?.nameKana ?? "",
    role: c?.role ?? "",
    phone: c?.phone ?? "",
    email: c?.email ?? "",
    notes: c?.notes ?? "",
  };
}

const text = (v: string) => v.trim() || null;

function toInput(v: ContactFormValues): ContactInput {
  return {
    name: v.name.trim(),
    nameKana: text(v.nameKana),
    role: text(v.role),
    phone: text(v.phone),
    email: text(v.email),
    notes: text(v.notes),
  };
}

/** Add a 担当者 to a company, or change one; server details are shown beside the field they name. */
export function ContactFormModal({
  companyId,
  contact,
  onClose,
}: {
  companyId: string;
  contact?: Contact | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const create = useCreateContact(companyId);
  const update = useUpdateContact(companyId);
  const mutation = contact ? update : create;
  const [values, setValues] = useState(() => fromContact(contact));
  const set = (field: ContactField, value: string) => setValues((prev) => ({ ...prev, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const onSuccess = (saved: Contact) => {
      const key = contact ? "contacts.updated" : "contacts.created";
      notifications.show({ color: "green", message: t(key, { name: saved.name }) });
      onClose();
    };
    const body = toInput(values);
    if (contact) update.mutate({ id: contact.id, body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  };

  return (
    <Modal opened onClose={onClose} title={contact ? t("contacts.editTitle") : t("contacts.addTitle")} size="lg">
      <form onSubmit={submit} data-testid="contact-form">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {LINE_FIELDS.map(({ field, label, type }) => (
              <TextInput
                key={field}
                label={t(label)}
                type={type ?? "text"}
                value={values[field]}
                onChange={(e) => set(field, e.currentTarget.value)}
                required={field === "name"}
                error={fieldError(mutation.error, field)}
                data-testid={testId(field)}
              />
            ))}
          </SimpleGrid>
          <Textarea
            label={t("contacts.notes")}
            value={values.notes}
            onChange={(e) => set("notes", e.currentTarget.value)}
            autosize
            minRows={2}
            error={fieldError(mutation.error, "notes")}
            data-testid={testId("notes")}
          />
          <FormError error={mutation.error} fields={CONTACT_FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="contact-form-submit">
              {contact ? t("common.save") : t("contacts.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
