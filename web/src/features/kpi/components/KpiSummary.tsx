import { Card, Group, SimpleGrid, Text } from "@mantine/core";
import type { KpiIndicator } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { paceStatus } from "../pace";

export interface KpiCounts {
  withTarget: number;
  onPace: number;
  /** Behind the pace, the nearly-there included. */
  behind: number;
  /** With a target but no actual yet: 未計測, no metric, a ratio over nothing. */
  unmeasured: number;
}

export function countIndicators(items: readonly KpiIndicator[], share: number): KpiCounts {
  const counts: KpiCounts = { withTarget: 0, onPace: 0, behind: 0, unmeasured: 0 };
  for (const item of items) {
    if (item.target === null) continue;
    counts.withTarget += 1;
    const status = paceStatus(item, share);
    if (status === null) counts.unmeasured += 1;
    else if (status === "ahead") counts.onPace += 1;
    else counts.behind += 1;
  }
  return counts;
}

function SummaryCard({
  label,
  value,
  hint,
  color,
  testId,
}: {
  label: string;
  value: number;
  hint: string;
  color?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Group gap={4} align="baseline">
        <Text fz={28} fw={700} c={color} style={{ fontVariantNumeric: "tabular-nums" }} data-testid={`${testId}-value`}>
          {value}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
}

/** 目標のある指標 / 順調 / 遅れ / 未計測, over the indicators the filters show. */
export function KpiSummary({ counts }: { counts: KpiCounts }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md" data-testid="kpi-summary">
      <SummaryCard
        label={t("kpi.summary.withTarget")}
        value={counts.withTarget}
        hint={t("kpi.summary.withTargetHint")}
        testId="kpi-summary-target"
      />
      <SummaryCard
        label={t("kpi.summary.onPace")}
        value={counts.onPace}
        hint={t("kpi.summary.onPaceHint")}
        color="teal.7"
        testId="kpi-summary-on-pace"
      />
      <SummaryCard
        label={t("kpi.summary.behind")}
        value={counts.behind}
        hint={t("kpi.summary.behindHint")}
        color={counts.behind > 0 ? "red.7" : undefined}
        testId="kpi-summary-behind"
      />
      <SummaryCard
        label={t("kpi.summary.unmeasured")}
        value={counts.unmeasured}
        hint={t("kpi.summary.unmeasuredHint")}
        color="gray.6"
        testId="kpi-summary-unmeasured"
      />
    </SimpleGrid>
  );
}
