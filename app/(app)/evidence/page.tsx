import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { EvidenceFilters } from "@/components/evidence/evidence-filters";
import { EvidenceTable } from "@/components/evidence/evidence-table";
import { PageHeader } from "@/components/page-header";
import { isQueryError, orQueryError } from "@/components/page-errors";
import { Pagination } from "@/components/pagination";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { pickParams, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";
import { findEvidence, isShortHashPrefix, MIN_HASH_PREFIX } from "@/lib/evidence/find-evidence";

export const metadata: Metadata = { title: "Evidence" };

const KEYS = ["q", "kind", "page"] as const;

export default async function EvidenceSearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const params = pickParams(await searchParams, KEYS);
  const result = await orQueryError(findEvidence(actor, { ...params, pageSize: 25 }));
  const filtered = Boolean(params.q || params.kind);
  return (
    <>
      <PageHeader title="Evidence" description="Everything on the cases you can see. Upload new evidence from its case." />
      <EvidenceFilters params={params} />
      {isQueryError(result) ? (
        <QueryErrorAlert message={result.error} resetHref="/evidence" />
      ) : result.total === 0 ? (
        <EmptyState title={filtered ? "No evidence matches" : "No evidence yet"}>
          {isShortHashPrefix(params.q)
            ? `“${params.q?.trim()}” is too short to search as a hash: a SHA-256 prefix needs at least ${MIN_HASH_PREFIX} hex digits. No title or file name contains it either.`
            : filtered
              ? "Try another title, file name or hash."
              : "Open a case and drop files onto it to start."}
        </EmptyState>
      ) : (
        <>
          <EvidenceTable items={result.items} showCase />
          <Pagination basePath="/evidence" params={params} page={result.page} pageSize={result.pageSize} total={result.total} label="Evidence pages" />
        </>
      )}
    </>
  );
}
