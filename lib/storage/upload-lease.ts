// An owner mark for uploads in progress on a store shared by several instances (decision 0021):
// while a process has any upload running, it keeps a lease `leases/<owner>` in the store (a small
// object, or a file in a local folder) and rewrites it every LEASE_RENEW_MS. Another instance's
// start-up sweep cannot tell whether an owner elsewhere still runs (upload-owner.ts), and what
// that owner is writing may look old: a multipart upload's only time is when it began, and a
// stalled stream stops moving its file's mtime. So the sweep takes an owner's last sign of life
// as the later of its object's time and its lease's: an upload whose process still renews its
// lease is never swept, however long it runs; one whose process died is swept once its lease is
// as old as the age rule asks.
import { ownerTagOf } from "@/lib/storage/upload-owner";

export const LEASE_PREFIX = "leases/";
export const LEASE_RENEW_MS = 60 * 1000;

/** Counts this process's uploads in progress and keeps its lease fresh while there are any. */
export class UploadLease {
  private active = 0;
  private timer: NodeJS.Timeout | undefined;

  /** `renew` writes (or rewrites) this process's lease. */
  constructor(private readonly renew: () => Promise<void>) {}

  /** Before an upload starts: writes the lease now and keeps renewing it until every holder has
   *  released. Returns the release (idempotent). */
  async hold(): Promise<() => void> {
    this.active += 1;
    if (!this.timer) {
      // A failed renewal is retried at the next tick; the upload itself goes on.
      this.timer = setInterval(() => void this.renew().catch(() => {}), LEASE_RENEW_MS);
      this.timer.unref();
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.active -= 1;
      if (this.active === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
    try {
      await this.renew();
    } catch (e) {
      release();
      throw e;
    }
    return release;
  }
}

/** The lease times by owner tag, from (name, time) entries of the leases folder or prefix. */
export function leaseTimes(entries: { name: string; modifiedAt: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const tag = ownerTagOf(e.name);
    if (tag && e.modifiedAt > (out.get(tag) ?? 0)) out.set(tag, e.modifiedAt);
  }
  return out;
}

/** When the owner of `name` last showed it was alive: its entry's own time or its lease's. */
export function lastSignOfLife(name: string, modifiedAt: number, leases: Map<string, number>): number {
  const tag = ownerTagOf(name);
  return Math.max(modifiedAt, (tag && leases.get(tag)) || 0);
}
