import type { Metadata } from "next";
import Link from "next/link";
import { AccountFilters } from "@/components/accounts/account-filters";
import { ACCOUNT_QUERY_KEYS } from "@/components/accounts/account-query";
import { AccountResults } from "@/components/accounts/account-results";
import { ExportCsvLink } from "@/components/export-csv-link";
import { buttonClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { isQueryError, orQueryError } from "@/components/page-errors";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { pickParams, type SearchParams } from "@/components/url";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const params = pickParams(await searchParams, ACCOUNT_QUERY_KEYS);
  const result = await orQueryError(listAccounts(actor, params));
  const canWrite = can(actor.role, "account:write");
  return (
    <>
      <PageHeader
        title="Accounts"
        description="API accounts under investigation, across every case you can see."
        actions={
          <>
            <ExportCsvLink api="/api/v1/accounts" params={params} what="the account list" />
            <Link href="/accounts/clusters" className={buttonClass("secondary")}>Clusters</Link>
            {canWrite && <Link href="/accounts/import" className={buttonClass("secondary")}>Import</Link>}
            {canWrite && <Link href="/accounts/new" className={buttonClass()}>New account</Link>}
          </>
        }
      />
      <AccountFilters params={params} />
      {isQueryError(result) ? (
        <QueryErrorAlert message={result.error} resetHref="/accounts" />
      ) : (
        <AccountResults result={result} params={params} canWrite={canWrite} />
      )}
    </>
  );
}
