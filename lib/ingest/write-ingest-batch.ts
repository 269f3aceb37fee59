// One batch of an ingest run, in one transaction: the run's progress (counters, bytesDone, lastLine)
// moves first, guarded on the lastLine this worker expects, so a second worker on the same run (one
// that lost its lease) fails its batch instead of writing; then the accounts the lines name (matched
// by external id or created in the registry), their IP / API key / user agent attributes, the
// request rows, the first MAX_STORED_ERRORS malformed lines, and one audit event when the registry
// changed. A batch commits whole or not at all, so after any crash the rows are exactly the lines up
// to lastLine, and (runId, line) being the key makes a doubled row impossible anyway.
// The INSERTs are multi-row statements through lib/db/bulk-insert.ts (rows as one JSON parameter;
// decision 0019 says why not createMany).
import { normalizeAttribute } from "@/lib/accounts/normalize-attribute";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { insertRows, newId, type Column } from "@/lib/db/bulk-insert";
import { db, type Tx } from "@/lib/db/client";
import type { AttributeType } from "@/lib/generated/sqlite/enums";
import { BoundedMap } from "@/lib/ingest/bounded-map";
import { MAX_STORED_ERRORS } from "@/lib/ingest/ingest-run-view";
import type { LineError, LogRow } from "@/lib/log-format/log-row";

/** Per-run state kept between batches (bounded). */
export type RunCaches = {
  accountIds: BoundedMap<string, string>;
  /** accountId, type and raw value already recorded in this run. */
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

export type BatchOutcome = { accountsCreated: number; attributesAdded: number; errorsStored: number };

/** Another worker has moved the run on (or it ended or was replaced): this one must stop. */
export class RunTakenError extends Error {
  constructor(runId: string) {
    super(`Ingest run ${runId} is no longer this worker's to write`);
    this.name = "RunTakenError";
  }
}

const LOOKUP_CHUNK = 400; // Prisma refuses more than 999 parameters a query on SQLite

export async function writeIngestBatch(run: { id: string; caseId: string }, caches: RunCaches, batch: IngestBatch): Promise<BatchOutcome> {
  const errorsToStore = batch.errors.slice(0, Math.max(0, MAX_STORED_ERRORS - batch.storedErrors));
  return db().$transaction(
    async (tx) => {
      const { count } = await tx.ingestRun.updateMany({
        where: { id: run.id, state: "RUNNING", lastLine: batch.fromLastLine, replacedAt: null },
        data: {
          lastLine: batch.throughLine,
          bytesDone: BigInt(Math.round(batch.bytesDone)),
          linesOk: { increment: batch.rows.length },
          linesFailed: { increment: batch.errors.length },
          linesTotal: { increment: batch.rows.length + batch.errors.length },
        },
      });
      if (count === 0) throw new RunTakenError(run.id);
      const { ids, created } = await resolveAccounts(tx, caches, batch.rows);
      const attributesAdded = await recordAttributes(tx, caches, batch.rows, ids);
      await insertRows(tx, "ApiRequest", REQUEST_COLUMNS, batch.rows.map((r) => requestValues(run, r, ids.get(r.accountExternalId)!, caches)));
      await insertRows(tx, "IngestError", ERROR_COLUMNS, errorsToStore.map((e) => [run.id, e.line, e.reason.slice(0, 1000)]));
      if (created.length > 0 || attributesAdded > 0) {
        await appendAuditEvent(tx, SYSTEM_CONTEXT, {
          action: "ingest.accounts",
          entityType: "IngestRun",
          entityId: run.id,
          caseId: run.caseId,
          changes: { accountsCreated: created.length, externalIds: created.slice(0, 100), attributesAdded, throughLine: batch.throughLine },
        });
      }
      for (const [externalId, id] of ids) caches.accountIds.set(externalId, id);
      return { accountsCreated: created.length, attributesAdded, errorsStored: errorsToStore.length };
    },
    { timeout: 120_000 },
  );
}

/** Registry ids of the batch's accounts: from the cache, else by external id, else created. */
async function resolveAccounts(tx: Tx, caches: RunCaches, rows: LogRow[]): Promise<{ ids: Map<string, string>; created: string[] }> {
  const ids = new Map<string, string>();
  const missing = new Set<string>();
  for (const r of rows) {
    if (ids.has(r.accountExternalId) || missing.has(r.accountExternalId)) continue;
    const cached = caches.accountIds.get(r.accountExternalId);
    if (cached) ids.set(r.accountExternalId, cached);
    else missing.add(r.accountExternalId);
  }
  if (missing.size === 0) return { ids, created: [] };
  const lookUp = async (externalIds: string[]) => {
    for (let i = 0; i < externalIds.length; i += LOOKUP_CHUNK) {
      const found = await tx.account.findMany({ where: { externalId: { in: externalIds.slice(i, i + LOOKUP_CHUNK) } }, select: { id: true, externalId: true } });
      for (const f of found) ids.set(f.externalId, f.id);
    }
  };
  await lookUp([...missing]);
  const toCreate = [...missing].filter((x) => !ids.has(x));
  if (toCreate.length === 0) return { ids, created: [] };
  const now = new Date();
  // ON CONFLICT DO NOTHING: an account created meanwhile by someone else is matched, not doubled.
  await insertRows(tx, "Account", ACCOUNT_COLUMNS, toCreate.map((x) => [newId(), x, "", "", "", "ACTIVE", 0, 1, now, now]), { ignoreConflicts: true });
  const before = new Set(ids.keys());
  await lookUp(toCreate);
  return { ids, created: toCreate.filter((x) => ids.has(x) && !before.has(x)) };
}

function canonicalIp(caches: RunCaches, raw: string): string | null {
  let ip = caches.ips.get(raw);
  if (ip === undefined) {
    const n = normalizeAttribute("IP", raw);
    ip = n.ok ? n.value : null;
    caches.ips.set(raw, ip);
  }
  return ip;
}

async function recordAttributes(tx: Tx, caches: RunCaches, rows: LogRow[], ids: Map<string, string>): Promise<number> {
  const fresh: [string, AttributeType, string][] = [];
  const note = (accountId: string, type: AttributeType, raw: string | null) => {
    if (raw === null) return;
    const key = `${accountId}\u0000${type}\u0000${raw}`;
    if (caches.attributes.has(key)) return;
    caches.attributes.set(key, true);
    const value = type === "IP" ? canonicalIp(caches, raw) : (() => {
      const n = normalizeAttribute(type, raw);
      return n.ok ? n.value : null;
    })();
    if (value !== null) fresh.push([accountId, type, value]);
  };
  for (const r of rows) {
    const accountId = ids.get(r.accountExternalId)!;
    note(accountId, "IP", r.ip);
    note(accountId, "API_KEY", r.apiKeyId);
    note(accountId, "USER_AGENT", r.userAgent);
  }
  return insertRows(tx, "AccountAttribute", ATTRIBUTE_COLUMNS, fresh, { ignoreConflicts: true });
}

function requestValues(run: { id: string; caseId: string }, r: LogRow, accountId: string, caches: RunCaches): unknown[] {
  const ip = r.ip === null ? null : (canonicalIp(caches, r.ip) ?? r.ip);
  return [
    run.id, r.line, run.caseId, accountId, r.ts, r.model, r.promptTokens, r.completionTokens, r.apiKeyId, r.orgId, ip, r.userAgent,
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
