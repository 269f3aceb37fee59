// The case's accounts ranked by distillation score, with the factors that drove each score and a
// link down to the account's log lines. Server-side paged.
import Link from "next/link";
import { Badge } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { formatCount } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { Pagination } from "@/components/pagination";
import type { DistillationAccount } from "@/lib/distillation/compute-case-distillation";

type Props = {
  accounts: DistillationAccount[];
  total: number;
  page: number;
  pageSize: number;
  threshold: number;
  basePath: string;
  params: Record<string, string>;
  selectedAccountId?: string;
};

export function AccountScoreTable({ accounts, total, page, pageSize, threshold, basePath, params, selectedAccountId }: Props) {
  const th = "px-3 py-2 text-left font-medium whitespace-nowrap";
  return (
    <>
      <DataTable caption={`Accounts ranked by distillation score; flagged at ${threshold} or more`} shadow={false} head={<>
        <th scope="col" className={`${th} text-right`}>#</th>
        <th scope="col" className={th}>Account</th>
        <th scope="col" className={`${th} text-right`}>Score</th>
        <th scope="col" className={th}>What drove it</th>
        <th scope="col" className={`${th} text-right`}>Requests</th>
        <th scope="col" className={th}>Drill-down</th>
      </>}>
        {accounts.map((a, i) => (
          <tr key={a.accountId} data-flagged={a.flagged || undefined} className={a.accountId === selectedAccountId ? "bg-amber-50" : undefined}>
            <td className="px-3 py-2 text-right tabular-nums text-slate-500">{(page - 1) * pageSize + i + 1}</td>
            <td className="px-3 py-2">
              <Link href={`/accounts/${a.accountId}`} className={`${linkClass} break-all`}>{a.externalId}</Link>
              {a.displayName && <div className="text-xs text-slate-500">{a.displayName}</div>}
            </td>
            <td className="px-3 py-2 text-right">
              <div className="flex items-center justify-end gap-2">
                {a.flagged && <Badge tone="red">Flagged</Badge>}
                <span className="tabular-nums font-medium">{a.score}</span>
              </div>
              <meter min={0} max={100} value={a.score} high={threshold} optimum={0} className="mt-1 h-1.5 w-20" aria-label={`Score ${a.score} of 100`} />
            </td>
            <td className="min-w-56 px-3 py-2">
              {a.factors.filter((f) => f.points > 0).length === 0 ? (
                <span className="text-xs text-slate-500">nothing stands out</span>
              ) : (
                <ul className="space-y-0.5 text-xs">
                  {a.factors.filter((f) => f.points > 0).slice(0, 3).map((f) => (
                    <li key={f.key} title={f.detail}>
                      <span className="font-medium">+{f.points}</span> {f.label}
                      <span className="text-slate-500"> · {f.detail}</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{formatCount(a.requests)}</td>
            <td className="px-3 py-2 whitespace-nowrap">
              {/* aria-label, not an sr-only span: an absolutely placed span in a scrolled table widens the page on a phone. */}
              <Link href={`${basePath}?${new URLSearchParams({ ...params, account: a.accountId })}#log-lines`} className={linkClass} aria-label={`Log lines of ${a.externalId}`}>
                Log lines
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination basePath={basePath} params={params} page={page} pageSize={pageSize} total={total} pageParam="accountsPage" label="Account pages" />
    </>
  );
}
