// The ingestion part of an API_LOG evidence page: the runs of the item (newest first, each linking
// to its page) and the button to start one. While a run is active there is no button, only the
// link to follow it.
import Link from "next/link";
import type { FormAction } from "@/components/action-state";
import { formatCount, formatDateTime } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { ingestRunHref } from "@/components/ingest/ingest-run-href";
import { IngestStateBadge } from "@/components/ingest/ingest-state-badge";
import { StartIngestForm } from "@/components/ingest/start-ingest-form";
import { Panel } from "@/components/panel";
import type { IngestRunView } from "@/lib/ingest/ingest-run-view";

type Props = { evidenceId: string; runs: IngestRunView[]; canStart: boolean; action: FormAction };

export function EvidenceIngestPanel({ evidenceId, runs, canStart, action }: Props) {
  const active = runs.find((r) => r.state === "QUEUED" || r.state === "RUNNING");
  const current = runs.find((r) => !r.replacedAt && (r.state === "COMPLETED" || r.state === "FAILED"));
  return (
    <Panel title="Ingestion" id="evidence-ingest">
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600">
          Not ingested yet. Ingesting reads every line of this log into request rows (accounts matched or added, their IPs, API keys and user agents
          recorded) for the case&apos;s distillation analysis.
        </p>
      ) : (
        <ul className="space-y-2 text-sm" aria-label="Ingest runs, newest first">
          {runs.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <IngestStateBadge state={r.state} replaced={!!r.replacedAt} />
              <Link href={ingestRunHref(r)} className={linkClass}>
                Run of {formatDateTime(r.createdAt)}
              </Link>
              <span className="text-slate-500">
                {formatCount(r.linesOk)} rows{r.linesFailed > 0 ? `, ${formatCount(r.linesFailed)} malformed` : ""} · by {r.createdBy.name}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3">
        {active ? (
          <p className="text-sm text-slate-700">
            A run is {active.state === "QUEUED" ? "queued" : "in progress"}: <Link href={ingestRunHref(active)} className={linkClass}>follow its progress</Link>.
          </p>
        ) : canStart ? (
          <StartIngestForm action={action} evidenceId={evidenceId} replaces={current ? { lines: current.linesOk } : null} />
        ) : null}
      </div>
    </Panel>
  );
}
