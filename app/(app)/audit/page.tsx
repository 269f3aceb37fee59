import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AUDIT_QUERY_KEYS } from "@/components/audit/audit-query";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyAuditPanel } from "@/components/audit/verify-audit-panel";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { isQueryError, orQueryError } from "@/components/page-errors";
import { Pagination } from "@/components/pagination";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { pickParams, type SearchParams } from "@/components/url";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { verifyAuditAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  if (!can(actor.role, "audit:read")) notFound();
  const params = pickParams(await searchParams, AUDIT_QUERY_KEYS);
  const result = await orQueryError(listAuditEvents(actor, params));
  return (
    <>
      <PageHeader title="Audit trail" description="Every change and sensitive read, hash-chained so that edits and deletions are detectable." />
      <VerifyAuditPanel action={verifyAuditAction} />
      <AuditFilters params={params} />
      {isQueryError(result) ? (
        <QueryErrorAlert message={result.error} resetHref="/audit" />
      ) : result.total === 0 ? (
        <EmptyState title="No audit events match">Try a wider date range or fewer filters.</EmptyState>
      ) : (
        <>
          <AuditTable items={result.items} />
          <Pagination basePath="/audit" params={params} page={result.page} pageSize={result.pageSize} total={result.total} label="Audit pages" />
        </>
      )}
    </>
  );
}
