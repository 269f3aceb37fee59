// The registry facts of an account.
import { formatDate, formatDateTime } from "@/components/format";
import { Panel } from "@/components/panel";
import type { AccountDetail } from "@/lib/accounts/account-view";

export function AccountFacts({ account }: { account: AccountDetail }) {
  const rows: [string, React.ReactNode][] = [
    ["Emails", account.emails.length ? account.emails.map((e) => <span key={e} className="block break-all">{e}</span>) : "—"],
    ["Organization", account.organization || "—"],
    ["Country", account.country ?? "—"],
    ["Created at the provider", formatDate(account.providerCreatedAt)],
    ["Registered", formatDateTime(account.createdAt)],
    ["Updated", formatDateTime(account.updatedAt)],
  ];
  return (
    <Panel title="Details" id="account-facts">
      <dl className="space-y-2 text-sm">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
