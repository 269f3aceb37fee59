// The account list below the filters: the table with pagination, or the right empty state.
import Link from "next/link";
import { AccountTable } from "@/components/accounts/account-table";
import { hasAccountFilters } from "@/components/accounts/account-query";
import { EmptyState } from "@/components/empty-state";
import { buttonClass, linkClass } from "@/components/form-styles";
import { Pagination } from "@/components/pagination";
import { hrefWith } from "@/components/url";
import type { AccountSummary } from "@/lib/accounts/account-view";
import type { Page } from "@/lib/cases/list-cases";

type Props = { result: Page<AccountSummary>; params: Record<string, string>; canWrite: boolean };

export function AccountResults({ result, params, canWrite }: Props) {
  if (result.total === 0) {
    return hasAccountFilters(params) ? (
      <EmptyState title="No accounts match" action={<Link href="/accounts" className={buttonClass("secondary")}>Clear filters</Link>}>
        Try fewer filters or a different search.
      </EmptyState>
    ) : (
      <EmptyState
        title="No accounts yet"
        action={canWrite && (
          <span className="flex gap-2">
            <Link href="/accounts/new" className={buttonClass()}>New account</Link>
            <Link href="/accounts/import" className={buttonClass("secondary")}>Import accounts</Link>
          </span>
        )}
      >
        The API accounts under investigation will be listed here.
      </EmptyState>
    );
  }
  return (
    <>
      {result.items.length ? (
        <AccountTable items={result.items} params={params} />
      ) : (
        <EmptyState title="No accounts on this page">
          <Link href={hrefWith("/accounts", params, { page: undefined })} className={linkClass}>Go to the first page</Link>
        </EmptyState>
      )}
      <Pagination basePath="/accounts" params={params} page={result.page} pageSize={result.pageSize} total={result.total} label="Account pages" />
    </>
  );
}
