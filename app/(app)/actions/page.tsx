import type { Metadata } from "next";
import Link from "next/link";
import { ActionTable } from "@/components/actions/action-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { isQueryError, orQueryError } from "@/components/page-errors";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { pickParams, positiveInt, type SearchParams } from "@/components/url";
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

/** Filters the dashboard links here with (no controls of their own: named above the results). */
const FILTER_LABELS: Record<string, string> = {
  type: "type", status: "state", severity: "case severity", tag: "case tag", leadId: "case lead", createdFrom: "created from", createdTo: "created before", member: "member",
};

export default async function ActionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const query = await searchParams;
  const filters = pickParams(query, Object.keys(FILTER_LABELS));
  const filtered = Object.keys(filters).length > 0;
  // With filters (a link from the dashboard) and no queue: every action that matches them.
  const queue = (ACTION_QUEUES as readonly string[]).includes(String(query.queue)) ? (query.queue as ActionQueue) : filtered ? undefined : "awaiting-approval";
  const page = positiveInt(query.page);
  const result = await orQueryError(listActions(actor, { ...filters, queue, page: String(page), pageSize: String(PAGE_SIZE) }));
  const heading = queue ? QUEUE_LABEL[queue] : "Matching actions";
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
      {filtered && (
        <p className="mb-3 text-sm text-slate-700" data-extra-filters>
          Filtered by: {Object.entries(filters).map(([k, v]) => `${FILTER_LABELS[k]} ${v}`).join(" · ")}{" "}
          <Link href={queue ? `/actions?queue=${queue}` : "/actions"} className="underline">Clear</Link>
        </p>
      )}
      <h2 className="sr-only">{heading}</h2>
      {isQueryError(result) ? (
        <QueryErrorAlert message={result.error} resetHref="/actions" />
      ) : result.total === 0 ? (
        <EmptyState title={`Nothing in “${heading}”`} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" data-total={result.total}>{result.total.toLocaleString("en")} {result.total === 1 ? "action" : "actions"}</p>
          <ActionTable items={result.items} />
          <Pagination basePath="/actions" params={{ ...filters, ...(queue ? { queue } : {}) }} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
