// An account's history from the audit trail: who changed what, when. Newest first, paged.
import { formatDateTime } from "@/components/format";
import { SubListPagination } from "@/components/pagination";
import { Panel } from "@/components/panel";
import type { AuditEventView } from "@/lib/audit/list-audit-events";
import type { Page } from "@/lib/cases/list-cases";

function describe(e: AuditEventView): string {
  const changes = e.changes && typeof e.changes === "object" ? Object.keys(e.changes as object) : [];
  return changes.length ? changes.slice(0, 6).join(", ") + (changes.length > 6 ? ` +${changes.length - 6}` : "") : "";
}

export function AccountHistory({ accountId, history }: { accountId: string; history: Page<AuditEventView> }) {
  return (
    <Panel title="History" id="account-history">
      {history.total === 0 ? (
        <p className="text-sm text-slate-600">No recorded changes.</p>
      ) : (
        <>
          <ol className="space-y-2 text-sm" aria-label="Account history">
            {history.items.map((e) => (
              <li key={e.seq} className="border-l-2 border-slate-200 pl-3">
                <p>
                  <span className="font-mono text-xs">{e.action}</span>{" "}
                  <span className="text-slate-600">by {e.actorEmail ?? "system"}</span>
                </p>
                <p className="text-xs text-slate-500">
                  {formatDateTime(e.at)}
                  {describe(e) && <> · {describe(e)}</>}
                </p>
                {e.changes != null && typeof e.changes === "object" && Object.keys(e.changes as object).length > 0 && (
                  <details className="text-xs">
                    <summary className="cursor-pointer text-slate-600">Details</summary>
                    <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono">{JSON.stringify(e.changes, null, 1)}</pre>
                  </details>
                )}
              </li>
            ))}
          </ol>
          <SubListPagination basePath={`/accounts/${accountId}`} list={history} pageParam="historyPage" label="History pages" />
        </>
      )}
    </Panel>
  );
}
