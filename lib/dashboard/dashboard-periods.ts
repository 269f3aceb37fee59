// The time buckets of the dashboard, computed from one `now` so that every figure and the link
// behind it use the same instants: the weeks of the period (Monday 00:00 UTC, the last 12 by
// default, at most 52), the age buckets of open cases and the current month.
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
export const DEFAULT_WEEKS = 12;
export const MAX_WEEKS = 52;

/** A half-open range [from, to); a missing end is open. */
export type Range = { from?: Date; to?: Date };
export type Bucket = Range & { label: string };

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: Date): Date {
  const day = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY);
}

export function monthStart(t: Date): Date {
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
}

/** The weeks of the period, oldest first; the first and last are cut to the period's bounds. */
export function weeksOf(period: Range, now: Date): Bucket[] {
  const end = period.to && period.to < now ? period.to : now;
  const last = weekStart(new Date(end.getTime() - 1));
  let count = DEFAULT_WEEKS;
  if (period.from) count = Math.floor((last.getTime() - weekStart(period.from).getTime()) / WEEK) + 1;
  count = Math.min(Math.max(count, 1), MAX_WEEKS);
  const out: Bucket[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = new Date(last.getTime() - i * WEEK);
    const stop = new Date(start.getTime() + WEEK);
    out.push({
      label: start.toISOString().slice(0, 10),
      from: period.from && period.from > start ? period.from : start,
      to: period.to && period.to < stop ? period.to : stop,
    });
  }
  return out;
}

/** Age buckets of open cases, youngest first, as ranges of the opening time. */
export function ageBuckets(now: Date): Bucket[] {
  const edges: [number, string][] = [[7, "under 7 days"], [30, "7–30 days"], [90, "30–90 days"], [180, "90–180 days"], [365, "180–365 days"]];
  const out: Bucket[] = [];
  let younger: Date | undefined;
  for (const [days, label] of edges) {
    const from = new Date(now.getTime() - days * DAY);
    out.push({ label, from, to: younger });
    younger = from;
  }
  out.push({ label: "over a year", to: younger });
  return out;
}

/** The intersection of two ranges (undefined ends are open). */
export function intersect(a: Range, b: Range): Range {
  const from = a.from && b.from ? (a.from > b.from ? a.from : b.from) : (a.from ?? b.from);
  const to = a.to && b.to ? (a.to < b.to ? a.to : b.to) : (a.to ?? b.to);
  return { from, to };
}
