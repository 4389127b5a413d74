import { Button, Group, NumberInput, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { VocabItem } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { useI18n } from "../../../lib/i18n";
import { useUpdateVocab } from "./queries";

/** Rename or reorder one entry; records keep the words they were saved with. */
export function VocabRenameModal({ item, onClose }: { item: VocabItem; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateVocab();
  const [name, setName] = useState(item.name);
  const [sortOrder, setSortOrder] = useState<number | string>(item.sortOrder);

  const dirty = useFormDirty({ name, sortOrder });
  const required = useRequiredFields({
    name: { label: t("vocab.name"), value: name },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    update.mutate(
      { id: item.id, name: name.trim(), ...(typeof sortOrder === "number" ? { sortOrder } : {}) },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "green", message: t("vocab.updated", { name: saved.name }) });
          onClose();
        },
      },
    );
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("vocab.editTitle")}>
      <form noValidate onSubmit={submit} data-testid="vocab-edit-form">
        <Stack>
          <TextInput
            label={t("vocab.name")}
            description={t("vocab.renameHint")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            error={required.errors.name ?? fieldError(update.error, "name")}
            data-testid="vocab-edit-name"
            data-autofocus
          />
          <NumberInput
            label={t("vocab.sortOrder")}
            value={sortOrder}
            onChange={setSortOrder}
            min={0}
            max={9999}
            allowDecimal={false}
            allowNegative={false}
            error={fieldError(update.error, "sortOrder")}
            data-testid="vocab-edit-sort-order"
          />
          <FormError error={update.error} fields={["name", "sortOrder"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="vocab-edit-submit">
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
