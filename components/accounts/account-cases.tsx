// The cases an account is on (only those the viewer may see), with its role on each.
import Link from "next/link";
import { ROLE_LABELS } from "@/components/accounts/account-labels";
import { Badge, StatusBadge } from "@/components/badge";
import { formatDate } from "@/components/format";
import { Panel } from "@/components/panel";
import type { AccountCaseView } from "@/lib/accounts/account-view";

export function AccountCases({ cases }: { cases: AccountCaseView[] }) {
  return (
    <Panel title={`Cases (${cases.length})`} id="account-cases">
      {cases.length === 0 ? (
        <p className="text-sm text-slate-600">Not on any case you can see. Attach it from a case page.</p>
      ) : (
        <ul className="space-y-2 text-sm" aria-label="Cases of this account">
          {cases.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-2">
              <Link href={`/cases/${c.number}`} className="font-mono text-xs text-blue-700 hover:underline">{c.number}</Link>
              <span className="min-w-0 flex-1 truncate">{c.title}</span>
              <Badge tone="violet">{ROLE_LABELS[c.role]}</Badge>
              <StatusBadge status={c.status} />
              <span className="text-xs text-slate-500">since {formatDate(c.addedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
