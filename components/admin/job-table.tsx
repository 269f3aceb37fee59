import { Badge, type Tone } from "@/components/badge";
import { DataTable } from "@/components/data-table";
import { formatDateTime } from "@/components/format";
import type { JobView } from "@/lib/jobs/list-jobs";

const TONE: Record<JobView["status"], Tone> = { QUEUED: "blue", RUNNING: "violet", SUCCEEDED: "emerald", FAILED: "amber", DEAD: "red" };

export function JobTable({ jobs, retry }: { jobs: JobView[]; retry: (form: FormData) => Promise<void> }) {
  if (jobs.length === 0) return <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No jobs in this state.</p>;
  return (
    <DataTable
      caption="Background jobs"
      head={
        <>
          <th scope="col" className="px-3 py-2 text-left font-medium">Type</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Status</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Attempts</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Next run / finished</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Worker</th>
          <th scope="col" className="px-3 py-2 text-left font-medium">Last error</th>
          <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
        </>
      }
    >
      {jobs.map((j) => (
        <tr key={j.id}>
          <td className="px-3 py-2 font-mono text-xs">
            {j.type}
            <div className="text-slate-500">{j.id}</div>
          </td>
          <td className="px-3 py-2"><Badge tone={TONE[j.status]}>{j.status.toLowerCase()}</Badge></td>
          <td className="px-3 py-2 tabular-nums">{j.attempts} / {j.maxAttempts}</td>
          <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(j.finishedAt ?? (j.status === "RUNNING" ? j.leaseExpiresAt ?? j.runAt : j.runAt))}</td>
          <td className="px-3 py-2 font-mono text-xs">{j.leaseOwner ?? "—"}</td>
          <td className="max-w-md px-3 py-2 text-xs break-words text-slate-700">{j.lastError ?? "—"}</td>
          <td className="px-3 py-2 text-right">
            {(j.status === "DEAD" || j.status === "FAILED") && (
              <form action={retry}>
                <input type="hidden" name="jobId" value={j.id} />
                <button type="submit" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50">Retry now</button>
              </form>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
