import { Button, Card, Group, Pagination, Select, Text } from "@mantine/core";
import type { SubsidyStatus } from "@shien/contracts";
import { IconFileImport, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel } from "../../../lib/numbers";
import { useMe } from "../../auth/queries";
import { canRecordSupport } from "../../support/access";
import { currentFiscalYear } from "../../support/format";
import { ApplicationsImportModal } from "../components/ApplicationsImportModal";
import { ApplicationsTable } from "../components/ApplicationsTable";
import { ApplicationsXlsxButton } from "../components/ApplicationsXlsxButton";
import { SUBSIDY_STATUSES, subsidyStatusLabelKey } from "../labels";
import { useApplications, useSubsidyPrograms } from "../queries";

const PAGE_SIZE = 50;

/** 補助金申請の一覧, filtered by year, program and status (kept in the address, so links can name them). */
export function ApplicationsPage() {
  const { t } = useI18n();
  const user = useMe().data?.user;
  const thisYear = currentFiscalYear();
  const [params, setParams] = useSearchParams();
  const fiscalYear = Number(params.get("fiscalYear") ?? thisYear) || thisYear;
  const programId = params.get("programId");
  const status = params.get("status") as SubsidyStatus | null;
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const [importing, setImporting] = useState(false);
  const programs = useSubsidyPrograms(fiscalYear).data ?? [];
  const list = useApplications({ fiscalYear, subsidyProgramId: programId, status, page, pageSize: PAGE_SIZE });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ page: null, ...patch })) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const newPath = programId
    ? `/subsidies/applications/new?programId=${encodeURIComponent(programId)}`
    : "/subsidies/applications/new";

  return (
    <>
      <PageHeader
        title={t("subsidies.applications.title")}
        description={t("subsidies.applications.description")}
        actions={
          canRecordSupport(user) && (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} />}
                onClick={() => setImporting(true)}
                data-testid="applications-import-open"
              >
                {t("subsidies.import.open")}
              </Button>
              <Button component={Link} to={newPath} leftSection={<IconPlus size={16} />} data-testid="applications-new">
                {t("subsidies.applications.new")}
              </Button>
            </Group>
          )
        }
      />
      <Card withBorder padding="md">
        <Group gap="sm" mb="md" align="flex-end">
          <Select
            label={t("support.fiscalYear")}
            data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: fiscalYearLabel(y) }))}
            value={String(fiscalYear)}
            onChange={(v) => update({ fiscalYear: v === String(thisYear) ? null : v, programId: null })}
            allowDeselect={false}
            w={230}
            data-testid="applications-fiscal-year"
          />
          <Select
            label={t("subsidies.program")}
            placeholder={t("support.all")}
            data={programs.map((p) => ({ value: p.id, label: `${p.program.code} ${p.program.name}` }))}
            value={programId}
            onChange={(v) => update({ programId: v })}
            clearable
            w={340}
            data-testid="applications-program"
          />
          <Select
            label={t("support.status")}
            placeholder={t("support.all")}
            data={SUBSIDY_STATUSES.map((s) => ({ value: s, label: t(subsidyStatusLabelKey[s]) }))}
            value={status}
            onChange={(v) => update({ status: v })}
            clearable
            w={200}
            data-testid="applications-status"
          />
          <ApplicationsXlsxButton fiscalYear={fiscalYear} subsidyProgramId={programId} status={status} />
        </Group>
        <QueryState isPending={list.isPending} error={list.error}>
          {items.length === 0 ? (
            <Text c="dimmed" ta="center" py="lg" data-testid="applications-empty">
              {t("subsidies.applications.empty")}
            </Text>
          ) : (
            <>
              <ApplicationsTable items={items} programs={programs} />
              <Group justify="space-between" mt="md">
                <Text size="sm" c="dimmed">
                  {t("support.total", { total })}
                </Text>
                {total > PAGE_SIZE && (
                  <Pagination
                    total={Math.ceil(total / PAGE_SIZE)}
                    value={page}
                    onChange={(p) => update({ page: String(p) })}
                    size="sm"
                  />
                )}
              </Group>
            </>
          )}
        </QueryState>
      </Card>
      {importing && <ApplicationsImportModal onClose={() => setImporting(false)} />}
    </>
  );
}
