// Due dates in words: "due today", "due in 3 days", "overdue by 2 days". Whole days, counted in UTC
// calendar days so the server and the browser say the same. A final action is never overdue.
const DAY = 24 * 60 * 60 * 1000;

export type DueLabel = { text: string; overdue: boolean };

export function dueLabel(dueAt: string | null, final: boolean, now: Date = new Date()): DueLabel | null {
  if (!dueAt) return null;
  const due = new Date(dueAt);
  const days = Math.round((startOfUtcDay(due) - startOfUtcDay(now)) / DAY);
  if (final) return { text: `was due ${due.toISOString().slice(0, 10)}`, overdue: false };
  if (due.getTime() < now.getTime()) {
    const late = Math.max(-days, 0);
    return { text: late === 0 ? "overdue (due earlier today)" : `overdue by ${late} day${late === 1 ? "" : "s"}`, overdue: true };
  }
  if (days === 0) return { text: "due today", overdue: false };
  if (days === 1) return { text: "due tomorrow", overdue: false };
  return { text: `due in ${days} days`, overdue: false };
}

function startOfUtcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
