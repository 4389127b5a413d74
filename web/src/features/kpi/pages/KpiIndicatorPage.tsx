import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import type { KpiIndicator } from "@shien/contracts";
import { IconArrowLeft, IconDownload, IconLock, IconPencilPlus } from "@tabler/icons-react";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { PageHeader } from "../../../components/PageHeader";
import { QueryState } from "../../../components/QueryState";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel, formatCount } from "../../../lib/numbers";
import { useMe } from "../../auth/queries";
import { categoryLabelKey } from "../../plans/labels";
import { canEnterManualFigures } from "../access";
import { FactsTable } from "../components/FactsTable";
import { ManualFigureModal } from "../components/ManualFigureModal";
import { MeasureBadge } from "../components/MeasureBadge";
import { ProgressBar } from "../components/ProgressBar";
import { readYearAndAsOf, writeDashboardParams } from "../dashboard-params";
import { DASH, formatFigure, formatProgress } from "../format";
import { categoryColor, feedLabelKey } from "../labels";
import { elapsedShare } from "../pace";
import { type FactPart, factsCsvUrl, useKpiDashboard, useKpiFacts } from "../queries";

/** recharts is most of this page's weight: the figures and the facts show while it loads. */
const TrendChart = lazy(async () => ({ default: (await import("../components/TrendChart")).TrendChart }));

const PAGE_SIZE = 50;
const NUMERIC = { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** 計画・実績・進捗率 of the indicator, and its chart. */
function IndicatorHeader({
  indicator,
  fiscalYear,
  asOf,
  onManual,
}: {
  indicator: KpiIndicator;
  fiscalYear: number;
  asOf: string;
  onManual: (() => void) | null;
}) {
  const { t, displayDate } = useI18n();
  const share = elapsedShare(fiscalYear, asOf);
  return (
    <>
      <Card withBorder padding="md" mb="md" data-testid="kpi-indicator-header">
        <Group justify="space-between" mb="sm">
          <Group gap="xs">
            <Badge variant="light" color={categoryColor[indicator.category]}>
              {t(categoryLabelKey[indicator.category])}
            </Badge>
            <MeasureBadge indicator={indicator} />
            <Text size="sm" c="dimmed">
              {fiscalYearLabel(fiscalYear)} ・ {t("kpi.asOfDate", { date: displayDate(asOf) })}
            </Text>
          </Group>
          {onManual && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPencilPlus size={14} />}
              onClick={onManual}
              data-testid="kpi-manual-open"
            >
              {t("kpi.manual.open")}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <Figure label={t("kpi.col.target")}>
            <Text fz={24} fw={700} style={NUMERIC}>
              <span data-testid="kpi-target">
                {indicator.target === null ? (indicator.targetText ?? DASH) : formatCount(indicator.target)}
              </span>
              {indicator.target !== null && (
                <Text span size="sm" c="dimmed" fw={400} ml={4}>
                  {indicator.unit}
                </Text>
              )}
            </Text>
          </Figure>
          <Figure label={t("kpi.col.actual")}>
            <Text fz={24} fw={700} style={NUMERIC}>
              <span data-testid="kpi-actual">{formatFigure(indicator.actual, indicator)}</span>
              {indicator.actual !== null && (
                <Text span size="sm" c="dimmed" fw={400} ml={4}>
                  {indicator.unit}
                </Text>
              )}
            </Text>
          </Figure>
          <Figure label={t("kpi.col.progress")}>
            {indicator.target === null ? (
              <Text c="dimmed">{t("kpi.noTarget")}</Text>
            ) : (
              <>
                <ProgressBar indicator={indicator} share={share} width={220} size="lg" />
                {indicator.cumulative && (
                  <Text size="xs" c="dimmed" data-testid="kpi-expected">
                    {t("kpi.expected", {
                      value: formatCount(Math.round(indicator.target * share)),
                      unit: indicator.unit,
                      share: formatProgress(Math.round(share * 1000) / 10),
                    })}
                  </Text>
                )}
              </>
            )}
          </Figure>
        </SimpleGrid>
        {indicator.breakdown && (
          <Table mt="md" maw={560} data-testid="kpi-breakdown-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("kpi.breakdown")}</Table.Th>
                <Table.Th ta="right">{t("kpi.col.target")}</Table.Th>
                <Table.Th ta="right">{t("kpi.col.actual")}</Table.Th>
                <Table.Th ta="right">{t("kpi.col.progress")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {indicator.breakdown.map((part) => (
                <Table.Tr key={part.label}>
                  <Table.Td>{part.label}</Table.Td>
                  <Table.Td ta="right" style={NUMERIC}>
                    {part.target === null ? DASH : formatCount(part.target)}
                  </Table.Td>
                  <Table.Td ta="right" style={NUMERIC}>
                    {formatFigure(part.actual, indicator)}
                  </Table.Td>
                  <Table.Td ta="right" style={NUMERIC}>
                    {formatProgress(part.progress)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder padding="md" mb="md">
        <Title order={2} size="h5" mb="sm">
          {t("kpi.chart.title")}
        </Title>
        {indicator.monthly.every((v) => v === null) ? (
          <Text c="dimmed" size="sm" data-testid="kpi-chart-empty">
            {indicator.measure === "pending" && indicator.feed
              ? t("kpi.pendingNote", { module: t(feedLabelKey[indicator.feed]) })
              : t("kpi.chart.empty")}
          </Text>
        ) : (
          <Suspense fallback={<Skeleton h={300} />}>
            <TrendChart indicator={indicator} fiscalYear={fiscalYear} />
          </Suspense>
        )}
      </Card>
    </>
  );
}

/**
 * Drill-down: one indicator's figure and the activity facts behind it, each linked to its business
 * and to the record it came from. Facts of confidential programs the reader may not open are
 * counted but not listed; the notices say whom to ask.
 */
export function KpiIndicatorPage() {
  const { t, locale } = useI18n();
  const { indicatorId = "" } = useParams();
  const [search] = useSearchParams();
  const { fiscalYear, asOf } = readYearAndAsOf(search);
  const user = useMe().data?.user;
  const [part, setPart] = useState<FactPart>("numerator");
  const [page, setPage] = useState(1);
  const [manualOpen, setManualOpen] = useState(false);
  const dashboard = useKpiDashboard({ fiscalYear, asOf });
  const indicator = dashboard.data?.items.find((i) => i.indicatorId === indicatorId);
  const countedTo = dashboard.data?.asOf ?? asOf;
  const isRatio = indicator?.measure === "ratio";
  const facts = useKpiFacts(indicatorId, {
    fiscalYear,
    asOf,
    part: isRatio ? part : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const data = facts.data;
  const title = indicator?.name ?? data?.indicator.name ?? t("kpi.drill.title");
  const programCode = indicator?.programCode ?? data?.indicator.programCode ?? "";
  const backTo = `/kpi?${writeDashboardParams({ fiscalYear, asOf, departmentId: null, section: null, category: null })}`;
  const mayEnter =
    indicator?.measure === "manual" &&
    canEnterManualFigures(
      user,
      indicator.departments.map((d) => d.id),
    );

  return (
    <>
      <Anchor component={Link} to={backTo} size="sm" mb="xs" display="inline-block" data-testid="kpi-back">
        <IconArrowLeft size={14} style={{ verticalAlign: "-2px" }} aria-hidden /> {t("kpi.drill.back")}
      </Anchor>
      <PageHeader
        title={title}
        description={`${programCode} ${indicator?.programName ?? ""}`.trim()}
        actions={
          <Button
            component="a"
            href={factsCsvUrl(indicatorId, { fiscalYear, asOf, ...(isRatio ? { part } : {}) })}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
            data-testid="kpi-facts-csv"
          >
            {t("kpi.drill.csv")}
          </Button>
        }
      />
      <QueryState isPending={dashboard.isPending} error={dashboard.error}>
        {indicator ? (
          <IndicatorHeader
            indicator={indicator}
            fiscalYear={fiscalYear}
            asOf={countedTo}
            onManual={mayEnter ? () => setManualOpen(true) : null}
          />
        ) : null}
      </QueryState>
      <Card withBorder padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h5">
            {t("kpi.drill.factsTitle")}
          </Title>
          {isRatio && (
            <SegmentedControl
              value={part}
              onChange={(v) => {
                setPart(v as FactPart);
                setPage(1);
              }}
              data={[
                { value: "numerator", label: t("kpi.drill.numerator") },
                { value: "denominator", label: t("kpi.drill.denominator") },
              ]}
              data-testid="kpi-part"
            />
          )}
        </Group>
        {data && data.hidden > 0 && (
          <Text size="sm" c="dimmed" mb="xs" data-testid="kpi-hidden">
            <IconLock size={14} style={{ verticalAlign: "-2px" }} aria-hidden />{" "}
            {t("kpi.drill.hidden", { count: formatCount(data.hidden) })}
          </Text>
        )}
        {data?.confidentialNotices.map((n) => (
          <Alert
            key={n.departmentId}
            color="blue"
            icon={<IconLock size={18} />}
            mb="sm"
            data-testid="kpi-confidential-notice"
          >
            {/* The server's sentence is Japanese; in English the same facts are said from here. */}
            {locale === "ja" ? n.message : t("timeline.confidentialNotice", { department: n.departmentName })}
          </Alert>
        ))}
        <QueryState isPending={facts.isPending} error={facts.error}>
          {data && data.items.length === 0 ? (
            <Text c="dimmed" size="sm" ta="center" py="md" data-testid="kpi-facts-empty">
              {data.total > 0 ? t("kpi.drill.allHidden") : t("kpi.drill.empty")}
            </Text>
          ) : (
            data && (
              <Stack gap="sm" style={{ opacity: facts.isPlaceholderData ? 0.6 : 1 }}>
                <FactsTable items={data.items} />
                <Group justify="space-between">
                  <Text size="sm" c="dimmed" data-testid="kpi-facts-total">
                    {t("kpi.drill.total", { total: formatCount(data.total) })}
                  </Text>
                  {data.total - data.hidden > PAGE_SIZE && (
                    <Pagination
                      total={Math.ceil((data.total - data.hidden) / PAGE_SIZE)}
                      value={page}
                      onChange={setPage}
                      size="sm"
                      data-testid="kpi-facts-pagination"
                    />
                  )}
                </Group>
              </Stack>
            )
          )}
        </QueryState>
      </Card>
      {manualOpen && indicator && (
        <ManualFigureModal
          indicator={indicator}
          fiscalYear={fiscalYear}
          asOf={countedTo}
          onClose={() => setManualOpen(false)}
        />
      )}
    </>
  );
}
