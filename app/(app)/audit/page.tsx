import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AUDIT_QUERY_KEYS } from "@/components/audit/audit-query";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyAuditPanel } from "@/components/audit/verify-audit-panel";
import { EmptyState } from "@/components/empty-state";
import { ExportCsvLink } from "@/components/export-csv-link";
import { PageHeader } from "@/components/page-header";
import { isQueryError, orQueryError } from "@/components/page-errors";
import { Pagination } from "@/components/pagination";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { pickParams, type SearchParams } from "@/components/url";
import { listAuditFilterOptions } from "@/lib/audit/audit-filter-options";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireUser } from "@/lib/auth/current-user";
import { verifyAuditAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };

const DESCRIPTIONS = {
  all: "Every change and sensitive read, hash-chained so that edits and deletions are detectable.",
  chain: "Every change and sensitive read, hash-chained so that edits and deletions are detectable. Events on restricted cases you cannot see stay in their place with their details withheld.",
  cases: "Every change and sensitive read on the cases you can see.",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const params = pickParams(await searchParams, AUDIT_QUERY_KEYS);
  const options = await listAuditFilterOptions(actor);
  const result = await orQueryError(listAuditEvents(actor, params));
  const chain = options.scope !== "cases";
  return (
    <>
      <PageHeader title="Audit trail" description={DESCRIPTIONS[options.scope]} actions={<ExportCsvLink api="/api/v1/audit" params={params} what="the audit trail" />} />
      {chain && <VerifyAuditPanel action={verifyAuditAction} />}
      <AuditFilters params={params} options={options} />
      {isQueryError(result) ? (
        <QueryErrorAlert message={result.error} resetHref="/audit" />
      ) : result.total === 0 ? (
        <EmptyState title="No audit events match">Try a wider date range or fewer filters.</EmptyState>
      ) : (
        <>
          <AuditTable items={result.items} chain={chain} />
          <Pagination basePath="/audit" params={params} page={result.page} pageSize={result.pageSize} total={result.total} label="Audit pages" />
        </>
      )}
    </>
  );
}
