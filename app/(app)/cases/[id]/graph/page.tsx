import type { Metadata } from "next";
import Link from "next/link";
import { LinkGraphLoader } from "@/components/accounts/link-graph-loader";
import { EmptyState } from "@/components/empty-state";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/page-errors";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/access/permissions";
import { getCase } from "@/lib/cases/get-case";
import { getCaseGraph } from "@/lib/links/link-graph";
import { decideLinkAction } from "../../../accounts/actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Graph of ${(await params).id}` };
}

export default async function CaseGraphPage({ params }: Props) {
  const actor = await requireUser();
  const { id } = await params;
  const [c, graph] = await orNotFound(Promise.all([getCase(actor, id), getCaseGraph(actor, id)]));
  const back = <Link href={`/cases/${c.number}`} className={linkClass}>Back to {c.number}</Link>;
  return (
    <>
      <PageHeader
        title={`Link graph of ${c.number}`}
        description={<>{c.title} · the case&apos;s accounts (dark outline) and the accounts linked to them · {back}</>}
      />
      {graph.nodes.length === 0 ? (
        <EmptyState title="No accounts on this case">Attach accounts on the case page; their links show here.</EmptyState>
      ) : (
        <>
          {graph.truncated && (
            <p role="status" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              The graph is larger than can be shown; the first {graph.nodes.length.toLocaleString("en-US")} accounts and{" "}
              {graph.edges.length.toLocaleString("en-US")} links are drawn.
            </p>
          )}
          <LinkGraphLoader nodes={graph.nodes} edges={graph.edges} decide={can(actor.role, "account:write") ? decideLinkAction : undefined} />
        </>
      )}
    </>
  );
}
