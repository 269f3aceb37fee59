import type { Metadata } from "next";
import Link from "next/link";
import { ActionTable } from "@/components/actions/action-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { positiveInt, type SearchParams } from "@/components/url";
import { ACTION_QUEUES, type ActionQueue } from "@/lib/actions/action-schemas";
import { listActions } from "@/lib/actions/list-actions";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Actions" };

const QUEUE_LABEL: Record<ActionQueue, string> = {
  "awaiting-approval": "Awaiting my approval",
  mine: "Mine in progress",
  overdue: "Overdue",
  "due-soon": "Due in 7 days",
};

const PAGE_SIZE = 25;

export default async function ActionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const query = await searchParams;
  const queue = (ACTION_QUEUES as readonly string[]).includes(String(query.queue)) ? (query.queue as ActionQueue) : "awaiting-approval";
  const page = positiveInt(query.page);
  const result = await listActions(actor, { queue, page: String(page), pageSize: String(PAGE_SIZE) });
  return (
    <div>
      <PageHeader title="Actions" description="Access revocations and national-security reviews across the cases you can see." />
      <nav aria-label="Queues" className="mb-4 flex flex-wrap gap-2">
        {ACTION_QUEUES.map((q) => (
          <Link
            key={q}
            href={`/actions?queue=${q}`}
            aria-current={q === queue ? "page" : undefined}
            className={`rounded-md px-3 py-1 text-sm ${q === queue ? "bg-slate-900 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}
          >
            {QUEUE_LABEL[q]}
          </Link>
        ))}
      </nav>
      <h2 className="sr-only">{QUEUE_LABEL[queue]}</h2>
      {result.total === 0 ? (
        <EmptyState title={`Nothing in “${QUEUE_LABEL[queue]}”`} />
      ) : (
        <>
          <ActionTable items={result.items} />
          <Pagination basePath="/actions" params={{ queue }} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
