// The case list below the filters: the table with pagination, or the right empty state.
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { buttonClass, linkClass } from "@/components/form-styles";
import { Pagination } from "@/components/pagination";
import { CaseTable } from "@/components/cases/case-table";
import { hasFilters } from "@/components/cases/case-query";
import { hrefWith } from "@/components/url";
import type { Page } from "@/lib/cases/list-cases";
import type { CaseSummary } from "@/lib/cases/case-view";

type Props = { result: Page<CaseSummary>; params: Record<string, string>; canCreate: boolean };

export function CaseResults({ result, params, canCreate }: Props) {
  if (result.total === 0) {
    return hasFilters(params) ? (
      <EmptyState title="No cases match" action={<Link href="/cases" className={buttonClass("secondary")}>Clear filters</Link>}>
        Try fewer filters or a different search.
      </EmptyState>
    ) : (
      <EmptyState title="No cases yet" action={canCreate && <Link href="/cases/new" className={buttonClass()}>New case</Link>}>
        Cases you can see will be listed here.
      </EmptyState>
    );
  }
  return (
    <>
      {result.items.length ? (
        <CaseTable items={result.items} params={params} />
      ) : (
        <EmptyState title="No cases on this page">
          <Link href={hrefWith("/cases", params, { page: undefined })} className={linkClass}>Go to the first page</Link>
        </EmptyState>
      )}
      <Pagination basePath="/cases" params={params} page={result.page} pageSize={result.pageSize} total={result.total} label="Case pages" />
    </>
  );
}
