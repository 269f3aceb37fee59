import type { Metadata } from "next";
import Link from "next/link";
import { ClusterTable } from "@/components/accounts/cluster-table";
import { EmptyState } from "@/components/empty-state";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { positiveInt, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";
import { listClusters } from "@/lib/links/clusters";

export const metadata: Metadata = { title: "Account clusters" };

const PAGE_SIZE = 25;

export default async function ClustersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const page = positiveInt((await searchParams).page);
  const result = await listClusters(actor, { page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Clusters"
        description={<>Accounts joined by accepted links: likely one actor. <Link href="/accounts" className={linkClass}>All accounts</Link></>}
      />
      {result.total === 0 ? (
        <EmptyState title="No clusters yet">Accept a suggested link, or link two accounts by hand, and the accounts it joins form a cluster.</EmptyState>
      ) : (
        <>
          <ClusterTable items={result.items} />
          <Pagination basePath="/accounts/clusters" params={page > 1 ? { page: String(page) } : {}} page={result.page} pageSize={result.pageSize} total={result.total} label="Cluster pages" />
        </>
      )}
    </>
  );
}
