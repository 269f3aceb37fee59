// Pure helpers shaping the server's aggregates for the charts (no raw rows reach the browser).
// Client-safe: types and functions only.
import type { ActivityOverTime } from "@/lib/distillation-views/activity-over-time";

export const SERIES_COLORS = ["#1d4ed8", "#b91c1c", "#047857", "#a16207", "#7c3aed", "#0e7490", "#be185d", "#4d7c0f"];
export const OTHERS_COLOR = "#94a3b8";

/** "2025-01-06 10:05" for buckets under a day, "2025-01-06" from a day up (UTC). */
export function bucketLabel(t: number, bucketSeconds: number): string {
  const iso = new Date(t * 1000).toISOString();
  return bucketSeconds >= 86400 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** "5 minutes", "1 hour", "7 days". */
export function bucketName(bucketSeconds: number): string {
  const [unit, size] = bucketSeconds >= 86400 ? ["day", 86400] : bucketSeconds >= 3600 ? ["hour", 3600] : ["minute", 60];
  const n = bucketSeconds / size;
  return `${n === 1 ? "" : `${n} `}${unit}${n === 1 ? "" : "s"}`;
}

export type ActivityRow = { label: string; promptTokens: number; completionTokens: number; total: number } & Record<string, number | string>;

/** One row per bucket: the label, a count per series key (0 when none) and the token sums. */
export function activityRows(a: ActivityOverTime): ActivityRow[] {
  return a.points.map((p) => {
    const row: ActivityRow = { label: bucketLabel(p.t, a.bucketSeconds), promptTokens: p.promptTokens, completionTokens: p.completionTokens, total: 0 };
    for (const s of a.series) {
      row[s.key] = p.counts[s.key] ?? 0;
      row.total += p.counts[s.key] ?? 0;
    }
    return row;
  });
}

export function seriesColor(index: number, others: boolean): string {
  return others ? OTHERS_COLOR : SERIES_COLORS[index % SERIES_COLORS.length];
}
