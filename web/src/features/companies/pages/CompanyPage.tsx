import { Anchor, Button, Card, Grid, Group, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconPencil } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { FormError } from "../../../components/FormError";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { CompanySupportSection } from "../../support/timeline/CompanySupportSection";
import { canWriteCompanies } from "../access";
import { CompanyDetails } from "../components/CompanyDetails";
import { CompanyFormFields } from "../components/CompanyFormFields";
import { ContactsCard } from "../components/ContactsCard";
import { SameEntityList } from "../components/SameEntityList";
import { COMPANY_FIELDS, type CompanyFormValues, fromCompany, toInput } from "../form-values";
import { useCompany, useUpdateCompany } from "../queries";

/** One record: every field, 編集 for roles that may write, the other records of its business and its 担当者. */
export function CompanyPage() {
  const { t } = useI18n();
  const { companyId = "" } = useParams();
  const company = useCompany(companyId);
  const update = useUpdateCompany(companyId);
  const mayWrite = canWriteCompanies(useMe().data?.user);
  const [editing, setEditing] = useState<CompanyFormValues | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    update.mutate(toInput(editing), {
      onSuccess: (saved) => {
        notifications.show({ color: "green", message: t("company.updated", { name: saved.name }) });
        setEditing(null);
      },
    });
  };
  const c = company.data;

  return (
    <>
      <Anchor component={Link} to="/companies" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("company.back")}
      </Anchor>
      <PageHeader
        title={c?.name ?? t("companies.title")}
        actions={
          mayWrite &&
          c &&
          !editing && (
            <Button
              leftSection={<IconPencil size={16} />}
              onClick={() => {
                update.reset();
                setEditing(fromCompany(c));
              }}
              data-testid="company-edit"
            >
              {t("common.edit")}
            </Button>
          )
        }
      />
      <QueryState isPending={company.isPending} error={company.error}>
        {c && (
          <Grid>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Card withBorder padding="md">
                {editing ? (
                  <form onSubmit={submit} data-testid="company-form">
                    <Stack>
                      <Title order={2} size="h4">
                        {t("company.editTitle")}
                      </Title>
                      <CompanyFormFields values={editing} onChange={setEditing} error={update.error} />
                      <FormError error={update.error} fields={COMPANY_FIELDS} />
                      <Group justify="flex-end">
                        <Button variant="default" onClick={() => setEditing(null)}>
                          {t("common.cancel")}
                        </Button>
                        <Button type="submit" loading={update.isPending} data-testid="company-form-submit">
                          {t("common.save")}
                        </Button>
                      </Group>
                    </Stack>
                  </form>
                ) : (
                  <CompanyDetails company={c} />
                )}
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Card withBorder padding="md">
                <Title order={2} size="h5" mb="sm">
                  {t("meiyose.sameEntity")}
                </Title>
                <SameEntityList company={c} mayWrite={mayWrite} />
              </Card>
            </Grid.Col>
            <Grid.Col span={12}>
              <ContactsCard companyId={c.id} mayWrite={mayWrite} />
            </Grid.Col>
            <Grid.Col span={12}>
              <CompanySupportSection companyId={c.id} />
            </Grid.Col>
          </Grid>
        )}
      </QueryState>
    </>
  );
}
