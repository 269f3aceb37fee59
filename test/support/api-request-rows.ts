// Test data for the distillation analytics without going through ingestion: a generated JSONL log
// (test/support/log-generator.ts) becomes ApiRequest rows of one COMPLETED IngestRun, with the same
// fingerprints ingestion writes (lib/log-format/prompt-fingerprint.ts) and registry accounts for the
// log's account ids. Rows go in through the bulk JSON insert, so 100,000 lines take seconds.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { insertRows, newId, type Column } from "@/lib/db/bulk-insert";
import { normalizePrompt, promptKey, simhashNormalized } from "@/lib/log-format/prompt-fingerprint";
import { generateLogLines, type GeneratorConfig, type GroundTruth } from "@/test/support/log-generator";

const COLUMNS: Column[] = [
  { name: "runId" }, { name: "line", type: "int" }, { name: "caseId" }, { name: "accountId" }, { name: "ts", type: "timestamp" },
  { name: "model" }, { name: "promptTokens", type: "int" }, { name: "completionTokens", type: "int" }, { name: "apiKeyId" },
  { name: "orgId" }, { name: "ip" }, { name: "userAgent" }, { name: "endpoint" }, { name: "status" }, { name: "requestId" },
  { name: "prompt" }, { name: "promptHash" }, { name: "promptKey" }, { name: "promptSimhash" }, { name: "extra" },
];

const KNOWN = new Set(["timestamp", "account_id", "model", "prompt_tokens", "completion_tokens", "api_key_id", "org_id", "ip", "user_agent", "endpoint", "status", "request_id", "prompt", "prompt_hash"]);

export type SeededRun = { runId: string; evidenceId: string; truth: GroundTruth; rows: number; accountIds: Map<string, string> };

/** One parsed JSONL line as an ApiRequest row (without run, case and account), or null when malformed. */
function rowOf(line: string): { externalId: string; values: unknown[] } | null {
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const ts = typeof r.timestamp === "string" ? new Date(r.timestamp) : null;
  if (!ts || Number.isNaN(ts.getTime()) || typeof r.account_id !== "string" || typeof r.model !== "string") return null;
  const pt = r.prompt_tokens, ct = r.completion_tokens;
  if (!Number.isInteger(pt) || !Number.isInteger(ct) || (pt as number) < 0 || (ct as number) < 0) return null;
  const prompt = typeof r.prompt === "string" ? r.prompt : null;
  const hash = typeof r.prompt_hash === "string" ? r.prompt_hash : null;
  const extra = Object.fromEntries(Object.entries(r).filter(([k]) => !KNOWN.has(k)));
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    externalId: r.account_id,
    values: [
      ts, r.model, pt, ct, str(r.api_key_id), str(r.org_id), str(r.ip), str(r.user_agent), str(r.endpoint), str(r.status), str(r.request_id),
      prompt, hash, promptKey(prompt, hash), prompt === null ? null : simhashNormalized(normalizePrompt(prompt)),
      Object.keys(extra).length ? JSON.stringify(extra) : null,
    ],
  };
}

/**
 * Generates a log and stores it as one COMPLETED run of `caseId` (JSONL only). `reverse` stores the
 * lines last first, numbered so, as a log written newest first would be (small logs: held in memory).
 */
export async function seedGeneratedRun(
  caseId: string,
  createdById: string,
  config: GeneratorConfig,
  options: { state?: "COMPLETED" | "RUNNING" | "FAILED"; reverse?: boolean } = {},
): Promise<SeededRun> {
  const evidenceId = newId();
  const runId = newId();
  const now = new Date();
  await db().evidence.create({
    data: {
      id: evidenceId, caseId, kind: "API_LOG", title: `Generated log seed ${config.seed}`, originalFilename: `gen-${config.seed}.jsonl`,
      declaredMediaType: "application/x-ndjson", sniffedMediaType: "application/x-ndjson", sizeBytes: 0n,
      sha256: createHash("sha256").update(`${config.seed}:${config.lines}:${runId}`).digest("hex"), uploadedById: createdById,
    },
  });
  await db().ingestRun.create({ data: { id: runId, caseId, evidenceId, state: "RUNNING", format: "jsonl", createdById, startedAt: now } });
  const accountIds = new Map<string, string>();
  const truth: { value?: GroundTruth } = {};
  let batch: unknown[][] = [];
  let newAccounts: unknown[][] = [];
  let line = 0, ok = 0, failed = 0;
  const flush = async () => {
    const rows = batch, accounts = newAccounts;
    batch = [];
    newAccounts = [];
    await db().$transaction(async (tx) => {
      if (accounts.length) await insertRows(tx, "Account", [{ name: "id" }, { name: "externalId" }, { name: "updatedAt", type: "timestamp" }], accounts);
      await insertRows(tx, "ApiRequest", COLUMNS, rows);
    });
  };
  const lines: Iterable<string> = options.reverse ? [...generateLogLines(config, truth)].reverse() : generateLogLines(config, truth);
  for (const text of lines) {
    line += 1;
    const row = rowOf(text);
    if (!row) {
      failed += 1;
      continue;
    }
    let accountId = accountIds.get(row.externalId);
    if (!accountId) {
      const found = (await db().account.findUnique({ where: { externalId: row.externalId }, select: { id: true } }))?.id;
      accountId = found ?? newId();
      if (!found) newAccounts.push([accountId, row.externalId, now]);
      accountIds.set(row.externalId, accountId);
    }
    batch.push([runId, line, caseId, accountId, ...row.values]);
    ok += 1;
    if (batch.length >= 5_000) await flush();
  }
  await flush();
  await db().ingestRun.update({
    where: { id: runId },
    data: { state: options.state ?? "COMPLETED", linesTotal: line, linesOk: ok, linesFailed: failed, lastLine: line, finishedAt: new Date() },
  });
  return { runId, evidenceId, truth: truth.value!, rows: ok, accountIds };
}
