import { Button, Card, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import type { IndicatorCategory, KpiIndicator } from "@shien/contracts";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel } from "../../../lib/numbers";
import { useDepartments } from "../../admin/queries";
import { useMe } from "../../auth/queries";
import { categoryLabelKey } from "../../plans/labels";
import { usePlans } from "../../plans/queries";
import { currentFiscalYear } from "../../support/format";
import { countIndicators, KpiSummary } from "../components/KpiSummary";
import { KpiCategoryTable } from "../components/KpiTable";
import { ManualFigureModal } from "../components/ManualFigureModal";
import { ReportDownload } from "../components/ReportDownload";
import { type DashboardParams, readDashboardParams, writeDashboardParams } from "../dashboard-params";
import { formatProgress } from "../format";
import { CATEGORY_ORDER } from "../labels";
import { defaultAsOf, elapsedShare, fiscalYearEnd, fiscalYearStart } from "../pace";
import { useKpiDashboard } from "../queries";

/** Years to offer: those with a plan, and the current one (its plan may not be imported yet). */
function useYearOptions(selected: number): number[] {
  const plans = usePlans().data ?? [];
  const years = new Set([currentFiscalYear(), selected, ...plans.map((p) => p.fiscalYear)]);
  return [...years].sort((a, b) => b - a);
}

/**
 * 実績・進捗: every indicator of the organization-year with its target, the actual computed from
 * the support records up to the as-of date, and 進捗率 against the pace of the year; 重点 first.
 */
export function KpiDashboardPage() {
  const { t, displayDate } = useI18n();
  const user = useMe().data?.user;
  const [search, setSearch] = useSearchParams();
  const params = readDashboardParams(search);
  const { fiscalYear, asOf, departmentId, section, category } = params;
  // From the address as it is now, not as this render saw it (the router renders in a transition,
  // and its functional update also hands over the rendered params): two quick changes both stick.
  const set = (patch: Partial<DashboardParams>) =>
    setSearch(writeDashboardParams({ ...readDashboardParams(new URLSearchParams(window.location.search)), ...patch }), {
      replace: true,
    });
  const years = useYearOptions(fiscalYear);
  const departments = useDepartments().data ?? [];
  const dashboard = useKpiDashboard({ fiscalYear, asOf, departmentId, category });
  const [manual, setManual] = useState<KpiIndicator | null>(null);

  const all = dashboard.data?.items ?? [];
  // The server may cap the as-of date to the year's end; the pace follows the date it counted to.
  const countedTo = dashboard.data?.asOf ?? asOf;
  const share = elapsedShare(fiscalYear, countedTo);
  const sections = [...new Set([...all.map((i) => i.section), section].filter((s): s is string => !!s))];
  const shown = section ? all.filter((i) => i.section === section) : all;
  const byCategory = CATEGORY_ORDER.map((c) => ({ category: c, items: shown.filter((i) => i.category === c) })).filter(
    (g) => g.items.length > 0,
  );
  const filtered = Boolean(departmentId || section || category);

  return (
    <>
      <PageHeader
        title={t("kpi.title")}
        description={t("kpi.description")}
        actions={
          <>
            <Select
              label={t("kpi.fiscalYear")}
              data={years.map((y) => ({ value: String(y), label: fiscalYearLabel(y) }))}
              value={String(fiscalYear)}
              onChange={(v) => {
                const next = Number(v ?? fiscalYear);
                set({ fiscalYear: next, asOf: defaultAsOf(next) });
              }}
              allowDeselect={false}
              w={230}
              data-testid="kpi-year"
            />
            <TextInput
              type="date"
              label={t("kpi.asOf")}
              value={asOf}
              min={fiscalYearStart(fiscalYear)}
              max={fiscalYearEnd(fiscalYear)}
              onChange={(e) => {
                const next = e.currentTarget.value;
                if (next) set({ asOf: next });
              }}
              w={170}
              data-testid="kpi-asof"
            />
          </>
        }
      />
      <Card withBorder padding="sm" mb="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t("kpi.department")}
              placeholder={t("kpi.all")}
              data={departments
                .filter((d) => !d.archived)
                .sort((a, b) => a.sortOrder - b.sortOrder)
                .map((d) => ({ value: d.id, label: d.name }))}
              value={departmentId}
              onChange={(v) => set({ departmentId: v })}
              clearable
              searchable
              w={200}
              data-testid="kpi-department"
            />
            <Select
              label={t("kpi.section")}
              placeholder={t("kpi.all")}
              data={sections}
              value={section}
              onChange={(v) => set({ section: v })}
              clearable
              w={240}
              data-testid="kpi-section"
            />
            <Select
              label={t("kpi.category")}
              placeholder={t("kpi.all")}
              data={CATEGORY_ORDER.map((c) => ({ value: c, label: t(categoryLabelKey[c]) }))}
              value={category}
              onChange={(v) => set({ category: (v as IndicatorCategory | null) ?? null })}
              clearable
              w={140}
              data-testid="kpi-category"
            />
            {filtered && (
              <Button
                variant="subtle"
                onClick={() => set({ departmentId: null, section: null, category: null })}
                data-testid="kpi-clear-filters"
              >
                {t("kpi.clearFilters")}
              </Button>
            )}
          </Group>
          <ReportDownload key={`${fiscalYear}-${asOf}`} fiscalYear={fiscalYear} asOf={asOf} />
        </Group>
      </Card>
      <QueryState isPending={dashboard.isPending} error={dashboard.error}>
        <Text size="sm" c="dimmed" mb="xs" data-testid="kpi-elapsed">
          {t("kpi.elapsed", {
            year: fiscalYearLabel(fiscalYear),
            date: displayDate(countedTo),
            share: formatProgress(Math.round(share * 1000) / 10),
          })}
        </Text>
        <KpiSummary counts={countIndicators(shown, share)} />
        {byCategory.length === 0 ? (
          <Card withBorder padding="lg">
            <Text c="dimmed" ta="center" data-testid="kpi-empty">
              {all.length === 0 && !filtered ? t("kpi.empty") : t("kpi.noMatch")}
            </Text>
          </Card>
        ) : (
          <Stack gap="md" style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}>
            {byCategory.map((g) => (
              <KpiCategoryTable
                key={g.category}
                category={g.category}
                items={g.items}
                fiscalYear={fiscalYear}
                asOf={countedTo}
                share={share}
                user={user}
                onManual={setManual}
              />
            ))}
          </Stack>
        )}
      </QueryState>
      {manual && (
        <ManualFigureModal
          indicator={manual}
          fiscalYear={fiscalYear}
          asOf={countedTo}
          onClose={() => setManual(null)}
        />
      )}
    </>
  );
}
