import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobTable } from "@/components/admin/job-table";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { hrefWith, positiveInt, type SearchParams } from "@/components/url";
import { can } from "@/lib/access/permissions";
import { requireUser } from "@/lib/auth/current-user";
import { label } from "@/lib/cases/case-status";
import type { JobStatus } from "@/lib/generated/sqlite/enums";
import { JOB_STATUSES, listJobs } from "@/lib/jobs/list-jobs";
import { retryJobAction } from "./actions";

export const metadata: Metadata = { title: "Background jobs" };

const PAGE_SIZE = 50;

export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  if (!can(actor.role, "users:manage")) notFound();
  const sp = await searchParams;
  const raw = Array.isArray(sp.status) ? sp.status[0] : sp.status;
  const status = (JOB_STATUSES as readonly string[]).includes(raw ?? "") ? (raw as JobStatus) : "QUEUED";
  const page = positiveInt(sp.page);
  const jobs = await listJobs(actor, { status, page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Webhook deliveries, emails and reminders. Failed jobs retry with backoff; dead ones gave up and can be retried here."
      />
      <nav aria-label="Job status" className="mb-4 flex flex-wrap gap-2 text-sm">
        {JOB_STATUSES.map((s) => (
          <Link
            key={s}
            href={hrefWith("/admin/jobs", { status: s })}
            aria-current={s === status ? "page" : undefined}
            className={`rounded-md border px-3 py-1 ${s === status ? "border-slate-800 bg-slate-800 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
          >
            {label(s)} <span className="tabular-nums">({jobs.counts[s]})</span>
          </Link>
        ))}
      </nav>
      <JobTable jobs={jobs.items} retry={retryJobAction} />
      <Pagination basePath="/admin/jobs" params={{ status }} page={jobs.page} pageSize={jobs.pageSize} total={jobs.total} label="Job pages" />
    </>
  );
}
