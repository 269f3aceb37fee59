// The top of an account page: external id, name, status, risk and what the viewer may do.
import Link from "next/link";
import { AccountStatusBadge, RiskBadge } from "@/components/accounts/account-badges";
import { buttonClass } from "@/components/form-styles";
import type { AccountDetail } from "@/lib/accounts/account-view";

export function AccountHeader({ account, canWrite, hasCluster }: { account: AccountDetail; canWrite: boolean; hasCluster: boolean }) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <p className="text-sm text-slate-500"><Link href="/accounts" className="hover:underline">Accounts</Link></p>
        <h1 className="font-mono text-2xl font-semibold tracking-tight">{account.externalId}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
          {account.displayName && <span className="text-slate-700">{account.displayName}</span>}
          <AccountStatusBadge status={account.status} />
          <RiskBadge score={account.riskScore} />
        </div>
      </div>
      <div className="flex items-center gap-2">
        {hasCluster && <Link href={`/accounts/clusters/${account.id}`} className={buttonClass("secondary")}>Cluster graph</Link>}
        {canWrite && <Link href={`/accounts/${account.id}/edit`} className={buttonClass()}>Edit</Link>}
      </div>
    </div>
  );
}
