// The Accounts panel of a case page: the accounts on the case with their roles, where else they
// (and their attribute values) appear among the cases the viewer may see, the picker to attach
// more, and a link to the case's link graph.
import Link from "next/link";
import type { FormAction } from "@/components/action-state";
import { AccountStatusBadge, RiskBadge } from "@/components/accounts/account-badges";
import { ATTRIBUTE_LABELS, ROLE_LABELS } from "@/components/accounts/account-labels";
import { CaseAccountPicker } from "@/components/accounts/case-account-picker";
import { CaseListInline } from "@/components/accounts/case-list-inline";
import { DetachAccountButton } from "@/components/accounts/detach-account-button";
import { Badge } from "@/components/badge";
import { buttonClass, linkClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import type { CaseAccountView, CaseSightings } from "@/lib/accounts/account-view";

type Props = {
  caseNumber: string;
  accounts: CaseAccountView[];
  sightings: CaseSightings;
  /** Present when the viewer may attach and detach. */
  actions?: { attach: FormAction; detach: FormAction };
};

export function CaseAccountsPanel({ caseNumber, accounts, sightings, actions }: Props) {
  const alsoOn = new Map(sightings.accounts.map((s) => [s.account.id, s.cases]));
  return (
    <Panel
      title={`Accounts (${accounts.length})`}
      id="case-accounts"
      actions={accounts.length > 0 && <Link href={`/cases/${caseNumber}/graph`} className={buttonClass("secondary", "sm")}>Link graph</Link>}
    >
      {actions && (
        <div className="mb-4">
          <CaseAccountPicker action={actions.attach} caseNumber={caseNumber} attachedIds={accounts.map((a) => a.accountId)} />
        </div>
      )}
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-600">No accounts on this case yet.{actions ? " Search for them above." : ""}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Accounts on this case">
          {accounts.map(({ account: a, role }) => {
            const cases = alsoOn.get(a.id) ?? [];
            return (
              <li key={a.id} className="py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/accounts/${a.id}`} className={`${linkClass} font-mono text-xs`}>{a.externalId}</Link>
                  {a.displayName && <span className="text-slate-700">{a.displayName}</span>}
                  <Badge tone="violet">{ROLE_LABELS[role]}</Badge>
                  <AccountStatusBadge status={a.status} />
                  <RiskBadge score={a.riskScore} />
                  {actions && (
                    <span className="ml-auto">
                      <DetachAccountButton action={actions.detach} caseNumber={caseNumber} accountId={a.id} externalId={a.externalId} />
                    </span>
                  )}
                </div>
                {cases.length > 0 && (
                  <p className="mt-0.5 text-xs text-slate-700" data-testid="sighting">Also on <CaseListInline cases={cases} /></p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {sightings.values.length > 0 && (
        <div className="mt-4">
          <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Shared with other cases</h3>
          <ul className="mt-1 space-y-1 text-xs text-slate-700" aria-label="Attribute values seen on other cases">
            {sightings.values.map((v) => (
              <li key={`${v.type}:${v.value}`} data-testid="sighting">
                <span className="text-slate-500">{ATTRIBUTE_LABELS[v.type]}</span> <span className="font-mono">{v.value}</span>{" "}
                {v.noise ? <Badge tone="amber" title="Shared by too many accounts to mean much">Noise</Badge> : <>is also on <CaseListInline cases={v.cases} /></>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}
