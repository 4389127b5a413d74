import { Button, Card, Group, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Organization } from "@shien/contracts";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../../components/FormError";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { formatDateTime } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";
import { useOrganization, useUpdateOrganization } from "../queries";

export function OrganizationPage() {
  const { t } = useI18n();
  const organization = useOrganization();
  return (
    <>
      <PageHeader title={t("organization.title")} description={t("organization.description")} />
      <QueryState isPending={organization.isPending} error={organization.error}>
        {organization.data && <OrganizationForm organization={organization.data} />}
      </QueryState>
    </>
  );
}

function OrganizationForm({ organization }: { organization: Organization }) {
  const { t, locale } = useI18n();
  const update = useUpdateOrganization();
  const [name, setName] = useState(organization.name);
  const changed = name.trim() !== organization.name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { name: name.trim() },
      { onSuccess: () => notifications.show({ color: "green", message: t("organization.saved") }) },
    );
  };

  return (
    <Card withBorder padding="lg" maw={640}>
      <form onSubmit={submit} data-testid="organization-form">
        <Stack>
          <TextInput
            label={t("organization.slug")}
            description={t("organization.slugHint")}
            value={organization.slug}
            readOnly
          />
          <TextInput
            label={t("organization.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            error={fieldError(update.error, "name")}
            data-testid="organization-name"
          />
          <TextInput
            label={t("organization.createdAt")}
            value={formatDateTime(organization.createdAt, locale)}
            readOnly
          />
          <FormError error={update.error} fields={["name"]} />
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={update.isPending}
              disabled={!changed || !name.trim()}
              data-testid="organization-save"
            >
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
