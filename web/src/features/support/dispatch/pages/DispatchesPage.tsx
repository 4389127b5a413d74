import { Button, Card, Group, Pagination, Select, Text, Title } from "@mantine/core";
import type { Dispatch, DispatchAction, DispatchStatus } from "@shien/contracts";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { PageHeader } from "../../../../components/PageHeader";
import { QueryState } from "../../../../components/QueryState";
import { useI18n } from "../../../../lib/i18n";
import { fiscalYearLabel } from "../../../../lib/numbers";
import { useMe } from "../../../auth/queries";
import { canApproveFor, canRecordSupport, canWriteFor } from "../../access";
import { currentFiscalYear } from "../../format";
import { DISPATCH_STATUSES, dispatchStatusLabelKey } from "../../labels";
import { DispatchActionModal } from "../components/DispatchActionModal";
import { DispatchesTable } from "../components/DispatchesTable";
import { DispatchRequestModal } from "../components/DispatchRequestModal";
import { FramesCard } from "../components/FramesCard";
import { useDispatches, useFrames } from "../queries";

const PAGE_SIZE = 50;

/** 専門家派遣: the year's 枠 and how full they are, the dispatches, 申請 and each dispatch's next move. */
export function DispatchesPage() {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const thisYear = currentFiscalYear();
  const [fiscalYear, setFiscalYear] = useState(thisYear);
  const [frameId, setFrameId] = useState<string | null>(null);
  const [status, setStatus] = useState<DispatchStatus | null>(null);
  const [page, setPage] = useState(1);
  const [requesting, setRequesting] = useState(false);
  const [acting, setActing] = useState<{ dispatch: Dispatch; action: DispatchAction } | null>(null);
  const frames = useFrames(fiscalYear).data ?? [];
  const list = useDispatches({ fiscalYear, frameId, status, page, pageSize: PAGE_SIZE });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  const mayDo = (d: Dispatch, action: DispatchAction) =>
    action === "approve" || action === "reject"
      ? canApproveFor(user, [d.department.id])
      : canWriteFor(user, [d.department.id]);

  return (
    <>
      <PageHeader
        title={t("dispatches.title")}
        description={t("dispatches.description")}
        actions={
          <>
            <Select
              aria-label={t("support.fiscalYear")}
              data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({
                value: String(y),
                label: fiscalYearLabel(y),
              }))}
              value={String(fiscalYear)}
              onChange={(v) => {
                setFiscalYear(Number(v ?? thisYear));
                setFrameId(null);
                setPage(1);
              }}
              allowDeselect={false}
              w={230}
              data-testid="dispatches-fiscal-year"
            />
            {canRecordSupport(user) && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setRequesting(true)}
                data-testid="dispatches-new"
              >
                {t("dispatches.new")}
              </Button>
            )}
          </>
        }
      />
      <FramesCard fiscalYear={fiscalYear} />
      <Card withBorder padding="md">
        <Title order={2} size="h5" mb="sm">
          {t("dispatches.listTitle")}
        </Title>
        <Group gap="sm" mb="md" align="flex-end">
          <Select
            label={t("dispatches.frame")}
            placeholder={t("support.all")}
            data={frames.map((f) => ({ value: f.id, label: `${f.program.code} ${f.name}` }))}
            value={frameId}
            onChange={(v) => {
              setFrameId(v);
              setPage(1);
            }}
            clearable
            w={260}
            data-testid="dispatches-frame"
          />
          <Select
            label={t("support.status")}
            placeholder={t("support.all")}
            data={DISPATCH_STATUSES.map((s) => ({ value: s, label: t(dispatchStatusLabelKey[s]) }))}
            value={status}
            onChange={(v) => {
              setStatus(v as DispatchStatus | null);
              setPage(1);
            }}
            clearable
            w={180}
            data-testid="dispatches-status"
          />
        </Group>
        <QueryState isPending={list.isPending} error={list.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="dispatches-empty">
              {t("dispatches.empty")}
            </Text>
          ) : (
            <>
              <DispatchesTable
                items={items}
                mayDo={mayDo}
                onAction={(dispatch, action) => setActing({ dispatch, action })}
              />
              <Group justify="space-between" mt="md">
                <Text size="sm" c="dimmed">
                  {t("support.total", { total })}
                </Text>
                {total > PAGE_SIZE && (
                  <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
                )}
              </Group>
            </>
          )}
        </QueryState>
      </Card>
      {requesting && <DispatchRequestModal fiscalYear={fiscalYear} onClose={() => setRequesting(false)} />}
      {acting && (
        <DispatchActionModal dispatch={acting.dispatch} action={acting.action} onClose={() => setActing(null)} />
      )}
    </>
  );
}
