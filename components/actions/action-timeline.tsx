import Link from "next/link";
import { ActionStatusBadge } from "@/components/actions/action-badges";
import { formatDateTime } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { typeLabel } from "@/lib/actions/action-status";
import type { ActionType } from "@/lib/generated/sqlite/enums";

export type TimelineEntry = { id: string; at: string; actor: { name: string } | null; from: string | null; to: string; comment: string; actionId?: string; actionType?: string };

/** Who moved what, when, from where to where, and why: oldest first on an action, newest first on a case. */
export function ActionTimeline({ events, label = "Timeline" }: { events: TimelineEntry[]; label?: string }) {
  if (!events.length) return <p className="text-sm text-slate-600">No moves yet.</p>;
  return (
    <ol aria-label={label} className="space-y-2 border-l-2 border-slate-200 pl-4">
      {events.map((e) => (
        <li key={e.id} className="text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-xs text-slate-500">{formatDateTime(e.at)}</span>
            <span className="font-medium">{e.actor?.name ?? "system"}</span>
            {e.from ? (
              <>
                <ActionStatusBadge status={e.from} /> <span aria-hidden>→</span> <span className="sr-only">to</span>
              </>
            ) : (
              <span>created</span>
            )}
            <ActionStatusBadge status={e.to} />
            {e.actionId && e.actionType && (
              <Link href={`/actions/${e.actionId}`} className={`${linkClass} text-xs`}>
                {typeLabel(e.actionType as ActionType)}
              </Link>
            )}
          </div>
          {e.comment && <p className="mt-0.5 whitespace-pre-wrap text-slate-700">{e.comment}</p>}
        </li>
      ))}
    </ol>
  );
}
