import { Alert, Anchor, Badge, Button, Card, Fieldset, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Consultation } from "@shien/contracts";
import { IconArrowLeft, IconArrowsExchange, IconCheck } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { FormError } from "../../../../components/FormError";
import { PageHeader } from "../../../../components/PageHeader";
import { QueryState } from "../../../../components/QueryState";
import { formatDateTime } from "../../../../lib/datetime";
import { useI18n } from "../../../../lib/i18n";
import { useMe } from "../../../auth/queries";
import { canWriteFor } from "../../access";
import { ReferralFormModal } from "../../referrals/components/ReferralFormModal";
import { detailsUnder } from "../../shared/field-error";
import { ConsultationFields } from "../components/ConsultationFields";
import { CONSULTATION_FIELDS, fromConsultation, toConsultationInput } from "../form-values";
import { useConsultation, useUpdateConsultation } from "../queries";

/** One consultation or visit: the record (editable by its department), and 橋渡し from it. */
export function ConsultationPage() {
  const { t } = useI18n();
  const { consultationId = "" } = useParams();
  const consultation = useConsultation(consultationId);
  const c = consultation.data;
  return (
    <>
      <Anchor component={Link} to="/support/consultations" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("consultations.back")}
      </Anchor>
      <QueryState isPending={consultation.isPending} error={consultation.error}>
        {/* Keyed by version: after a save the form shows what the server stored. */}
        {c && <ConsultationEditor key={`${c.id}:${c.version}`} consultation={c} />}
      </QueryState>
    </>
  );
}

function ConsultationEditor({ consultation: c }: { consultation: Consultation }) {
  const { t, locale, displayDate } = useI18n();
  const navigate = useNavigate();
  const justSaved = (useLocation().state as { justSaved?: boolean } | null)?.justSaved === true;
  const user = useMe().data?.user;
  const update = useUpdateConsultation(c.id);
  const [values, setValues] = useState(() => fromConsultation(c));
  const [referring, setReferring] = useState(false);
  const mayWrite = canWriteFor(user, [c.department.id]);
  const subject = c.companyName ?? c.personName ?? "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { ...toConsultationInput(values), version: c.version },
      { onSuccess: () => notifications.show({ color: "green", message: t("consultations.updated") }) },
    );
  };

  return (
    <>
      <PageHeader
        title={t("consultations.recordTitle", { subject, date: displayDate(c.occurredOn) })}
        description={t("consultations.recordMeta", {
          by: c.recordedBy,
          at: formatDateTime(c.updatedAt, locale),
        })}
        actions={
          mayWrite && (
            <Button
              variant="light"
              leftSection={<IconArrowsExchange size={16} />}
              onClick={() => setReferring(true)}
              data-testid="consultation-refer"
            >
              {t("consultations.refer")}
            </Button>
          )
        }
      />
      <Stack maw={1000}>
        {justSaved && mayWrite && (
          <Alert color="green" icon={<IconCheck size={18} />} data-testid="consultation-saved">
            <Group justify="space-between">
              <Text size="sm">{t("consultations.savedOffer")}</Text>
              <Button size="xs" onClick={() => setReferring(true)} data-testid="consultation-saved-refer">
                {t("consultations.refer")}
              </Button>
            </Group>
          </Alert>
        )}
        <Group gap="xs">
          {c.confidential && (
            <Badge color="red" variant="light">
              {t("support.confidential")}
            </Badge>
          )}
          {c.followUpOn && (
            <Badge
              color={c.followUpDoneAt ? "green" : "orange"}
              variant="light"
              data-testid="consultation-follow-up-state"
            >
              {c.followUpDoneAt
                ? t("consultations.followUpDone", { date: formatDateTime(c.followUpDoneAt, locale) })
                : t("consultations.followUpDue", { date: displayDate(c.followUpOn) })}
            </Badge>
          )}
          {c.companyId && (
            <Anchor component={Link} to={`/companies/${c.companyId}`} size="sm" data-testid="consultation-company-link">
              {t("consultations.companyPage")}
            </Anchor>
          )}
        </Group>
        <Card withBorder padding="md">
          <form onSubmit={submit} data-testid="consultation-form">
            <Fieldset variant="unstyled" disabled={!mayWrite}>
              <Stack>
                <ConsultationFields
                  values={values}
                  onChange={setValues}
                  error={update.error}
                  user={user}
                  keepStaff={c.staff}
                />
                <FormError error={update.error} fields={detailsUnder(update.error, CONSULTATION_FIELDS)} />
                {mayWrite && (
                  <Group justify="flex-end">
                    <Button variant="default" onClick={() => navigate("/support/consultations")}>
                      {t("common.cancel")}
                    </Button>
                    <Button type="submit" loading={update.isPending} data-testid="consultation-submit">
                      {t("common.save")}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Fieldset>
          </form>
        </Card>
      </Stack>
      {referring && (
        <ReferralFormModal
          prefill={{
            company: c.companyId ? { id: c.companyId, name: c.companyName ?? "" } : null,
            personName: c.personName,
            programId: c.program.id,
            fromDepartmentId: c.department.id,
            consultationId: c.id,
          }}
          onClose={() => setReferring(false)}
          onCreated={(referral) => navigate(`/support/referrals/${referral.id}`)}
        />
      )}
    </>
  );
}
