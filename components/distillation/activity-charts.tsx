"use client";
// Requests over time stacked by series (accounts or cases, top N + others) and token volume over
// time, drawn with recharts from the server's per-bucket aggregates.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "@/components/distillation/chart-figure";
import { activityRows, bucketName, seriesColor } from "@/components/distillation/chart-data";
import { formatCount } from "@/components/format";
import type { ActivityOverTime } from "@/lib/distillation-views/activity-over-time";

type Props = { activity: ActivityOverTime; seriesNoun: string };

const axisTick = { fontSize: 11, fill: "#475569" };
const compact = (n: number) => new Intl.NumberFormat("en-US", { notation: "compact" }).format(n);

export function ActivityCharts({ activity, seriesNoun }: Props) {
  const rows = activityRows(activity);
  const bucket = bucketName(activity.bucketSeconds);
  const first = rows[0]?.label ?? "";
  const last = rows[rows.length - 1]?.label ?? "";
  const th = "px-2 py-1 text-left font-medium whitespace-nowrap";
  const td = "px-2 py-1 tabular-nums whitespace-nowrap";
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
      <ChartFigure
        id="requests-over-time"
        title="Requests over time"
        summary={`Requests per ${bucket} (UTC) from ${first} to ${last}, stacked by ${seriesNoun}: ${activity.series.map((s) => `${s.label} ${formatCount(s.requests)}`).join(", ")}.`}
        chart={
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 4, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={axisTick} minTickGap={24} />
              <YAxis tick={axisTick} tickFormatter={compact} width={40} allowDecimals={false} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {activity.series.map((s, i) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} stackId="requests" fill={seriesColor(i, s.others)} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <table className="min-w-full text-xs">
            <caption className="sr-only">Requests per {bucket} by {seriesNoun}</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className={th}>Time (UTC)</th>
                {activity.series.map((s) => (
                  <th scope="col" key={s.key} className={th}>{s.label}</th>
                ))}
                <th scope="col" className={th}>Total</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.filter((r) => r.total > 0).map((r) => (
                <tr key={r.label}>
                  <th scope="row" className={th}>{r.label}</th>
                  {activity.series.map((s) => (
                    <td key={s.key} className={td}>{formatCount(Number(r[s.key]))}</td>
                  ))}
                  <td className={td}>{formatCount(r.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="tokens-over-time"
        title="Token volume over time"
        summary={`Prompt and completion tokens per ${bucket} (UTC): ${formatCount(rows.reduce((s, r) => s + r.promptTokens, 0))} prompt, ${formatCount(rows.reduce((s, r) => s + r.completionTokens, 0))} completion.`}
        chart={
          <ResponsiveContainer width="100%" height={260}>
            <AreaChart data={rows} margin={{ top: 4, right: 4, bottom: 4, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={axisTick} minTickGap={24} />
              <YAxis tick={axisTick} tickFormatter={compact} width={40} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Area type="stepAfter" dataKey="promptTokens" name="Prompt tokens" stackId="tokens" stroke="#0e7490" fill="#67e8f9" isAnimationActive={false} />
              <Area type="stepAfter" dataKey="completionTokens" name="Completion tokens" stackId="tokens" stroke="#7c3aed" fill="#c4b5fd" isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        }
        table={
          <table className="min-w-full text-xs">
            <caption className="sr-only">Tokens per {bucket}</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className={th}>Time (UTC)</th>
                <th scope="col" className={th}>Prompt tokens</th>
                <th scope="col" className={th}>Completion tokens</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.filter((r) => r.total > 0).map((r) => (
                <tr key={r.label}>
                  <th scope="row" className={th}>{r.label}</th>
                  <td className={td}>{formatCount(r.promptTokens)}</td>
                  <td className={td}>{formatCount(r.completionTokens)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
