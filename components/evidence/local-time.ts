// "Collected at" as the browser's date-time picker shows it (local time, no zone) and as it is
// stored (ISO 8601 with a zone). Client-safe.

/** A datetime-local value (the browser's local time) as an ISO time, or "" when empty or invalid. */
export function localToIso(value: string): string {
  if (!value) return "";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

/** An ISO time as a datetime-local value in the browser's local time (to the minute, or the second when it has some). */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getSeconds() ? `${base}:${pad(d.getSeconds())}` : base;
}
