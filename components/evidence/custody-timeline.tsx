// The chain of custody of one item, newest first: who did what, when, from where, and the hash:
// computed from the bytes on upload and verify ("observed", flagged when it differs from the one
// recorded at upload), the one on record for views, downloads and the rest. Repeated views by one
// person close together are one line that opens onto each of them (custody-groups.ts).
import { Badge } from "@/components/badge";
import { formatAddress, formatDateTime } from "@/components/format";
import { groupCustodyEvents, timeRange } from "@/components/evidence/custody-groups";
import type { CustodyEventView } from "@/lib/evidence/evidence-view";

const HASHING_ACTIONS = new Set(["UPLOAD", "VERIFY"]);

const ACTION_LABELS: Record<string, string> = {
  UPLOAD: "Uploaded",
  VIEW: "Viewed",
  DOWNLOAD: "Downloaded",
  VERIFY: "Verified",
  EXPORT: "Exported",
  EDIT: "Details edited",
  SUPERSEDE: "Superseded",
  REMOVE: "Removed",
  INGEST: "Read for ingestion",
};

export function CustodyTimeline({ events, sha256 }: { events: CustodyEventView[]; sha256: string }) {
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" aria-label="Chain of custody">
      {groupCustodyEvents(events).map((entry) =>
        entry.kind === "event" ? (
          <li key={entry.event.id} className="relative">
            <CustodyEvent e={entry.event} sha256={sha256} />
          </li>
        ) : (
          <li key={entry.events[0].id} className="relative" data-testid="custody-view-group">
            <span aria-hidden="true" className="absolute -left-[1.6rem] top-1 h-3 w-3 rounded-full bg-slate-400 ring-2 ring-white" />
            <details>
              <summary className="cursor-pointer text-sm">
                <span className="font-medium">Viewed {entry.events.length} times</span>, <span className="text-slate-600">{timeRange(entry.first, entry.last)}</span>
                <span className="block text-xs text-slate-600">{entry.actorEmail ?? "system"}</span>
              </summary>
              <ol className="mt-2 space-y-3 pl-2" aria-label={`${entry.events.length} views`}>
                {entry.events.map((e) => (
                  <li key={e.id}>
                    <CustodyEvent e={e} sha256={sha256} dot={false} />
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ),
      )}
    </ol>
  );
}

function CustodyEvent({ e, sha256, dot = true }: { e: CustodyEventView; sha256: string; dot?: boolean }) {
  const failed = e.ok === false;
  const hashDiffers = e.sha256Observed !== null && e.sha256Observed !== sha256;
  return (
    <>
      {dot && <span aria-hidden="true" className={`absolute -left-[1.6rem] top-1 h-3 w-3 rounded-full ring-2 ring-white ${failed ? "bg-red-600" : "bg-slate-400"}`} />}
      <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <span className="font-medium">{ACTION_LABELS[e.action] ?? e.action}</span>
        {e.action === "VERIFY" && (failed ? <Badge tone="red">Mismatch</Badge> : <Badge tone="emerald">Match</Badge>)}
        <time dateTime={e.at} className="text-slate-600">{formatDateTime(e.at)}</time>
      </div>
      <p className="text-xs text-slate-600">
        {e.actorEmail ?? "system"}
        {e.ip && <> · from {formatAddress(e.ip)}</>}
      </p>
      {e.sha256Observed && (
        <p className={`break-all font-mono text-xs ${hashDiffers ? "text-red-700" : "text-slate-500"}`}>
          {HASHING_ACTIONS.has(e.action) ? "observed" : "hash on record"} {e.sha256Observed}
          {hashDiffers && " (differs from the recorded hash)"}
        </p>
      )}
      {e.detail && <p className="text-xs text-slate-700">{e.detail}</p>}
    </>
  );
}
