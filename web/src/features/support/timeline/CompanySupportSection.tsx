import { Alert, Button, Card, Group, Pagination, Stack, Text, Title } from "@mantine/core";
import { IconLock, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { useDepartments } from "../../admin/queries";
import { useMe } from "../../auth/queries";
import { canRecordSupport } from "../access";
import { DispatchesTable } from "../dispatch/components/DispatchesTable";
import { useDispatches } from "../dispatch/queries";
import { ReferralsTable } from "../referrals/components/ReferralsTable";
import { useReferrals } from "../referrals/queries";
import { EMPTY_TIMELINE_FILTERS, useTimeline } from "./queries";
import { TimelineFilterBar } from "./TimelineFilterBar";
import { TimelineTable } from "./TimelineTable";

const PAGE_SIZE = 50;

/**
 * 支援履歴 on a company's page: every department's facts about the business (and, by default, its
 * 名寄せ siblings) newest first; confidential support the reader may not see is only named, with
 * the department to ask. Below it, the business's referrals and expert dispatches.
 */
export function CompanySupportSection({ companyId }: { companyId: string }) {
  const { t, locale } = useI18n();
  const mayRecord = canRecordSupport(useMe().data?.user);
  const departments = new Map((useDepartments().data ?? []).map((d) => [d.id, d.name]));
  const [filters, setFilters] = useState(EMPTY_TIMELINE_FILTERS);
  const [page, setPage] = useState(1);
  const timeline = useTimeline(companyId, filters, page, PAGE_SIZE);
  const referrals = useReferrals({ box: "all", companyId, pageSize: 200 });
  const dispatches = useDispatches({ companyId, pageSize: 200 });
  const data = timeline.data;
  const total = data?.total ?? 0;

  return (
    <Stack data-testid="company-support">
      <Card withBorder padding="md" data-testid="company-timeline">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h5">
            {t("timeline.title")}
          </Title>
          {mayRecord && (
            <Button
              size="xs"
              component={Link}
              to={`/support/consultations/new?companyId=${encodeURIComponent(companyId)}`}
              leftSection={<IconPlus size={14} />}
              data-testid="timeline-record-consultation"
            >
              {t("timeline.recordConsultation")}
            </Button>
          )}
        </Group>
        {data?.confidentialNotices.map((n) => (
          <Alert
            key={n.departmentId}
            color="blue"
            icon={<IconLock size={18} />}
            mb="sm"
            data-testid="timeline-confidential-notice"
          >
            {/* The server's sentence is Japanese; in English the same facts are said from here. */}
            {locale === "ja" ? n.message : t("timeline.confidentialNotice", { department: n.departmentName })}
          </Alert>
        ))}
        <TimelineFilterBar
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
        <QueryState isPending={timeline.isPending} error={timeline.error}>
          {data && data.items.length === 0 ? (
            <Text c="dimmed" size="sm" ta="center" py="md" data-testid="timeline-empty">
              {t("timeline.empty")}
            </Text>
          ) : (
            data && (
              <>
                <TimelineTable items={data.items} companyId={companyId} departments={departments} />
                <Group justify="space-between" mt="sm">
                  <Text size="sm" c="dimmed" data-testid="timeline-total">
                    {t("support.total", { total })}
                    {data.companyIds.length > 1 && ` ${t("timeline.siblingCount", { count: data.companyIds.length })}`}
                  </Text>
                  {total > PAGE_SIZE && (
                    <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
                  )}
                </Group>
              </>
            )
          )}
        </QueryState>
      </Card>
      <Card withBorder padding="md" data-testid="company-referrals">
        <Title order={2} size="h5" mb="sm">
          {t("timeline.referrals")}
        </Title>
        <QueryState isPending={referrals.isPending} error={referrals.error}>
          {(referrals.data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed" size="sm">
              {t("timeline.noReferrals")}
            </Text>
          ) : (
            <ReferralsTable items={referrals.data?.items ?? []} showCompany={false} />
          )}
        </QueryState>
      </Card>
      <Card withBorder padding="md" data-testid="company-dispatches">
        <Title order={2} size="h5" mb="sm">
          {t("timeline.dispatches")}
        </Title>
        <QueryState isPending={dispatches.isPending} error={dispatches.error}>
          {(dispatches.data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed" size="sm">
              {t("timeline.noDispatches")}
            </Text>
          ) : (
            <DispatchesTable items={dispatches.data?.items ?? []} showCompany={false} />
          )}
        </QueryState>
      </Card>
    </Stack>
  );
}
