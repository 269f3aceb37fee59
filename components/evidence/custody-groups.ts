// Repeated views of an item by the same person close together read as one line on the custody
// timeline ("Viewed 3 times, 14:02 to 14:09"); every event stays in the data and in the page.
import type { CustodyEventView } from "@/lib/evidence/evidence-view";

export type CustodyEntry =
  | { kind: "event"; event: CustodyEventView }
  | { kind: "views"; events: CustodyEventView[]; actorEmail: string | null; first: string; last: string };

/** Views closer together than this, by the same person, are one entry. */
export const VIEW_GROUP_GAP_MS = 30 * 60 * 1000;

/** Groups runs of VIEW events (as listed, newest or oldest first) by one actor with gaps under VIEW_GROUP_GAP_MS. */
export function groupCustodyEvents(events: CustodyEventView[], gapMs = VIEW_GROUP_GAP_MS): CustodyEntry[] {
  const out: CustodyEntry[] = [];
  let run: CustodyEventView[] = [];
  const flush = () => {
    if (run.length === 1) out.push({ kind: "event", event: run[0] });
    else if (run.length > 1) {
      const times = run.map((e) => e.at).sort();
      out.push({ kind: "views", events: run, actorEmail: run[0].actorEmail, first: times[0], last: times.at(-1)! });
    }
    run = [];
  };
  for (const e of events) {
    const prev = run.at(-1);
    const joins = prev && e.action === "VIEW" && e.actorEmail === prev.actorEmail && Math.abs(Date.parse(e.at) - Date.parse(prev.at)) < gapMs;
    if (!joins) flush();
    if (e.action === "VIEW") run.push(e);
    else out.push({ kind: "event", event: e });
  }
  flush();
  return out;
}

/** "14:02 to 14:09" on one day (UTC), else both dates and times. */
export function timeRange(first: string, last: string): string {
  const a = new Date(first).toISOString();
  const b = new Date(last).toISOString();
  if (a.slice(0, 10) === b.slice(0, 10)) return `${a.slice(11, 16)} to ${b.slice(11, 16)} UTC on ${a.slice(0, 10)}`;
  return `${a.slice(0, 16).replace("T", " ")} to ${b.slice(0, 16).replace("T", " ")} UTC`;
}
