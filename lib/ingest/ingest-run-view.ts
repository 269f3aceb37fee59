// What a reader sees of an ingest run (the API's answer and the run page's data).
export type IngestStateName = "QUEUED" | "RUNNING" | "FAILED" | "COMPLETED";

export type IngestErrorView = { line: number; reason: string };

export type IngestRunView = {
  id: string;
  caseId: string;
  evidenceId: string;
  state: IngestStateName;
  format: string | null;
  compressed: boolean;
  bytesTotal: number;
  bytesDone: number;
  linesTotal: number;
  linesOk: number;
  linesFailed: number;
  /** The last source line whose outcome is committed (a resumed run goes on after it). */
  lastLine: number;
  error: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  replacedAt: string | null;
};

export type IngestRunDetail = IngestRunView & {
  /** One page of the stored malformed lines (the first MAX_STORED_ERRORS of the run), by line. */
  errors: IngestErrorView[];
  errorsPage: { page: number; pageSize: number; stored: number };
};

export const MAX_STORED_ERRORS = 1_000;

export const ACTIVE_STATES = ["QUEUED", "RUNNING"] as const;

export const runSelect = {
  id: true,
  caseId: true,
  evidenceId: true,
  state: true,
  format: true,
  compressed: true,
  bytesTotal: true,
  bytesDone: true,
  linesTotal: true,
  linesOk: true,
  linesFailed: true,
  lastLine: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  updatedAt: true,
  replacedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

type RunRow = {
  id: string;
  caseId: string;
  evidenceId: string;
  state: IngestStateName;
  format: string | null;
  compressed: boolean;
  bytesTotal: bigint;
  bytesDone: bigint;
  linesTotal: number;
  linesOk: number;
  linesFailed: number;
  lastLine: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
  replacedAt: Date | null;
  createdBy: { id: string; name: string };
};

export function toRunView(r: RunRow): IngestRunView {
  return {
    id: r.id,
    caseId: r.caseId,
    evidenceId: r.evidenceId,
    state: r.state,
    format: r.format,
    compressed: r.compressed,
    bytesTotal: Number(r.bytesTotal),
    bytesDone: Number(r.bytesDone),
    linesTotal: r.linesTotal,
    linesOk: r.linesOk,
    linesFailed: r.linesFailed,
    lastLine: r.lastLine,
    error: r.error,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    replacedAt: r.replacedAt?.toISOString() ?? null,
  };
}

/** The job that runs an ingest, one per run (its dedupe key). */
export const INGEST_JOB = "ingest.run";
export const ingestJobKey = (runId: string) => `ingest:${runId}`;
