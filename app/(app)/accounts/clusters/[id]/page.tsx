import type { Metadata } from "next";
import Link from "next/link";
import { CaseListInline } from "@/components/accounts/case-list-inline";
import { LinkGraphLoader } from "@/components/accounts/link-graph-loader";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/page-errors";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { getCluster } from "@/lib/links/clusters";
import { getClusterGraph } from "@/lib/links/link-graph";
import { decideLinkAction } from "../../actions";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Cluster" };

export default async function ClusterPage({ params }: Props) {
  const actor = await requireUser();
  const { id } = await params;
  const cluster = await orNotFound(getCluster(actor, id));
  const graph = await getClusterGraph(actor, cluster.id);
  const reasons = cluster.strongestReasons.slice(0, 3).map((r) => r.reason).join(", ");
  return (
    <>
      <PageHeader
        title={`Cluster of ${cluster.size} accounts`}
        description={
          <>
            {cluster.linkCount} accepted links{reasons && <> · strongest: {reasons}</>}
            {cluster.cases.length > 0 && <> · on <CaseListInline cases={cluster.cases} /></>} ·{" "}
            <Link href="/accounts/clusters" className={linkClass}>All clusters</Link>
          </>
        }
      />
      {graph.truncated && (
        <p role="status" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This cluster is larger than the graph can show; the first {graph.nodes.length.toLocaleString("en-US")} accounts and{" "}
          {graph.edges.length.toLocaleString("en-US")} links are drawn.
        </p>
      )}
      <LinkGraphLoader nodes={graph.nodes} edges={graph.edges} decide={can(actor.role, "account:write") ? decideLinkAction : undefined} />
    </>
  );
}
