// An ingest run inherits the access rules of its case (lib/access): to anyone who may not see the
// case it does not exist (404 "Ingest run not found", the same answer as for a wrong id).
import type { Actor } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import type { CaseOperation } from "@/lib/access/case-policy";
import type { Tx } from "@/lib/db/client";
import { isAppError, notFound } from "@/lib/errors";

export async function requireIngestRun(tx: Tx, actor: Actor, runId: string, op: CaseOperation): Promise<{ id: string; caseId: string; evidenceId: string }> {
  const run = await tx.ingestRun.findUnique({ where: { id: runId }, select: { id: true, caseId: true, evidenceId: true } });
  if (!run) throw notFound("Ingest run not found");
  await requireCase(tx, actor, run.caseId, op).catch((e: unknown) => {
    throw isAppError(e) && e.code === "NOT_FOUND" ? notFound("Ingest run not found") : e;
  });
  return run;
}
