// What the analysis stands on: the logs of the case's completed ingest runs (with their SHA-256),
// the totals, and the logs not counted yet.
import Link from "next/link";
import { formatCount } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import type { ViewTotals } from "@/lib/distillation-views/case-distillation-views";
import type { LogSource, PendingLog } from "@/lib/distillation-views/completed-runs";

type Props = { sources: LogSource[]; pending: PendingLog[]; totals: ViewTotals; flagged: number; threshold: number };

export function SourcesSummary({ sources, pending, totals, flagged, threshold }: Props) {
  return (
    <section aria-label="Summary" className="rounded-md border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Flagged accounts" value={`${formatCount(flagged)} of ${formatCount(totals.accounts)}`} hint={`score ≥ ${threshold}`} />
        <Figure label="Requests" value={formatCount(totals.requests)} />
        <Figure label="Prompt tokens" value={formatCount(totals.promptTokens)} />
        <Figure label="Completion tokens" value={formatCount(totals.completionTokens)} />
      </dl>
      <p className="mt-3 text-slate-600">
        From {sources.length === 1 ? "one completed ingest" : `${formatCount(sources.length)} completed ingests`}:{" "}
        {sources.map((s, i) => (
          <span key={s.runId}>
            {i > 0 && ", "}
            <Link href={`/evidence/${s.evidenceId}`} className={linkClass}>{s.fileName || s.title}</Link>{" "}
            <code className="text-xs" title={`SHA-256 ${s.sha256}`}>{s.sha256.slice(0, 12)}…</code> ({formatCount(s.linesOk)} lines
            {s.linesFailed > 0 && `, ${formatCount(s.linesFailed)} malformed`})
          </span>
        ))}
        .
        {pending.length > 0 && ` ${formatCount(pending.length)} more log(s) not counted until their ingest completes.`}
      </p>
    </section>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}
