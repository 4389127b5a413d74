import { Button, Group, Stack } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { Company } from "@shien/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { FormError } from "../../../components/FormError";
import { FormModal, useFormDirty } from "../../../components/FormModal";
import { useI18n } from "../../../lib/i18n";
import { CompanyFormFields } from "../../companies/components/CompanyFormFields";
import { DuplicateWarning } from "../../companies/components/DuplicateWarning";
import { COMPANY_FIELDS, duplicateProbe, emptyValues, toInput } from "../../companies/form-values";
import { type DuplicateCandidate, duplicatesQuery, useCreateCompany, useDuplicates } from "../../companies/queries";

/**
 * 事業者を新規登録 without leaving the record being written: the registry's own form, with the
 * same duplicate check as the new-company page (as the user types, and once more on 保存, which
 * then needs 「それでも登録」).
 */
export function NewCompanyModal({
  initialName,
  onCreated,
  onClose,
}: {
  initialName: string;
  onCreated: (company: Company) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const create = useCreateCompany();
  const [values, setValues] = useState(() => ({ ...emptyValues(), name: initialName }));
  const [stopped, setStopped] = useState<DuplicateCandidate[] | null>(null);
  const probe = useMemo(() => duplicateProbe(values), [values]);
  const [debouncedProbe] = useDebouncedValue(probe, 400);
  const duplicates = useDuplicates(debouncedProbe);
  const candidates = stopped ?? (debouncedProbe ? (duplicates.data ?? []) : []);

  const save = () =>
    create.mutate(toInput(values), {
      onSuccess: (company) => {
        notifications.show({ color: "green", message: t("support.picker.created", { name: company.name }) });
        onCreated(company);
      },
    });

  const dirty = useFormDirty({ values });

  const submit = async (event: FormEvent) => {
    // The modal sits inside the record's form: its submit must not submit that one too.
    event.preventDefault();
    event.stopPropagation();
    if (probe && !stopped) {
      const found = await client.fetchQuery(duplicatesQuery(probe)).catch(() => []);
      if (found.length > 0) {
        setStopped(found);
        return;
      }
    }
    save();
  };

  return (
    <FormModal dirty={dirty} onClose={onClose} title={t("support.picker.createTitle")} size="xl">
      <form noValidate onSubmit={submit} data-testid="company-form">
        <Stack>
          <CompanyFormFields
            values={values}
            error={create.error}
            onChange={(next) => {
              setValues(next);
              setStopped(null);
            }}
          />
          <DuplicateWarning
            candidates={candidates}
            onSaveAnyway={stopped ? save : undefined}
            saving={create.isPending}
          />
          <FormError error={create.error} fields={COMPANY_FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="company-form-cancel">
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={Boolean(stopped)}
              data-testid="company-form-submit"
            >
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
