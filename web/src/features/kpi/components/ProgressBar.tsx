import { Box, Group, Progress, Text, Tooltip } from "@mantine/core";
import type { KpiIndicator } from "@shien/contracts";
import { type MessageKey, useI18n } from "../../../lib/i18n";
import { formatProgress } from "../format";
import { expectedProgress, type PaceStatus, paceColor, paceStatus } from "../pace";

const paceLabelKey = {
  ahead: "kpi.pace.ahead",
  close: "kpi.pace.close",
  behind: "kpi.pace.behind",
} as const satisfies Record<PaceStatus, MessageKey>;

/**
 * 進捗率 as a bar and a percentage, coloured by pace: the bar is compared with where the year
 * stands at the as-of date (the thin mark on the bar), so 40% in September is on pace and 40% in
 * February is not. A ratio is compared with its whole target.
 */
export function ProgressBar({
  indicator,
  share,
  width = 140,
  size = "md",
}: {
  indicator: KpiIndicator;
  share: number;
  width?: number;
  size?: "md" | "lg";
}) {
  const { t } = useI18n();
  const status = paceStatus(indicator, share);
  const progress = indicator.progress;
  const expected = expectedProgress(indicator, share);
  const tooltip =
    status === null
      ? t("kpi.pace.none")
      : t("kpi.pace.tooltip", {
          status: t(paceLabelKey[status]),
          expected: formatProgress(Math.round(expected * 10) / 10),
        });
  if (progress === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="kpi-progress" data-pace="none">
        {formatProgress(null)}
      </Text>
    );
  }
  return (
    <Tooltip label={tooltip} withArrow>
      <Group gap="xs" wrap="nowrap" data-pace={status ?? "none"}>
        <Box pos="relative" w={width} style={{ flexShrink: 0 }}>
          <Progress
            value={Math.min(100, Math.max(0, progress))}
            color={status ? paceColor[status] : "gray"}
            size={size}
            radius="sm"
            aria-label={t("kpi.col.progress")}
          />
          {status !== null && indicator.cumulative && (
            <Box
              pos="absolute"
              top={-3}
              bottom={-3}
              left={`calc(${Math.min(100, expected)}% - 1px)`}
              w={2}
              bg="dark.3"
              style={{ borderRadius: 1 }}
              aria-hidden
            />
          )}
        </Box>
        <Text
          size={size === "lg" ? "lg" : "sm"}
          fw={600}
          c={status ? `${paceColor[status]}.8` : "dimmed"}
          style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}
          data-testid="kpi-progress"
        >
          {formatProgress(progress)}
        </Text>
      </Group>
    </Tooltip>
  );
}
