import { Button, Card, Group, Stack } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { FormError } from "../../../components/FormError";
import { PageHeader } from "../../../components/PageHeader";
import { useI18n } from "../../../lib/i18n";
import { CompanyFormFields } from "../components/CompanyFormFields";
import { DuplicateWarning } from "../components/DuplicateWarning";
import { COMPANY_FIELDS, duplicateProbe, emptyValues, toInput } from "../form-values";
import { type DuplicateCandidate, duplicatesQuery, useCreateCompany, useDuplicates } from "../queries";

/** 新規登録, with the duplicate check as the user types (and once more on 保存). */
export function NewCompanyPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const create = useCreateCompany();
  const [values, setValues] = useState(emptyValues);
  const [stopped, setStopped] = useState<DuplicateCandidate[] | null>(null);
  const probe = useMemo(() => duplicateProbe(values), [values]);
  const [debouncedProbe] = useDebouncedValue(probe, 400);
  const duplicates = useDuplicates(debouncedProbe);
  const candidates = stopped ?? (debouncedProbe ? (duplicates.data ?? []) : []);

  const save = () => {
    const input = toInput(values);
    create.mutate(input, {
      onSuccess: (company) => {
        notifications.show({ color: "green", message: t("company.created", { name: company.name }) });
        navigate(`/companies/${company.id}`);
      },
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
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
    <>
      <PageHeader title={t("company.newTitle")} />
      <Card withBorder padding="md" maw={900}>
        <form onSubmit={submit} data-testid="company-form">
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
              <Button variant="default" onClick={() => navigate("/companies")} data-testid="company-form-cancel">
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
      </Card>
    </>
  );
}
