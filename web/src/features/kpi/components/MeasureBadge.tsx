import { Badge, Tooltip } from "@mantine/core";
import type { KpiIndicator } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { feedLabelKey } from "../labels";

/**
 * How the figure comes about when it is not simply computed: 手入力 (entered monthly with its
 * evidence), 未計測 (a later module will write its facts, named), or no metric in the plan file.
 */
export function MeasureBadge({ indicator }: { indicator: KpiIndicator }) {
  const { t } = useI18n();
  if (indicator.measure === "manual") {
    return (
      <Badge size="sm" variant="outline" color="violet" data-testid="kpi-manual-badge">
        {t("kpi.manual")}
      </Badge>
    );
  }
  if (indicator.measure === "pending") {
    const module = indicator.feed ? t(feedLabelKey[indicator.feed]) : t("kpi.feed.unknown");
    return (
      <Badge size="sm" variant="light" color="gray" data-testid="kpi-pending-badge" style={{ textTransform: "none" }}>
        {t("kpi.pending", { module })}
      </Badge>
    );
  }
  if (indicator.measure === null) {
    return (
      <Tooltip label={t("kpi.noMetricHint")} withArrow>
        <Badge size="sm" variant="light" color="gray" data-testid="kpi-nometric-badge">
          {t("kpi.noMetric")}
        </Badge>
      </Tooltip>
    );
  }
  return null;
}
