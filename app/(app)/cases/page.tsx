import type { Metadata } from "next";
import Link from "next/link";
import { CaseFilters } from "@/components/cases/case-filters";
import { CASE_QUERY_KEYS } from "@/components/cases/case-query";
import { CaseResults } from "@/components/cases/case-results";
import { ExportCsvLink } from "@/components/export-csv-link";
import { buttonClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { isQueryError, orQueryError } from "@/components/page-errors";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { pickParams, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { listCases } from "@/lib/cases/list-cases";
import { listAssignableUsers } from "@/lib/users/users";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const params = pickParams(await searchParams, CASE_QUERY_KEYS);
  const [result, leads] = await Promise.all([orQueryError(listCases(actor, params)), listAssignableUsers()]);
  const canCreate = can(actor.role, "case:create");
  return (
    <>
      <PageHeader
        title="Cases"
        actions={
          <>
            <ExportCsvLink api="/api/v1/cases" params={params} what="the case list" />
            {canCreate && <Link href="/cases/new" className={buttonClass()}>New case</Link>}
          </>
        }
      />
      <CaseFilters params={params} leads={leads} />
      {isQueryError(result) ? (
        <QueryErrorAlert message={result.error} resetHref="/cases" />
      ) : (
        <CaseResults result={result} params={params} canCreate={canCreate} />
      )}
    </>
  );
}
