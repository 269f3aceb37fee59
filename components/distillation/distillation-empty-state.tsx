// The distillation page before any ingest run has completed: what is still to do, and where.
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { buttonClass, linkClass } from "@/components/form-styles";
import { ingestRunHref } from "@/components/ingest/ingest-run-href";
import type { PendingLog } from "@/lib/distillation-views/completed-runs";

const STATE_TEXT: Record<string, string> = { QUEUED: "queued", RUNNING: "ingesting now", FAILED: "ingest failed", COMPLETED: "replaced" };

export function DistillationEmptyState({ caseId, caseNumber, pending }: { caseId: string; caseNumber: string; pending: PendingLog[] }) {
  return (
    <EmptyState
      title="No completed ingest yet"
      action={<Link href={`/cases/${caseNumber}#case-evidence-heading`} className={buttonClass("secondary")}>Go to the case&apos;s evidence</Link>}
    >
      <p>
        The analysis reads API usage logs once their ingestion has completed. Upload the log as API_LOG evidence, then start its
        ingest from the evidence page.
      </p>
      {pending.length > 0 && (
        <ul className="mt-3 space-y-1 text-left sm:mx-auto sm:max-w-md">
          {pending.map((p) => (
            <li key={p.evidenceId}>
              <Link href={`/evidence/${p.evidenceId}`} className={linkClass}>{p.title}</Link>
              <span className="text-slate-500">
                {" · "}
                {p.run ? (
                  <Link href={ingestRunHref({ caseId, id: p.run.id })} className={linkClass}>{STATE_TEXT[p.run.state] ?? p.run.state}</Link>
                ) : (
                  "not ingested"
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </EmptyState>
  );
}
