// One batch of an ingest run, in two steps:
// 1. the registry: the accounts the lines name (matched by external id, else created) and their IP /
//    API key / user agent attributes, with one audit event, in one Prisma transaction, only when the
//    batch brings something new (idempotent: a rerun matches what a crashed run created);
// 2. the rows: the run's progress (counters, bytesDone, lastLine) moves first, guarded on the
//    lastLine this worker expects, so a second worker on the same run (one that lost its lease)
//    writes nothing; then the request rows and the first MAX_STORED_ERRORS malformed lines. One
//    transaction: after any crash the rows are exactly the lines up to lastLine, and (runId, line)
//    being the key makes a doubled row impossible anyway. On SQLite through prepared statements
//    (sqlite-request-writer.ts, decision 0019); on PostgreSQL multi-row INSERTs through Prisma.
import { normalizeAttribute } from "@/lib/accounts/normalize-attribute";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { insertRows, newId, type Column } from "@/lib/db/bulk-insert";
import { db, dbProvider } from "@/lib/db/client";
import type { AttributeType } from "@/lib/generated/sqlite/enums";
import { BoundedMap } from "@/lib/ingest/bounded-map";
import { MAX_STORED_ERRORS } from "@/lib/ingest/ingest-run-view";
import { sqliteTime, writeRequestBatchSqlite, type RequestValues } from "@/lib/ingest/sqlite-request-writer";
import type { LineError, LogRow } from "@/lib/log-format/log-row";

/** Per-run state kept between batches (bounded). */
export type RunCaches = {
  accountIds: BoundedMap<string, string>;
  /** External id, type and raw value already recorded in this run. */
  attributes: BoundedMap<string, true>;
  /** Raw IP text -> canonical form (or null when it is not an address). */
  ips: BoundedMap<string, string | null>;
};

export function newRunCaches(): RunCaches {
  return { accountIds: new BoundedMap(50_000), attributes: new BoundedMap(200_000), ips: new BoundedMap(50_000) };
}

export type IngestBatch = {
  rows: LogRow[];
  errors: LineError[];
  /** lastLine before this batch (the guard) and after it. */
  fromLastLine: number;
  throughLine: number;
  bytesDone: number;
  /** Malformed lines already stored for the run. */
  storedErrors: number;
};

/** `accountIds`: the registry ids of the batch's accounts (each once). */
export type BatchOutcome = { accountsCreated: number; attributesAdded: number; errorsStored: number; accountIds: Iterable<string> };

/** Another worker has moved the run on (or it ended or was replaced): this one must stop. */
export class RunTakenError extends Error {
  constructor(runId: string) {
    super(`Ingest run ${runId} is no longer this worker's to write`);
    this.name = "RunTakenError";
  }
}

type Run = { id: string; caseId: string };
type FreshAttribute = { externalId: string; type: AttributeType; value: string };

const LOOKUP_CHUNK = 400; // Prisma refuses more than 999 parameters a query on SQLite

export async function writeIngestBatch(run: Run, caches: RunCaches, batch: IngestBatch): Promise<BatchOutcome> {
  const registry = await recordRegistry(run, caches, batch);
  const ids = registry.ids;
  const errors = batch.errors.slice(0, Math.max(0, MAX_STORED_ERRORS - batch.storedErrors));
  const progress = {
    runId: run.id,
    fromLastLine: batch.fromLastLine,
    throughLine: batch.throughLine,
    bytesDone: batch.bytesDone,
    ok: batch.rows.length,
    failed: batch.errors.length,
  };
  let written: boolean;
  if (dbProvider() === "sqlite") {
    const requests = batch.rows.map((r) => requestValues(run, r, ids.get(r.accountExternalId)!, caches, sqliteTime(r.ts)));
    written = await writeRequestBatchSqlite(progress, requests, errors.map((e) => [run.id, e.line, e.reason.slice(0, 1000)]));
  } else {
    written = await db().$transaction(
      async (tx) => {
        const { count } = await tx.ingestRun.updateMany({
          where: { id: run.id, state: "RUNNING", lastLine: batch.fromLastLine, replacedAt: null },
          data: {
            lastLine: batch.throughLine,
            bytesDone: BigInt(Math.round(batch.bytesDone)),
            linesOk: { increment: progress.ok },
            linesFailed: { increment: progress.failed },
            linesTotal: { increment: progress.ok + progress.failed },
          },
        });
        if (count === 0) return false;
        await insertRows(tx, "ApiRequest", REQUEST_COLUMNS, batch.rows.map((r) => requestValues(run, r, ids.get(r.accountExternalId)!, caches, r.ts.toISOString())));
        await insertRows(tx, "IngestError", ERROR_COLUMNS, errors.map((e) => [run.id, e.line, e.reason.slice(0, 1000)]));
        return true;
      },
      { timeout: 120_000 },
    );
  }
  if (!written) throw new RunTakenError(run.id);
  return { accountsCreated: registry.created, attributesAdded: registry.attributesAdded, errorsStored: errors.length, accountIds: ids.values() };
}

/** Registry ids of the batch's accounts (cached, looked up, or created) and the attributes the
 *  run has not recorded yet; writes what is new in one transaction with its audit event. */
async function recordRegistry(run: Run, caches: RunCaches, batch: IngestBatch): Promise<{ ids: Map<string, string>; created: number; attributesAdded: number }> {
  const ids = new Map<string, string>();
  const missing = new Set<string>();
  const fresh: FreshAttribute[] = [];
  const note = (externalId: string, type: AttributeType, raw: string | null) => {
    if (raw === null) return;
    const key = `${externalId}\u0000${type}\u0000${raw}`;
    if (caches.attributes.has(key)) return;
    caches.attributes.set(key, true);
    const value = type === "IP" ? canonicalIp(caches, raw) : canonical(type, raw);
    if (value !== null) fresh.push({ externalId, type, value });
  };
  for (const r of batch.rows) {
    const x = r.accountExternalId;
    if (!ids.has(x) && !missing.has(x)) {
      const cached = caches.accountIds.get(x);
      if (cached) ids.set(x, cached);
      else missing.add(x);
    }
    note(x, "IP", r.ip);
    note(x, "API_KEY", r.apiKeyId);
    note(x, "USER_AGENT", r.userAgent);
  }
  if (missing.size > 0) await lookUpAccounts(db(), [...missing], ids);
  const toCreate = [...missing].filter((x) => !ids.has(x));
  let created = 0;
  let attributesAdded = 0;
  if (toCreate.length > 0 || fresh.length > 0) {
    await db().$transaction(
      async (tx) => {
        if (toCreate.length > 0) {
          const now = new Date();
          // ON CONFLICT DO NOTHING: an account created meanwhile by someone else is matched, not doubled.
          created = await insertRows(tx, "Account", ACCOUNT_COLUMNS, toCreate.map((x) => [newId(), x, "", "", "", "ACTIVE", 0, 1, now, now]), { ignoreConflicts: true });
          await lookUpAccounts(tx, toCreate, ids);
        }
        attributesAdded = await insertRows(tx, "AccountAttribute", ATTRIBUTE_COLUMNS, fresh.map((a) => [ids.get(a.externalId)!, a.type, a.value]), { ignoreConflicts: true });
        if (created > 0 || attributesAdded > 0) {
          await appendAuditEvent(tx, SYSTEM_CONTEXT, {
            action: "ingest.accounts",
            entityType: "IngestRun",
            entityId: run.id,
            caseId: run.caseId,
            changes: { accountsCreated: created, externalIds: toCreate.slice(0, 100), attributesAdded, throughLine: batch.throughLine },
          });
        }
      },
      { timeout: 120_000 },
    );
  }
  for (const [externalId, id] of ids) caches.accountIds.set(externalId, id);
  return { ids, created, attributesAdded };
}

type Reader = Pick<ReturnType<typeof db>, "account">;

async function lookUpAccounts(reader: Reader, externalIds: string[], ids: Map<string, string>): Promise<void> {
  for (let i = 0; i < externalIds.length; i += LOOKUP_CHUNK) {
    const found = await reader.account.findMany({ where: { externalId: { in: externalIds.slice(i, i + LOOKUP_CHUNK) } }, select: { id: true, externalId: true } });
    for (const f of found) ids.set(f.externalId, f.id);
  }
}

function canonical(type: AttributeType, raw: string): string | null {
  const n = normalizeAttribute(type, raw);
  return n.ok ? n.value : null;
}

function canonicalIp(caches: RunCaches, raw: string): string | null {
  let ip = caches.ips.get(raw);
  if (ip === undefined) {
    ip = canonical("IP", raw);
    caches.ips.set(raw, ip);
  }
  return ip;
}

function requestValues(run: Run, r: LogRow, accountId: string, caches: RunCaches, ts: string): RequestValues {
  const ip = r.ip === null ? null : (canonicalIp(caches, r.ip) ?? r.ip);
  return [
    run.id, r.line, run.caseId, accountId, ts, r.model, r.promptTokens, r.completionTokens, r.apiKeyId, r.orgId, ip, r.userAgent,
    r.endpoint, r.status, r.requestId, r.prompt, r.promptHash, r.promptKey, r.promptSimhash, r.extra,
  ];
}

const REQUEST_COLUMNS: Column[] = [
  { name: "runId" }, { name: "line", type: "int" }, { name: "caseId" }, { name: "accountId" }, { name: "ts", type: "timestamp" },
  { name: "model" }, { name: "promptTokens", type: "int" }, { name: "completionTokens", type: "int" }, { name: "apiKeyId" },
  { name: "orgId" }, { name: "ip" }, { name: "userAgent" }, { name: "endpoint" }, { name: "status" }, { name: "requestId" },
  { name: "prompt" }, { name: "promptHash" }, { name: "promptKey" }, { name: "promptSimhash" }, { name: "extra" },
];
const ERROR_COLUMNS: Column[] = [{ name: "runId" }, { name: "line", type: "int" }, { name: "reason" }];
const ACCOUNT_COLUMNS: Column[] = [
  { name: "id" }, { name: "externalId" }, { name: "displayName" }, { name: "emails" }, { name: "organization" },
  { name: "status", type: { enum: "AccountStatus" } }, { name: "riskScore", type: "int" }, { name: "version", type: "int" },
  { name: "createdAt", type: "timestamp" }, { name: "updatedAt", type: "timestamp" },
];
const ATTRIBUTE_COLUMNS: Column[] = [{ name: "accountId" }, { name: "type", type: { enum: "AttributeType" } }, { name: "value" }];
