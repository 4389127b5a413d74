import "@mantine/charts/styles.css";
import { CompositeChart, LineChart } from "@mantine/charts";
import type { KpiIndicator } from "@shien/contracts";
import { useI18n } from "../../../lib/i18n";
import { formatFigure, shortMonth } from "../format";
import { trendPoints } from "../pace";

/**
 * The drill-down's chart, months April→March on the x axis. Figures that add up over the year:
 * each month's amount as bars, the year to date as a line, and the dashed target pace
 * (target × month/12). A running value (a ratio): its value at each month's end against the target.
 * Months after the as-of date have no actual and are left empty.
 */
export function TrendChart({ indicator, fiscalYear }: { indicator: KpiIndicator; fiscalYear: number }) {
  const { t, locale } = useI18n();
  const data = trendPoints(indicator, fiscalYear).map((p) => ({
    ...p,
    // 730 × 1/12 = 60.83…: the pace is a guide, one decimal is plenty.
    pace: p.pace === null ? null : Math.round(p.pace * 10) / 10,
    label: shortMonth(p.month, locale),
  }));
  const format = (v: number) => formatFigure(v, indicator);
  const pace =
    indicator.target === null
      ? []
      : [
          {
            name: "pace",
            label: t(indicator.cumulative ? "kpi.chart.pace" : "kpi.chart.target"),
            color: "gray.6",
            strokeDasharray: "6 4",
          },
        ];

  if (!indicator.cumulative) {
    return (
      <LineChart
        h={280}
        data={data}
        dataKey="label"
        series={[{ name: "actual", label: t("kpi.chart.running"), color: "blue.6" }, ...pace]}
        curveType="linear"
        connectNulls={false}
        withLegend
        unit={indicator.unit === "%" ? "%" : undefined}
        valueFormatter={format}
        lineProps={(s) => (s.name === "pace" ? { dot: false, activeDot: false } : {})}
        data-testid="kpi-trend-chart"
      />
    );
  }
  return (
    <CompositeChart
      h={300}
      data={data}
      dataKey="label"
      series={[
        { name: "amount", label: t("kpi.chart.month"), color: "blue.2", type: "bar" },
        { name: "actual", label: t("kpi.chart.cumulative"), color: "blue.7", type: "line" },
        ...pace.map((p) => ({ ...p, type: "line" as const })),
      ]}
      curveType="linear"
      connectNulls={false}
      withLegend
      maxBarWidth={28}
      valueFormatter={format}
      lineProps={(s) => (s.name === "pace" ? { dot: false, activeDot: false } : {})}
      data-testid="kpi-trend-chart"
    />
  );
}
