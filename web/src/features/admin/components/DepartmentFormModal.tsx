import { Button, Group, NumberInput, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Department } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useRequiredFields } from "../../../components/useRequiredFields";
import { useI18n } from "../../../lib/i18n";
import { useCreateDepartment, useUpdateDepartment } from "../queries";

const DEPARTMENT_FIELDS = ["code", "name", "sortOrder"];

/** Create a department, or rename / reorder one. The code is fixed once created (imports refer to it). */
export function DepartmentFormModal({
  department,
  onClose,
}: {
  department?: Department | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const mutation = department ? update : create;
  const [code, setCode] = useState(department?.code ?? "");
  const [name, setName] = useState(department?.name ?? "");
  const [sortOrder, setSortOrder] = useState<number | string>(department?.sortOrder ?? "");
  const dirty = useFormDirty({ code, name, sortOrder });
  const required = useRequiredFields({
    code: { label: t("departments.code"), value: code },
    name: { label: t("departments.name"), value: name },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!required.check(event)) return;
    const order = typeof sortOrder === "number" ? sortOrder : undefined;
    const onSuccess = () => {
      const key = department ? "departments.updated" : "departments.created";
      notifications.show({ color: "green", message: t(key, { name: name.trim() }) });
      onClose();
    };
    if (department) {
      update.mutate(
        { id: department.id, name: name.trim(), ...(order === undefined ? {} : { sortOrder: order }) },
        { onSuccess },
      );
    } else {
      create.mutate(
        { code: code.trim(), name: name.trim(), ...(order === undefined ? {} : { sortOrder: order }) },
        { onSuccess },
      );
    }
  };

  return (
    <FormModal
      dirty={dirty}
      onClose={onClose}
      title={department ? t("departments.editTitle") : t("departments.createTitle")}
    >
      <form noValidate onSubmit={submit} data-testid="department-form">
        <Stack>
          <TextInput
            label={t("departments.code")}
            description={department ? t("departments.codeFixed") : t("departments.codeHint")}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            disabled={Boolean(department)}
            required
            autoComplete="off"
            error={required.errors.code ?? fieldError(mutation.error, "code")}
            data-autofocus={department ? undefined : true}
            data-testid="department-form-code"
          />
          <TextInput
            label={t("departments.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            error={required.errors.name ?? fieldError(mutation.error, "name")}
            data-autofocus={department ? true : undefined}
            data-testid="department-form-name"
          />
          <NumberInput
            label={t("departments.sortOrder")}
            description={t("departments.sortOrderHint")}
            value={sortOrder}
            onChange={setSortOrder}
            min={0}
            max={9999}
            allowDecimal={false}
            allowNegative={false}
            error={fieldError(mutation.error, "sortOrder")}
            data-testid="department-form-sort-order"
          />
          <FormError error={mutation.error} fields={DEPARTMENT_FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="department-form-submit">
              {department ? t("common.save") : t("departments.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
