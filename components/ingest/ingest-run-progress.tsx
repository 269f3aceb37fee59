"use client";
// The live part of an ingest run's page: state, a progress bar over the stored bytes, lines done,
// lines per second and time left, and the malformed lines. While the run is QUEUED or RUNNING it
// reads GET /api/v1/ingest-runs/{id} every second (the session cookie authenticates it), so the
// page follows the run without reloading; the rates come from the last samples seen here.
import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { DataTable } from "@/components/data-table";
import { formatBytes, formatCount, formatDateTime } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { IngestStateBadge } from "@/components/ingest/ingest-state-badge";
import type { IngestRunDetail } from "@/lib/ingest/ingest-run-view";

const POLL_MS = 1_000;
const active = (state: string) => state === "QUEUED" || state === "RUNNING";

type Sample = { at: number; lines: number; bytes: number };
type Rates = { linesPerSecond: number; bytesPerSecond: number };

export function IngestRunProgress({ initial, basePath }: { initial: IngestRunDetail; basePath: string }) {
  const [run, setRun] = useState(initial);
  const [rates, setRates] = useState<Rates | null>(null);
  const [stale, setStale] = useState(false);
  const last = useRef<Sample | null>(null);

  // A refreshed page brings a new `initial`: start from it (adjusted while rendering, not in an effect).
  const [seenInitial, setSeenInitial] = useState(initial);
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    setRun(initial);
  }

  useEffect(() => {
    if (!active(run.state)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const q = `errorsPage=${initial.errorsPage.page}&errorsPageSize=${initial.errorsPage.pageSize}`;
        const res = await fetch(`/api/v1/ingest-runs/${encodeURIComponent(run.id)}?${q}`, { cache: "no-store", headers: { accept: "application/json" } });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const next = (await res.json()) as IngestRunDetail;
        if (stopped) return;
        const now = Date.now();
        const prev = last.current;
        if (prev && now > prev.at && next.linesTotal >= prev.lines) {
          const seconds = (now - prev.at) / 1000;
          const sample = { linesPerSecond: (next.linesTotal - prev.lines) / seconds, bytesPerSecond: (next.bytesDone - prev.bytes) / seconds };
          // Batches land in steps: smooth over the last few seconds.
          setRates((r) => (r ? { linesPerSecond: 0.6 * r.linesPerSecond + 0.4 * sample.linesPerSecond, bytesPerSecond: 0.6 * r.bytesPerSecond + 0.4 * sample.bytesPerSecond } : sample));
        }
        last.current = { at: now, lines: next.linesTotal, bytes: next.bytesDone };
        setRun(next);
        setStale(false);
      } catch {
        if (!stopped) setStale(true);
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [run.id, run.state, initial.errorsPage.page, initial.errorsPage.pageSize]);

  const pct = run.bytesTotal > 0 ? Math.min(100, Math.floor((run.bytesDone / run.bytesTotal) * 100)) : 0;
  const done = run.state === "COMPLETED";
  const shownPct = done ? 100 : pct;
  const secondsLeft = rates && rates.bytesPerSecond > 0 ? (run.bytesTotal - run.bytesDone) / rates.bytesPerSecond : null;
  const elapsed = run.startedAt && run.finishedAt ? (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000 : null;

  return (
    <div className="space-y-6" data-testid="ingest-run" data-state={run.state}>
      <section aria-labelledby="ingest-progress-heading" className="rounded-md border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="ingest-progress-heading" className="text-base font-semibold">Progress</h2>
          <IngestStateBadge state={run.state} replaced={!!run.replacedAt} />
          {run.format && (
            <span className="text-sm text-slate-600">
              {run.format === "jsonl" ? "JSON Lines" : "CSV"}
              {run.compressed ? ", gzip" : ""}
            </span>
          )}
          {stale && <span role="status" className="text-sm text-amber-800">Cannot reach the server; retrying…</span>}
        </div>
        <div
          role="progressbar"
          aria-label="Bytes of the log read"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={shownPct}
          aria-valuetext={`${shownPct}% (${formatBytes(done ? run.bytesTotal : run.bytesDone)} of ${formatBytes(run.bytesTotal)})`}
          className="mt-4 h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div className={`h-full ${run.state === "FAILED" ? "bg-red-500" : done ? "bg-emerald-500" : "bg-blue-600"} transition-[width]`} style={{ width: `${shownPct}%` }} />
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
          <Fact label="Read">
            {formatBytes(done ? run.bytesTotal : run.bytesDone)} of {formatBytes(run.bytesTotal)} ({shownPct}%)
          </Fact>
          <Fact label="Lines">
            <span data-testid="ingest-lines">{formatCount(run.linesTotal)}</span> ({formatCount(run.linesOk)} stored, {formatCount(run.linesFailed)} malformed)
          </Fact>
          {active(run.state) ? (
            <>
              <Fact label="Speed">{rates ? `${formatCount(Math.round(rates.linesPerSecond))} lines/s` : "measuring…"}</Fact>
              <Fact label="Time left">{secondsLeft !== null ? formatDuration(secondsLeft) : "estimating…"}</Fact>
            </>
          ) : (
            <>
              <Fact label="Took">{elapsed !== null ? formatDuration(elapsed) : "—"}</Fact>
              <Fact label="Average">{elapsed ? `${formatCount(Math.round(run.linesTotal / Math.max(elapsed, 0.001)))} lines/s` : "—"}</Fact>
            </>
          )}
        </dl>
        {run.error && (
          <p role={run.state === "FAILED" ? "alert" : "status"} className={`mt-4 rounded-md border p-3 text-sm ${run.state === "FAILED" ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
            {run.state === "FAILED" ? "Failed: " : ""}
            {run.error}
          </p>
        )}
        {run.replacedAt && <p className="mt-4 text-sm text-slate-700">Replaced by a later run on {formatDateTime(run.replacedAt)}; its rows were deleted.</p>}
        <p className="mt-4 text-xs text-slate-500">
          Started by {run.createdBy.name} · queued {formatDateTime(run.createdAt)} · started {formatDateTime(run.startedAt)} · finished {formatDateTime(run.finishedAt)}
        </p>
      </section>

      <section aria-labelledby="ingest-errors-heading">
        <h2 id="ingest-errors-heading" className="mb-2 text-base font-semibold">
          Malformed lines ({formatCount(run.linesFailed)})
        </h2>
        {run.linesFailed === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
            {active(run.state) ? "None so far." : "None: every line with content was read into a request row."}
          </p>
        ) : (
          <>
            {run.linesFailed > run.errorsPage.stored && (
              <p className="mb-2 text-sm text-slate-600">The first {formatCount(run.errorsPage.stored)} are kept, with their line number in the file and the reason.</p>
            )}
            <DataTable caption="Malformed lines: line number in the file and reason" head={<><th scope="col" className="px-3 py-2 text-right font-medium">Line</th><th scope="col" className="px-3 py-2 text-left font-medium">Reason</th></>}>
              {run.errors.map((e) => (
                <tr key={e.line}>
                  <td className="px-3 py-1.5 text-right font-mono tabular-nums">{e.line}</td>
                  <td className="break-all px-3 py-1.5">{e.reason}</td>
                </tr>
              ))}
            </DataTable>
            <ErrorPages run={run} basePath={basePath} />
          </>
        )}
      </section>
    </div>
  );
}

function ErrorPages({ run, basePath }: { run: IngestRunDetail; basePath: string }) {
  const { page, pageSize, stored } = run.errorsPage;
  const errorsHref = (n: number) => `${basePath}?errorsPage=${n}`;
  const pages = Math.max(1, Math.ceil(stored / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="Malformed line pages" className="mt-2 flex items-center gap-3 text-sm">
      {page > 1 ? <Link href={errorsHref(page - 1)} className={linkClass} rel="prev">Previous</Link> : <span className="text-slate-400">Previous</span>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={errorsHref(page + 1)} className={linkClass} rel="next">Next</Link> : <span className="text-slate-400">Next</span>}
    </nav>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  );
}

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
