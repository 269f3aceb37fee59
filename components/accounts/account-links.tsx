// An account's links: manual and suggested, with accept/dismiss on suggestions for those who may
// decide. Suggestions first (they await a decision), then accepted, then dismissed.
import Link from "next/link";
import type { FormAction } from "@/components/action-state";
import { AccountStatusBadge } from "@/components/accounts/account-badges";
import { LinkDecisionForm } from "@/components/accounts/link-decision-form";
import { Badge, type Tone } from "@/components/badge";
import { linkClass } from "@/components/form-styles";
import { formatDateTime } from "@/components/format";
import { SubListPagination } from "@/components/pagination";
import { Panel } from "@/components/panel";
import type { Page } from "@/lib/cases/list-cases";
import type { AccountLinkView } from "@/lib/links/link-view";

const statusTone: Record<string, Tone> = { SUGGESTED: "blue", ACCEPTED: "emerald", DISMISSED: "slate" };

type Props = {
  accountId: string;
  links: Page<AccountLinkView>;
  decide?: FormAction;
  /** Shown in the panel header: the cluster link, the "link to another account" form. */
  actions?: React.ReactNode;
  children?: React.ReactNode;
};

export function AccountLinks({ accountId, links, decide, actions, children }: Props) {
  return (
    <Panel title={`Links (${links.total})`} id="account-links" actions={actions}>
      {links.total === 0 ? (
        <p className="text-sm text-slate-600">No links yet. Suggestions appear when another account shares an attribute value.</p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Links of this account">
            {links.items.map((l) => {
              const other = l.accounts[0].id === accountId ? l.accounts[1] : l.accounts[0];
              const subject = other.displayName ? `${other.externalId} (${other.displayName})` : other.externalId;
              return (
                <li key={l.id} className="space-y-1 py-2" aria-label={`${l.status.toLowerCase()} link to ${other.externalId}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/accounts/${other.id}`} className={`${linkClass} font-mono text-xs`}>{other.externalId}</Link>
                    {other.displayName && <span className="text-slate-600">{other.displayName}</span>}
                    <AccountStatusBadge status={other.status} />
                    <Badge tone={statusTone[l.status] ?? "slate"}>{l.status.toLowerCase()}</Badge>
                    <span className="text-xs text-slate-500">{l.source === "MANUAL" ? "manual" : "computed"}</span>
                    <span className="ml-auto text-xs tabular-nums text-slate-600">{Math.round(l.confidence * 100)}% confidence</span>
                  </div>
                  <p><span className="font-medium">{l.reason}</span>{l.explanation && l.explanation !== l.reason && <span className="text-slate-600"> — {l.explanation}</span>}</p>
                  {l.evidenceIds.length > 0 && (
                    <p className="text-xs text-slate-600">
                      Evidence:{" "}
                      {l.evidenceIds.map((id, i) => (
                        <span key={id}>{i > 0 && ", "}<Link href={`/evidence/${id}`} className={linkClass}>{id.slice(0, 8)}…</Link></span>
                      ))}
                    </p>
                  )}
                  {l.decidedAt && <p className="text-xs text-slate-500">Decided {formatDateTime(l.decidedAt)}</p>}
                  {decide && l.status === "SUGGESTED" && <LinkDecisionForm action={decide} linkId={l.id} subject={`this account and ${subject}`} />}
                </li>
              );
            })}
          </ul>
          <SubListPagination basePath={`/accounts/${accountId}`} list={links} pageParam="linksPage" label="Link pages" />
        </>
      )}
      {children}
    </Panel>
  );
}
