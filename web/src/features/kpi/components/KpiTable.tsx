import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { IndicatorCategory, KpiIndicator, SessionUser } from "@shien/contracts";
import { IconPencilPlus } from "@tabler/icons-react";
import { Fragment } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../../lib/i18n";
import { fiscalYearLabel, formatCount } from "../../../lib/numbers";
import { categoryLabelKey } from "../../plans/labels";
import { canEnterManualFigures } from "../access";
import { DASH, formatFigure, formatProgress } from "../format";
import { categoryColor, categoryHeadingKey } from "../labels";
import { paceColor, paceStatus, trendPoints } from "../pace";
import { drillPath } from "../queries";
import { MeasureBadge } from "./MeasureBadge";
import { ProgressBar } from "./ProgressBar";
import { Sparkline } from "./Sparkline";

const NUMERIC = { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" } as const;
const COLUMNS = 7;

interface ProgramGroup {
  programId: string;
  programCode: string;
  programName: string;
  section: string | null;
  departments: string;
  items: KpiIndicator[];
}

/** The indicators of one category grouped by program, programs in the order the plan lists them. */
function byProgram(items: readonly KpiIndicator[]): ProgramGroup[] {
  const groups = new Map<string, ProgramGroup>();
  for (const item of items) {
    let group = groups.get(item.programId);
    if (!group) {
      group = {
        programId: item.programId,
        programCode: item.programCode,
        programName: item.programName,
        section: item.section,
        departments: item.departments.map((d) => d.name).join("・"),
        items: [],
      };
      groups.set(item.programId, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/** 計画: the number with its unit, or the words the plan prints instead ("-", 未定). */
/** One small line per 内訳 (国内 / 外国 …) under a cell: its target, actual or 進捗率. */
function BreakdownLines({
  indicator,
  value,
}: {
  indicator: KpiIndicator;
  value: (part: NonNullable<KpiIndicator["breakdown"]>[number]) => string;
}) {
  if (!indicator.breakdown) return null;
  return (
    <Stack gap={0} mt={2}>
      {indicator.breakdown.map((part) => (
        <Text key={part.label} size="xs" c="dimmed" style={NUMERIC} data-testid="kpi-breakdown" data-label={part.label}>
          {part.label} {value(part)}
        </Text>
      ))}
    </Stack>
  );
}

function TargetText({ indicator }: { indicator: KpiIndicator }) {
  if (indicator.target === null && indicator.breakdown) {
    return <BreakdownLines indicator={indicator} value={(p) => (p.target === null ? DASH : formatCount(p.target))} />;
  }
  if (indicator.target === null) {
    // The plan's words can be long (今後、国と協議予定): small, so the figures' column stays narrow.
    return (
      <Text size="xs" c="dimmed" data-testid="kpi-target">
        {indicator.targetText ?? DASH}
      </Text>
    );
  }
  return (
    <Text size="sm" style={NUMERIC}>
      <span data-testid="kpi-target">{formatCount(indicator.target)}</span>
      <Text span size="xs" c="dimmed" ml={2}>
        {indicator.unit}
      </Text>
    </Text>
  );
}

function IndicatorRow({
  indicator,
  fiscalYear,
  asOf,
  share,
  user,
  onManual,
}: {
  indicator: KpiIndicator;
  fiscalYear: number;
  asOf: string;
  share: number;
  user: SessionUser | undefined;
  onManual: (indicator: KpiIndicator) => void;
}) {
  const { t } = useI18n();
  const status = paceStatus(indicator, share);
  const points = trendPoints(indicator, fiscalYear);
  const lastActual = [...points].reverse().find((p) => p.actual !== null)?.actual ?? null;
  const mayEnter =
    indicator.measure === "manual" &&
    canEnterManualFigures(
      user,
      indicator.departments.map((d) => d.id),
    );
  return (
    <Table.Tr
      data-testid="kpi-row"
      data-indicator-id={indicator.indicatorId}
      data-program-code={indicator.programCode}
      data-indicator-name={indicator.name}
      data-category={indicator.category}
      data-measure={indicator.measure ?? "none"}
      data-actual={indicator.actual ?? ""}
      data-progress={indicator.progress ?? ""}
    >
      <Table.Td>
        <Badge size="sm" variant="light" color={categoryColor[indicator.category]} miw="max-content">
          {t(categoryLabelKey[indicator.category])}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <Anchor
            component={Link}
            to={drillPath(indicator.indicatorId, fiscalYear, asOf)}
            size="sm"
            data-testid="kpi-drill"
          >
            {indicator.name}
          </Anchor>
          <MeasureBadge indicator={indicator} />
        </Stack>
      </Table.Td>
      <Table.Td ta="right">
        <TargetText indicator={indicator} />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600} style={NUMERIC}>
          <span data-testid="kpi-actual">{formatFigure(indicator.actual, indicator)}</span>
          {indicator.actual !== null && (
            <Text span size="xs" c="dimmed" fw={400} ml={2}>
              {indicator.unit}
            </Text>
          )}
        </Text>
        <BreakdownLines indicator={indicator} value={(p) => formatFigure(p.actual, indicator)} />
      </Table.Td>
      <Table.Td>
        {indicator.target !== null && <ProgressBar indicator={indicator} share={share} />}
        <BreakdownLines indicator={indicator} value={(p) => formatProgress(p.progress)} />
      </Table.Td>
      <Table.Td>
        <Sparkline
          points={points}
          color={status ? paceColor[status] : "blue"}
          label={t("kpi.trendLabel", {
            actual: formatFigure(lastActual, indicator),
            progress: formatProgress(indicator.progress),
          })}
        />
      </Table.Td>
      <Table.Td>
        {mayEnter && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconPencilPlus size={14} />}
            onClick={() => onManual(indicator)}
            data-testid="kpi-manual-open"
          >
            {t("kpi.manual.open")}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** One category's indicators (重点, 活動 or 参考) in a card, under their programs' headings. */
export function KpiCategoryTable({
  category,
  items,
  fiscalYear,
  asOf,
  share,
  user,
  onManual,
}: {
  category: IndicatorCategory;
  items: readonly KpiIndicator[];
  fiscalYear: number;
  asOf: string;
  share: number;
  user: SessionUser | undefined;
  onManual: (indicator: KpiIndicator) => void;
}) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" data-testid={`kpi-category-${category}`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {t(categoryHeadingKey[category])}
        </Title>
        <Text size="sm" c="dimmed">
          {t("kpi.indicatorCount", { count: items.length, year: fiscalYearLabel(fiscalYear) })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={1000}>
        <Table verticalSpacing={6} highlightOnHover layout="fixed" data-testid="kpi-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={84}>{t("kpi.col.category")}</Table.Th>
              <Table.Th>{t("kpi.col.indicator")}</Table.Th>
              <Table.Th w={130} ta="right">
                {t("kpi.col.target")}
              </Table.Th>
              <Table.Th w={110} ta="right">
                {t("kpi.col.actual")}
              </Table.Th>
              <Table.Th w={210}>{t("kpi.col.progress")}</Table.Th>
              <Table.Th w={136}>{t("kpi.col.trend")}</Table.Th>
              <Table.Th w={128} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {byProgram(items).map((group) => (
              <Fragment key={group.programId}>
                <Table.Tr
                  bg="var(--mantine-color-gray-0)"
                  data-testid="kpi-program"
                  data-program-code={group.programCode}
                >
                  <Table.Td colSpan={COLUMNS}>
                    <Group gap="xs" wrap="wrap">
                      <Text span ff="monospace" size="sm" fw={600}>
                        {group.programCode}
                      </Text>
                      <Text span size="sm" fw={600}>
                        {group.programName}
                      </Text>
                      {group.section && (
                        <Text span size="xs" c="dimmed">
                          {group.section}
                        </Text>
                      )}
                      {group.departments && (
                        <Text span size="xs" c="dimmed">
                          ／ {group.departments}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {group.items.map((indicator) => (
                  <IndicatorRow
                    key={indicator.indicatorId}
                    indicator={indicator}
                    fiscalYear={fiscalYear}
                    asOf={asOf}
                    share={share}
                    user={user}
                    onManual={onManual}
                  />
                ))}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
