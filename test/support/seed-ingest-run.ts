// An ingest run with the rows given, written straight to the tables (for tests of what reads
// them: the distillation views and report). The log is a real API_LOG evidence item on the case.
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { promptKey, simhash64 } from "@/lib/log-format/prompt-fingerprint";
import { ctxFor } from "@/test/factories";
import { apiLogLines, stageBytes } from "@/test/support/evidence-files";

export type SeedRow = {
  accountId: string;
  ts: Date;
  line?: number;
  promptTokens?: number;
  completionTokens?: number;
  prompt?: string | null;
  promptHash?: string | null;
  ip?: string | null;
  apiKeyId?: string | null;
};

let seq = 0;

export async function seedIngestRun(
  actor: Actor,
  caseId: string,
  opts: { state: "QUEUED" | "RUNNING" | "FAILED" | "COMPLETED"; replaced?: boolean; rows: SeedRow[]; evidenceId?: string },
): Promise<{ runId: string; evidenceId: string; sha256: string }> {
  seq += 1;
  const evidence = opts.evidenceId
    ? await db().evidence.findUniqueOrThrow({ where: { id: opts.evidenceId }, select: { id: true, sha256: true } })
    : await uploadEvidence(ctxFor(actor), caseId, await stageBytes(Buffer.concat([apiLogLines(3), Buffer.from(`{"seed":${seq}}\n`)]), `log-${seq}.jsonl`, "application/x-ndjson"), {
        kind: "API_LOG",
        title: `Usage log ${seq}`,
      });
  const run = await db().ingestRun.create({
    data: {
      caseId,
      evidenceId: evidence.id,
      state: opts.state,
      createdById: actor.id,
      linesTotal: opts.rows.length,
      linesOk: opts.rows.length,
      finishedAt: opts.state === "COMPLETED" ? new Date() : null,
      replacedAt: opts.replaced ? new Date() : null,
    },
    select: { id: true },
  });
  await db().apiRequest.createMany({
    data: opts.rows.map((r, i) => {
      const prompt = r.prompt === undefined ? `Explain topic ${i} step by step` : r.prompt;
      return {
        runId: run.id,
        line: r.line ?? i + 1,
        caseId,
        accountId: r.accountId,
        ts: r.ts,
        model: "frontier-1",
        promptTokens: r.promptTokens ?? 10,
        completionTokens: r.completionTokens ?? 100,
        ip: r.ip ?? null,
        apiKeyId: r.apiKeyId ?? null,
        prompt,
        promptHash: r.promptHash ?? null,
        promptKey: promptKey(prompt, r.promptHash),
        promptSimhash: prompt == null ? null : simhash64(prompt),
      };
    }),
  });
  return { runId: run.id, evidenceId: evidence.id, sha256: evidence.sha256 };
}
