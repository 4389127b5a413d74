import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { SubsidyAction, SubsidyApplication } from "@shien/contracts";
import { IconAlertCircle, IconArrowLeft } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { formatDateTime } from "../../../lib/datetime";
import { useI18n } from "../../../lib/i18n";
import { useMe } from "../../auth/queries";
import { canTakeAction } from "../access";
import { AttachmentsCard } from "../components/AttachmentsCard";
import { EventsTable } from "../components/EventsTable";
import { LinesTable } from "../components/LinesTable";
import { NoticeDownloads } from "../components/NoticeDownloads";
import { ReviewsCard } from "../components/ReviewsCard";
import { StatusBadge } from "../components/StatusBadge";
import { StepsTable } from "../components/StepsTable";
import { TransitionModal } from "../components/TransitionModal";
import { courseTypeLabel, digits, formatYen, frameFor } from "../format";
import {
  actionsFrom,
  DESTRUCTIVE_ACTIONS,
  subsidyActionLabelKey,
  subsidyStatusLabelKey,
  taxTreatmentLabelKey,
} from "../labels";
import { useApplication, useApplicationEvents, useSubsidyPrograms } from "../queries";

/** One application: who and what, the amounts, the working, the state log and the moves open to it. */
export function ApplicationPage() {
  const { t } = useI18n();
  const { applicationId = "" } = useParams();
  const application = useApplication(applicationId);
  return (
    <>
      <Anchor component={Link} to="/subsidies/applications" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {t("subsidies.applications.back")}
      </Anchor>
      <QueryState isPending={application.isPending} error={application.error}>
        {application.data && <ApplicationView application={application.data} />}
      </QueryState>
    </>
  );
}

function ApplicationView({ application: a }: { application: SubsidyApplication }) {
  const { t, locale, displayDate } = useI18n();
  const user = useMe().data?.user;
  const program = useSubsidyPrograms(a.fiscalYear).data?.find((p) => p.id === a.subsidyProgramId);
  const events = useApplicationEvents(a.id);
  const [acting, setActing] = useState<SubsidyAction | null>(null);
  const departmentId = program?.department.id;
  const actions = departmentId ? actionsFrom(a.status).filter((x) => canTakeAction(user, departmentId, x)) : [];
  const frame = program ? frameFor(program, a.round?.id) : undefined;

  const info = (label: string, value: ReactNode, testId?: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {value || "—"}
      </Text>
    </div>
  );

  const amount = (label: string, yen: number | null, sub: string | null, testId: string) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text
        size="xl"
        fw={700}
        style={{ fontVariantNumeric: "tabular-nums" }}
        c={yen === null ? "dimmed" : undefined}
        data-testid={testId}
        data-yen={digits(yen)}
      >
        {yen === null ? "—" : formatYen(yen, locale)}
      </Text>
      {sub && (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      )}
    </Card>
  );

  return (
    <>
      <PageHeader
        title={a.title}
        description={t("subsidies.detail.meta", { date: formatDateTime(a.createdAt, locale) })}
        actions={<StatusBadge status={a.status} size="lg" />}
      />
      <Stack maw={1200}>
        <Card withBorder padding="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
            {info(
              t("support.company"),
              <Anchor component={Link} to={`/companies/${a.company.id}`} size="sm" fw={600}>
                {a.company.name}
              </Anchor>,
              "application-company-link",
            )}
            {info(t("subsidies.program"), `${a.program.code} ${a.program.name}`, "application-program-name")}
            {info(t("subsidies.round.label"), a.round?.name)}
            {info(
              t("subsidies.detail.courseType"),
              courseTypeLabel(program?.terms, a, locale),
              "application-course-type",
            )}
            {info(t("subsidies.receivedOn"), displayDate(a.receivedOn))}
            {info(t("subsidies.preStartApprovedOn"), displayDate(a.preStartApprovedOn))}
            {info(t("subsidies.taxTreatment"), t(taxTreatmentLabelKey[a.taxTreatment]))}
            {info(
              t("subsidies.detail.numbers"),
              [a.decisionNo, a.confirmationNo, a.rejectionNo].filter(Boolean).join(" / "),
              "application-numbers",
            )}
            {info(t("subsidies.reportDueOn"), displayDate(a.reportDueOn), "application-report-due")}
          </SimpleGrid>
          {a.confidential && (
            <Badge color="red" variant="light" mt="sm">
              {t("support.confidential")}
            </Badge>
          )}
        </Card>

        {a.refusal && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="application-refusal">
            {a.refusal[locale]}
          </Alert>
        )}

        <Card withBorder padding="md" data-testid="application-actions">
          <Group justify="space-between" align="center" wrap="wrap">
            <Text size="sm">
              {t("subsidies.detail.now", { status: t(subsidyStatusLabelKey[a.status]) })}
              {a.note && (
                <Text span size="sm" c="dimmed" ml="sm">
                  {t("subsidies.detail.lastNote", { note: a.note })}
                </Text>
              )}
            </Text>
            <Group gap="xs">
              {actions.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="application-no-actions">
                  {t("subsidies.detail.noActions")}
                </Text>
              ) : (
                actions.map((x) => (
                  <Button
                    key={x}
                    size="xs"
                    variant={DESTRUCTIVE_ACTIONS.has(x) ? "light" : "filled"}
                    color={DESTRUCTIVE_ACTIONS.has(x) ? "red" : undefined}
                    onClick={() => setActing(x)}
                    data-testid={`application-action-${x}`}
                  >
                    {t(subsidyActionLabelKey[x])}
                  </Button>
                ))
              )}
            </Group>
          </Group>
        </Card>

        <SimpleGrid cols={{ base: 1, sm: 2, md: a.repaymentYen === null ? 4 : 5 }}>
          {amount(t("subsidies.amount.computed"), a.computedYen, null, "application-computed")}
          {amount(
            t("subsidies.amount.decided"),
            a.decidedYen,
            a.decidedOn ? displayDate(a.decidedOn) : null,
            "application-decided",
          )}
          {amount(t("subsidies.amount.confirmed"), a.confirmedYen, null, "application-confirmed")}
          {amount(t("subsidies.amount.paid"), a.paidYen, a.paidOn ? displayDate(a.paidOn) : null, "application-paid")}
          {a.repaymentYen !== null &&
            amount(t("subsidies.amount.repayment"), a.repaymentYen, null, "application-repayment")}
        </SimpleGrid>
        {frame && (
          <Text size="sm" c="dimmed" data-testid="application-frame" data-remaining={digits(frame.remainingYen)}>
            {t("subsidies.detail.frame", {
              remaining: formatYen(frame.remainingYen, locale),
              budget: formatYen(frame.budgetYen, locale),
            })}
          </Text>
        )}

        <NoticeDownloads application={a} />

        <Card withBorder padding="md">
          <Title order={2} size="h5" mb="sm">
            {t("subsidies.steps.title")}
          </Title>
          <StepsTable steps={a.steps} />
        </Card>

        <Card withBorder padding="md">
          <Title order={2} size="h5" mb="sm">
            {t("subsidies.lines.applied")}
          </Title>
          <LinesTable lines={a.lines} terms={program?.terms} testId="application-lines-view" />
          {a.actualLines && (
            <>
              <Title order={3} size="h6" mt="md" mb="xs">
                {t("subsidies.lines.actual")}
              </Title>
              <LinesTable lines={a.actualLines} terms={program?.terms} testId="application-actual-lines-view" />
            </>
          )}
        </Card>

        <AttachmentsCard application={a} departmentId={departmentId} user={user} />

        <ReviewsCard application={a} program={program} />

        <Card withBorder padding="md">
          <Title order={2} size="h5" mb="sm">
            {t("subsidies.events.title")}
          </Title>
          <QueryState isPending={events.isPending} error={events.error}>
            <EventsTable events={events.data ?? []} />
          </QueryState>
        </Card>
      </Stack>
      {acting && (
        // Not keyed by version: a refused move refreshes the application behind the open modal,
        // which keeps the server's message and sends the new version on the retry.
        <TransitionModal
          key={acting}
          application={a}
          program={program}
          action={acting}
          onClose={() => setActing(null)}
        />
      )}
    </>
  );
}
