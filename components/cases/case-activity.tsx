// A case's activity timeline: its changes from the audit trail, one sentence each, newest first,
// paged with ?activityPage= (the case and its other lists stay put).
import { AuditChanges, hasChanges } from "@/components/audit/audit-changes";
import { AuditSentence } from "@/components/audit/audit-sentence";
import { formatDateTime } from "@/components/format";
import { SubListPagination } from "@/components/pagination";
import { Panel } from "@/components/panel";
import type { AuditEventView } from "@/lib/audit/list-audit-events";

type Props = { caseNumber: string; activity: { items: AuditEventView[]; total: number; page: number; pageSize: number } };

export function CaseActivity({ caseNumber, activity }: Props) {
  return (
    <Panel title={`Activity (${activity.total})`} id="case-activity">
      {activity.total === 0 ? (
        <p className="text-sm text-slate-600">No activity yet.</p>
      ) : (
        <>
          <ol className="space-y-2 border-l-2 border-slate-200 pl-4" aria-label="Case activity">
            {activity.items.map((e, i) => (
              <li key={`${e.at}-${i}`} className="text-sm">
                <time dateTime={e.at} className="block text-xs text-slate-600">{formatDateTime(e.at)}</time>
                <AuditSentence e={e} />
                {hasChanges(e.changes) && e.action !== "case.create" && (
                  <details className="mt-0.5">
                    <summary className="cursor-pointer text-xs text-slate-600">Before and after</summary>
                    <AuditChanges changes={e.changes} people={e.people} />
                  </details>
                )}
              </li>
            ))}
          </ol>
          <SubListPagination basePath={`/cases/${caseNumber}`} list={activity} pageParam="activityPage" label="Activity pages" />
        </>
      )}
    </Panel>
  );
}
