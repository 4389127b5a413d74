import { Anchor, Button, Card, Group, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Company } from "@shien/contracts";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { FormError } from "../../../../components/FormError";
import { PageHeader } from "../../../../components/PageHeader";
import { api } from "../../../../lib/api";
import { useI18n } from "../../../../lib/i18n";
import { useMe } from "../../../auth/queries";
import { companyKeys } from "../../../companies/queries";
import { detailsUnder } from "../../shared/field-error";
import { ConsultationFields } from "../components/ConsultationFields";
import { CONSULTATION_FIELDS, newConsultationValues, toConsultationInput } from "../form-values";
import { useCreateConsultation } from "../queries";

/** 新規記録; `?companyId=` (from a company's page) starts with that business chosen. */
export function NewConsultationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const user = useMe().data?.user;
  const [params] = useSearchParams();
  const companyId = params.get("companyId");
  const company = useQuery({
    queryKey: companyKeys.one(companyId ?? ""),
    queryFn: () => api<Company>("GET", `/api/companies/${encodeURIComponent(companyId ?? "")}`),
    enabled: companyId !== null,
  });
  const create = useCreateConsultation();
  const [values, setValues] = useState(() => newConsultationValues(user, null));

  useEffect(() => {
    const c = company.data;
    if (companyId && c) setValues((v) => (v.company ? v : { ...v, company: { id: c.id, name: c.name } }));
  }, [companyId, company.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(toConsultationInput(values), {
      onSuccess: (saved) => {
        notifications.show({ color: "green", message: t("consultations.created") });
        navigate(`/support/consultations/${saved.id}`, { state: { justSaved: true } });
      },
    });
  };

  return (
    <>
      <Anchor component={Link} to="/support/consultations" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("consultations.back")}
      </Anchor>
      <PageHeader title={t("consultations.newTitle")} />
      <Card withBorder padding="md" maw={1000}>
        <form onSubmit={submit} data-testid="consultation-form">
          <Stack>
            <ConsultationFields values={values} onChange={setValues} error={create.error} user={user} />
            <FormError error={create.error} fields={detailsUnder(create.error, CONSULTATION_FIELDS)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => navigate("/support/consultations")}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="consultation-submit">
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
