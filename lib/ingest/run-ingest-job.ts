// The ingest.run job: streams the evidence blob from the blob store (local or S3) through the
// log-format parser and writes it in batches (write-ingest-batch.ts), then recomputes suggested
// links once and marks the run COMPLETED. Memory stays flat: one chunk, one batch and bounded
// caches. Safe to run again at any point (the job runner is at-least-once, decision 0013): it
// resumes after the run's lastLine, so an interrupted run never doubles or loses a line. A file
// that is not a log, a missing blob or removed evidence fail the run at once; other errors are
// retried by the runner with backoff, and the run fails with the last attempt.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { completeIngestRun, failIngestRun } from "@/lib/ingest/finish-ingest-run";
import { startHeapGuard } from "@/lib/jobs/heap-guard";
import { MAX_STORED_ERRORS } from "@/lib/ingest/ingest-run-view";
import { newRunCaches, RunTakenError, writeIngestBatch, type IngestBatch } from "@/lib/ingest/write-ingest-batch";
import { PermanentJobError, type JobContext } from "@/lib/jobs/job-handlers";
import { recomputeSuggestedLinks } from "@/lib/link-suggestions/suggest-links";
import { LogFormatError } from "@/lib/log-format/detect-format";
import { LogLineParser } from "@/lib/log-format/log-line-parser";
import type { LineError, LogRow } from "@/lib/log-format/log-row";
import { readLogStream } from "@/lib/log-format/read-log-stream";
import { blobStore } from "@/lib/storage/blob-store";

export const DEFAULT_INGEST_BATCH = 5_000;
/** The gzip cap is never below this, so a small file of very repetitive lines is not refused. */
export const MIN_GZIP_TEXT_CAP = 64 * 1024 * 1024;

export type IngestOptions = {
  /** Lines per transaction (default DEFAULT_INGEST_BATCH). */
  batchSize?: number;
  /** The most text a gzip log may decompress to (default gzipTextCap of its stored size). */
  maxTextBytes?: number;
};

/** How much text a gzip log of `storedBytes` may decompress to: LANTERN_INGEST_MAX_GZIP_RATIO times
 *  its size, at least MIN_GZIP_TEXT_CAP. */
export function gzipTextCap(storedBytes: number, ratio = env().LANTERN_INGEST_MAX_GZIP_RATIO): number {
  return Math.max(MIN_GZIP_TEXT_CAP, Math.ceil(storedBytes * ratio));
}

/** A failure no retry can mend: the run fails with this message. */
class RunFailure extends Error {}

export async function runIngestJob(payload: unknown, job: JobContext, options: IngestOptions = {}): Promise<void> {
  const runId = (payload as { runId?: unknown } | null)?.runId;
  if (typeof runId !== "string") throw new PermanentJobError("ingest.run without a runId");
  const run = await db().ingestRun.findUnique({
    where: { id: runId },
    select: { id: true, caseId: true, state: true, replacedAt: true, startedAt: true, lastLine: true, bytesTotal: true, evidence: { select: { sha256: true, removedAt: true } } },
  });
  if (!run) throw new PermanentJobError(`ingest run ${runId} does not exist`);
  if (run.replacedAt || run.state === "COMPLETED" || run.state === "FAILED") return;
  const { count } = await db().ingestRun.updateMany({
    where: { id: runId, state: { in: ["QUEUED", "RUNNING"] }, replacedAt: null },
    data: { state: "RUNNING", startedAt: run.startedAt ?? new Date(), error: null },
  });
  if (count === 0) return;
  try {
    if (run.evidence.removedAt) throw new RunFailure("The evidence was removed before its ingestion finished");
    await ingest(run, options);
  } catch (e) {
    if (e instanceof RunTakenError) return;
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").trim();
    if (e instanceof RunFailure || e instanceof LogFormatError || (isAppError(e) && e.code === "NOT_FOUND")) {
      await failIngestRun(runId, message);
      return;
    }
    if (job.attempt >= job.maxAttempts) {
      await failIngestRun(runId, `Attempt ${job.attempt} of ${job.maxAttempts} failed: ${message}`);
      throw e;
    }
    await db()
      .ingestRun.updateMany({
        where: { id: runId, state: "RUNNING" },
        data: { error: `Attempt ${job.attempt} of ${job.maxAttempts} failed (${message.slice(0, 500)}); it will be retried and resume where it stopped` },
      })
      .catch(() => undefined);
    throw e;
  }
}

type RunToIngest = { id: string; caseId: string; lastLine: number; bytesTotal: bigint; evidence: { sha256: string } };

async function ingest(run: RunToIngest, options: IngestOptions): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_INGEST_BATCH;
  const stream = await readLogStream(await blobStore().open(run.evidence.sha256), {
    maxTextBytes: options.maxTextBytes ?? gzipTextCap(Number(run.bytesTotal)),
  });
  try {
    await db().ingestRun.update({ where: { id: run.id }, data: { format: stream.format, compressed: stream.compressed } });
    const resumed = run.lastLine > 0;
    let rows: LogRow[] = [];
    let errors: LineError[] = [];
    const parser = new LogLineParser(stream.format, { row: (r) => rows.push(r), error: (e) => errors.push(e) }, { skipThrough: run.lastLine });
    const caches = newRunCaches();
    let lastLine = run.lastLine;
    let storedErrors = await db().ingestError.count({ where: { runId: run.id } });
    let attributesAdded = 0;
    /** The accounts of the rows this attempt wrote (a handful to thousands: one per account, not per row). */
    const accountIds = new Set<string>();
    const heap = startHeapGuard();

    const write = async (batch: IngestBatch) => {
      const outcome = await writeIngestBatch(run, caches, batch);
      lastLine = batch.throughLine;
      storedErrors = Math.min(MAX_STORED_ERRORS, storedErrors + outcome.errorsStored);
      attributesAdded += outcome.attributesAdded;
      for (const id of outcome.accountIds) accountIds.add(id);
      heap.check();
    };
    // Writes what the parser has completed, batchSize lines a transaction (a chunk of text can hold
    // more): each batch ends just before the next one's first line, the last at completedThrough.
    const flush = async (bytesDone: number, final: boolean) => {
      const through = parser.completedThrough;
      if (!final && through === lastLine) return;
      let r = 0;
      let e = 0;
      while (rows.length - r + errors.length - e > batchSize) {
        const start = { r, e };
        for (let n = 0; n < batchSize; n++) {
          if (e >= errors.length || (r < rows.length && rows[r].line < errors[e].line)) r++;
          else e++;
        }
        const next = Math.min(rows[r]?.line ?? Infinity, errors[e]?.line ?? Infinity);
        await write({ rows: rows.slice(start.r, r), errors: errors.slice(start.e, e), fromLastLine: lastLine, throughLine: next - 1, bytesDone, storedErrors });
      }
      const batch: IngestBatch = { rows: rows.slice(r), errors: errors.slice(e), fromLastLine: lastLine, throughLine: Math.max(through, lastLine), bytesDone, storedErrors };
      rows = [];
      errors = [];
      await write(batch);
    };

    for await (const chunk of stream.chunks) {
      parser.push(chunk);
      if (rows.length + errors.length >= batchSize) await flush(stream.rawBytesRead(), false);
    }
    parser.end();
    await flush(Number(run.bytesTotal), true);
    // Suggested links once per run, not per row: for the accounts of the run (a resumed run may
    // have added attributes before it stopped, so it recomputes too). A run from its first line
    // knows its accounts from its batches; only a resumed one asks the database for those of the
    // earlier attempt's rows (a GROUP BY over every row of the run: at a million rows ~1.7 s, and
    // the server's peak memory of the whole run, decision 0030).
    if (attributesAdded > 0 || resumed) {
      const ids = resumed ? (await db().apiRequest.groupBy({ by: ["accountId"], where: { runId: run.id } })).map((a) => a.accountId) : [...accountIds].sort();
      await recomputeSuggestedLinks({ accountIds: ids });
    }
    if (!(await completeIngestRun(run.id, lastLine))) throw new RunTakenError(run.id);
  } finally {
    stream.close();
  }
}
