import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import type { SessionUser } from "@shien/contracts";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { NAV_ITEMS } from "../../../app/nav";
import { useI18n } from "../../../lib/i18n";
import { useReportsDue } from "../../subsidies/attachment-queries";
import { useFollowUps } from "../../support/consultations/queries";
import { useDispatches } from "../../support/dispatch/queries";
import { currentFiscalYear } from "../../support/format";
import { useReferrals } from "../../support/referrals/queries";

const SHOWN = 5;

/**
 * What is waiting for this person today, from the lists they already have: their follow-ups due,
 * referrals sent to their departments, dispatches awaiting a manager, results reports coming due.
 * Each card shows the first few and links to the full list; nothing is computed here.
 */
export function WorkToday({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const may = (id: string) => NAV_ITEMS.some((item) => item.id === id && item.audience(user));
  if (!may("follow-ups")) return null;
  const approves = user.role === "manager" || user.role === "admin";
  return (
    <Stack gap="sm" mb="lg" data-testid="home-work">
      <Title order={2} size="h4">
        {t("home.work.title")}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2, xl: approves ? 4 : 3 }} spacing="md">
        <FollowUpsCard />
        {may("referrals") && <IncomingReferralsCard />}
        {may("dispatches") && approves && <DispatchApprovalsCard />}
        {may("subsidies") && <ReportsDueCard />}
      </SimpleGrid>
    </Stack>
  );
}

function WorkCard({
  title,
  to,
  total,
  loading,
  empty,
  testId,
  children,
}: {
  title: string;
  to: string;
  total: number | undefined;
  loading: boolean;
  empty: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={600}>{title}</Text>
        {total !== undefined && (
          <Badge
            variant={total > 0 ? "filled" : "light"}
            color={total > 0 ? "blue" : "gray"}
            data-testid={`${testId}-count`}
          >
            {t("home.work.count", { count: total })}
          </Badge>
        )}
      </Group>
      {loading ? (
        <Skeleton h={60} />
      ) : total === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap={4}>{children}</Stack>
      )}
      <Anchor component={Link} to={to} size="sm" mt="sm" display="block">
        {t("home.work.all")}
      </Anchor>
    </Card>
  );
}

function Line({ to, main, side, alert }: { to: string; main: string; side: string; alert?: boolean }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Anchor component={Link} to={to} size="sm" truncate="end" maw="70%">
        {main}
      </Anchor>
      <Text size="xs" c={alert ? "red.7" : "dimmed"} style={{ whiteSpace: "nowrap" }}>
        {side}
      </Text>
    </Group>
  );
}

function FollowUpsCard() {
  const { t, displayDate } = useI18n();
  const q = useFollowUps("mine", null);
  // Due today or overdue: what needs doing now (later ones wait on the follow-up page).
  const due = (q.data ?? []).filter((f) => f.daysOverdue >= 0);
  return (
    <WorkCard
      title={t("home.work.followUps")}
      to="/support/follow-ups"
      total={q.data ? due.length : undefined}
      loading={q.isLoading}
      empty={t("home.work.followUpsNone")}
      testId="home-follow-ups"
    >
      {due.slice(0, SHOWN).map(({ consultation: c, daysOverdue }) => (
        <Line
          key={c.id}
          to={`/support/consultations/${c.id}`}
          main={c.companyName ?? c.personName ?? ""}
          side={
            daysOverdue > 0
              ? t("home.work.overdue", { days: daysOverdue })
              : t("home.work.dueToday", { date: displayDate(c.followUpOn) })
          }
          alert={daysOverdue > 0}
        />
      ))}
    </WorkCard>
  );
}

function IncomingReferralsCard() {
  const { t, displayDate } = useI18n();
  const q = useReferrals({ box: "incoming", status: "sent", page: 1, pageSize: SHOWN });
  return (
    <WorkCard
      title={t("home.work.referrals")}
      to="/support/referrals"
      total={q.data?.total}
      loading={q.isLoading}
      empty={t("home.work.referralsNone")}
      testId="home-referrals"
    >
      {(q.data?.items ?? []).map((r) => (
        <Line
          key={r.id}
          to={`/support/referrals/${r.id}`}
          main={r.companyName ?? r.personName ?? ""}
          side={`${r.fromDepartment.name} ${displayDate(r.sentOn)}`}
        />
      ))}
    </WorkCard>
  );
}

function DispatchApprovalsCard() {
  const { t, displayDate } = useI18n();
  const q = useDispatches({ fiscalYear: currentFiscalYear(), status: "requested", page: 1, pageSize: SHOWN });
  return (
    <WorkCard
      title={t("home.work.dispatches")}
      to="/support/dispatches"
      total={q.data?.total}
      loading={q.isLoading}
      empty={t("home.work.dispatchesNone")}
      testId="home-dispatches"
    >
      {(q.data?.items ?? []).map((d) => (
        <Line
          key={d.id}
          to="/support/dispatches"
          main={`${d.company.name}（${d.expert.name}）`}
          side={displayDate(d.scheduledOn)}
        />
      ))}
    </WorkCard>
  );
}

function ReportsDueCard() {
  const { t, displayDate } = useI18n();
  const q = useReportsDue(30);
  return (
    <WorkCard
      title={t("home.work.reports")}
      to="/subsidies/reports-due"
      total={q.data?.total}
      loading={q.isLoading}
      empty={t("home.work.reportsNone")}
      testId="home-reports"
    >
      {(q.data?.items ?? []).slice(0, SHOWN).map((r) => (
        <Line
          key={r.id}
          to={`/subsidies/applications/${r.id}`}
          main={`${r.company.name} ${r.title}`}
          side={r.overdue ? t("home.work.overdue", { days: -r.daysLeft }) : displayDate(r.reportDueOn)}
          alert={r.overdue}
        />
      ))}
    </WorkCard>
  );
}
