// Dates are shown in UTC with a fixed format, so server and client render the same text.
type DateLike = string | Date | null | undefined;

const toDate = (d: DateLike) => (d ? (d instanceof Date ? d : new Date(d)) : null);

/** YYYY-MM-DD (UTC), or an em dash when absent. */
export function formatDate(d: DateLike): string {
  const date = toDate(d);
  return date ? date.toISOString().slice(0, 10) : "—";
}

/** YYYY-MM-DD HH:MM UTC, or an em dash when absent. */
export function formatDateTime(d: DateLike): string {
  const date = toDate(d);
  return date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—";
}

/** A due date that has passed on a case that is not closed. */
export function isOverdue(dueAt: string | null, status: string, now = new Date()): boolean {
  return !!dueAt && status !== "CLOSED" && new Date(dueAt).getTime() < now.getTime();
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** A byte count in binary units with one decimal ("1.5 MiB"); plain bytes below 1 KiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** A client address as people write it: an IPv4 address mapped into IPv6 (::ffff:127.0.0.1, as
 *  rows recorded before addresses were normalized may hold) shown as plain IPv4. */
export function formatAddress(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}
