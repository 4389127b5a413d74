import type { TrendPoint } from "../pace";

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

/**
 * The dashboard row's tiny trend: actual year to date (or the running value of a ratio) against the
 * dashed target pace line, April→March. Plain SVG: a dashboard lists a hundred indicators and a
 * chart library's component per row would cost more than the picture is worth; the drill-down has
 * the full chart with axes.
 */
export function Sparkline({ points, color, label }: { points: TrendPoint[]; color: string; label: string }) {
  const values = points.flatMap((p) => [p.actual, p.pace]).filter((v): v is number => v !== null);
  if (!points.some((p) => p.actual !== null)) return null;
  const max = Math.max(1, ...values);
  const x = (i: number) => PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1);
  const y = (v: number) => HEIGHT - PAD - (v / max) * (HEIGHT - 2 * PAD);
  const line = (key: "actual" | "pace") =>
    points
      .map((p, i) => ({ v: p[key], i }))
      .filter((p): p is { v: number; i: number } => p.v !== null)
      .map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
      .join(" ");
  const actual = line("actual");
  const pace = line("pace");
  const last = [...points.entries()].reverse().find(([, p]) => p.actual !== null);
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="kpi-sparkline"
      style={{ display: "block", overflow: "visible" }}
    >
      <title>{label}</title>
      <line
        x1={PAD}
        x2={WIDTH - PAD}
        y1={HEIGHT - PAD}
        y2={HEIGHT - PAD}
        stroke="var(--mantine-color-gray-3)"
        strokeWidth={1}
      />
      {pace && (
        <polyline
          points={pace}
          fill="none"
          stroke="var(--mantine-color-gray-5)"
          strokeWidth={1.2}
          strokeDasharray="3 2"
        />
      )}
      <polyline points={actual} fill="none" stroke={`var(--mantine-color-${color}-6)`} strokeWidth={1.8} />
      {last && last[1].actual !== null && (
        <circle cx={x(last[0])} cy={y(last[1].actual)} r={2.2} fill={`var(--mantine-color-${color}-6)`} />
      )}
    </svg>
  );
}
