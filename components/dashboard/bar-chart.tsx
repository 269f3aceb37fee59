"use client";
// A bar chart of data the server has already counted (recharts; nothing is aggregated here). Every
// bar is a link to the list behind it: an SVG <a> named by its label, series and value, so it works
// by click, keyboard and screen reader; the table under each chart holds the same numbers and links.
import { Bar, BarChart as RBarChart, CartesianGrid, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";

export type ChartSeries = { key: string; label: string; color: string };
export type ChartRow = { label: string; values: Record<string, number>; hrefs: Record<string, string | null> };

type Props = {
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  stacked?: boolean;
  /** "vertical": bars run left to right, labels on the left (long labels, e.g. names). */
  layout?: "horizontal" | "vertical";
  height?: number;
  /** Dates as labels (YYYY-MM-DD): the axis shows MM-DD. */
  shortLabels?: boolean;
};

export function BarChart({ title, rows, series, stacked = false, layout = "horizontal", height = 240, shortLabels = false }: Props) {
  const data = rows.map((r) => ({ label: r.label, ...r.values, hrefs: r.hrefs }));
  const summary = rows.map((r) => `${r.label}: ${series.map((s) => `${r.values[s.key] ?? 0} ${s.label}`).join(", ")}`).join("; ");
  const vertical = layout === "vertical";
  return (
    <figure aria-label={title} style={{ height }} className="w-full min-w-0">
      <figcaption className="sr-only">{summary}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <RBarChart data={data} layout={layout} margin={{ top: 4, right: 8, bottom: 4, left: vertical ? 8 : -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {vertical ? (
            <>
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="label" width={96} tick={{ fontSize: 11 }} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" tickFormatter={shortLabels ? (v: string) => v.slice(5) : undefined} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            </>
          )}
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={stacked ? "stack" : undefined}
              isAnimationActive={false}
              shape={(props: BarShapeProps) => <LinkedBar {...props} series={s} />}
            />
          ))}
        </RBarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function LinkedBar(props: BarShapeProps & { series: ChartSeries }) {
  const { series, ...shape } = props;
  const payload = shape.payload as { label: string; hrefs: Record<string, string | null> } & Record<string, unknown>;
  const href = payload.hrefs[series.key];
  const value = Number(payload[series.key] ?? 0);
  const bar = <Rectangle {...shape} />;
  if (!href || value === 0) return bar;
  return (
    <a href={href} aria-label={`${payload.label}, ${series.label}: ${value}`} data-bar={`${payload.label}|${series.key}`}>
      {bar}
    </a>
  );
}
