import type { Metadata } from "next";
import Link from "next/link";
import { AccountStatusBadge } from "@/components/accounts/account-badges";
import { ActionMovePanel } from "@/components/actions/action-move-panel";
import { ActionStatusBadge, DueBadge } from "@/components/actions/action-badges";
import { ActionTimeline } from "@/components/actions/action-timeline";
import { formatDateTime } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/page-errors";
import { Panel } from "@/components/panel";
import { getActionForViewer } from "@/lib/actions/get-action";
import { typeLabel } from "@/lib/actions/action-status";
import { requireUser } from "@/lib/auth/current-user";
import { transitionActionAction } from "../actions";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Action" };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1 text-sm">
      <dt className="text-slate-500">{term}</dt>
      <dd className="col-span-2 whitespace-pre-wrap">{children}</dd>
    </div>
  );
}

export default async function ActionPage({ params }: Props) {
  const actor = await requireUser();
  const { id } = await params;
  const { action: a, myMoves } = await orNotFound(getActionForViewer(actor, id));
  const revocation = a.type === "ACCESS_REVOCATION";
  return (
    <div>
      <PageHeader
        title={<span className="flex items-center gap-3">{typeLabel(a.type)} <ActionStatusBadge status={a.status} /></span>}
        description={
          <>
            On case <Link href={`/cases/${a.caseNumber}`} className={linkClass}>{a.caseNumber}</Link> · {a.caseTitle} · proposed by {a.proposedBy.name}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel title="Details" id="action-details">
            <dl>
              <Fact term="Due"><DueBadge dueAt={a.dueAt} final={a.final} /></Fact>
              {revocation ? (
                <>
                  <Fact term="Justification">{a.justification}</Fact>
                  {a.scope && <Fact term="Scope">{a.scope}</Fact>}
                  {a.approvedBy && <Fact term={a.status === "REJECTED" ? "Rejected by" : "Approved by"}>{a.approvedBy.name}, {formatDateTime(a.approvedAt)}</Fact>}
                  {a.executedBy && <Fact term="Executed by">{a.executedBy.name}, {formatDateTime(a.executedAt)}</Fact>}
                  {a.externalReference && <Fact term="External reference">{a.externalReference}</Fact>}
                </>
              ) : (
                <>
                  <Fact term="Referral body">{a.referralBody}</Fact>
                  {a.referenceNumber && <Fact term="Reference number">{a.referenceNumber}</Fact>}
                  {a.classification && <Fact term="Classification">{a.classification}</Fact>}
                  {a.notes && <Fact term="Notes">{a.notes}</Fact>}
                  {a.outcome && <Fact term="Outcome">{a.outcome}</Fact>}
                  {a.keepUnrestrictedReason && <Fact term="Case kept unrestricted because">{a.keepUnrestrictedReason}</Fact>}
                </>
              )}
              {a.reason && <Fact term="Reason">{a.reason}</Fact>}
            </dl>
          </Panel>
          {revocation && (
            <Panel title="Targets" id="action-targets">
              <ul className="space-y-1 text-sm">
                {a.targets.map((t) => (
                  <li key={`${t.kind}:${t.value}`} className="flex flex-wrap items-center gap-2">
                    {t.account ? (
                      <>
                        <Link href={`/accounts/${t.account.id}`} className={linkClass}>{t.account.displayName || t.account.externalId}</Link>
                        <span className="text-xs text-slate-500">{t.account.externalId}</span>
                        <span data-testid="account-status"><AccountStatusBadge status={t.account.status} /></span>
                        {t.previousStatus && <span className="text-xs text-slate-500">(before execution: {t.previousStatus.toLowerCase()})</span>}
                      </>
                    ) : (
                      <span>{t.kind === "API_KEY" ? "API key" : "Organization"} {t.value}</span>
                    )}
                  </li>
                ))}
              </ul>
              {a.evidence.length > 0 && (
                <>
                  <h3 className="mt-3 text-xs font-semibold uppercase text-slate-500">Evidence cited</h3>
                  <ul className="text-sm">
                    {a.evidence.map((e) => <li key={e.id}><Link href={`/evidence/${e.id}`} className={linkClass}>{e.title}</Link></li>)}
                  </ul>
                </>
              )}
            </Panel>
          )}
          <Panel title="Timeline" id="action-timeline">
            <ActionTimeline events={a.events} />
          </Panel>
        </div>
        <div className="space-y-4">
          <ActionMovePanel action={transitionActionAction} actionId={a.id} moves={myMoves} />
        </div>
      </div>
    </div>
  );
}
