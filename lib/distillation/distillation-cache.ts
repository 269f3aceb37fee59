// The distillation analysis as the app reads it: computed once per set of the case's COMPLETED, not
// replaced ingest runs and parameters, and stored in the database (DistillationCache), so the case
// page, the API, the report, the STIX bundle and the case file read the same figures without paying
// seconds each (decision 0016, "Stored analysis").
//
// The key is a SHA-256 of the run ids, the parameters (threshold, reasoning phrases, weights) and
// ANALYSIS_VERSION. Rows of a COMPLETED run never change (a re-ingest is a new run that replaces it),
// and the analysis reads nothing else that can change but the account names, which are read fresh on
// every hit (as are the runs' evidence titles). So a run completing or being replaced on any instance
// changes the key, and no instance can serve a stale analysis. A result is stored only when no ingest
// run of the case changed while it was computed (a run starting meanwhile could have added rows to a
// case-wide read).
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { analyzeCase, listCompletedRuns, loadAccountNames, type CaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { resolveDistillationOptions, type DistillationOptions } from "@/lib/distillation/distillation-settings";

/** Bump when the indicators, the score or the clusters change: every stored analysis is then recomputed. */
export const ANALYSIS_VERSION = 1;

/** What is stored: the analysis without its runs (read fresh, with their evidence titles). */
type StoredAnalysis = Omit<CaseDistillation, "runs">;

/** Computations under way in this instance, so concurrent readers of one case wait for one. Kept on
 *  globalThis under a global symbol, not in a map of this module: Next bundles this file into several
 *  server chunks (the job worker's refresh, the case page, the API routes, the report), each a module
 *  instance of its own, and with a map per copy each copy computed the same analysis again
 *  (docs/ARCHITECTURE.md, "Module state under next start"). */
const IN_FLIGHT = Symbol.for("lantern.distillation.inFlight");
const inFlight = ((globalThis as { [IN_FLIGHT]?: Map<string, Promise<CaseDistillation>> })[IN_FLIGHT] ??= new Map());

export function distillationCacheKey(runIds: readonly string[], options: DistillationOptions): string {
  const parameters = {
    version: ANALYSIS_VERSION,
    runIds: [...runIds].sort(),
    threshold: options.threshold,
    reasoningPhrases: [...options.reasoningPhrases],
    weights: Object.fromEntries(Object.entries(options.weights).sort(([a], [b]) => a.localeCompare(b))),
  };
  return createHash("sha256").update(JSON.stringify(parameters)).digest("hex");
}

/** The case's analysis: the stored one for its current runs and parameters, else computed and stored. */
export async function readCaseDistillation(caseId: string, overrides: Partial<DistillationOptions> = {}): Promise<CaseDistillation> {
  const options = await resolveDistillationOptions(overrides);
  const before = await runsStamp(caseId);
  const runs = await listCompletedRuns(caseId);
  const key = distillationCacheKey(runs.map((r) => r.id), options);
  const stored = await db().distillationCache.findUnique({ where: { caseId_key: { caseId, key } }, select: { result: true } });
  if (stored) {
    const s = JSON.parse(stored.result) as StoredAnalysis;
    return withCurrentNames({ caseId: s.caseId, computedAt: s.computedAt, threshold: s.threshold, parameters: s.parameters, runs, totals: s.totals, accounts: s.accounts, clusters: s.clusters, durationMs: s.durationMs });
  }
  const flightKey = `${caseId}:${key}`;
  const pending = inFlight.get(flightKey);
  if (pending) return pending;
  const computing = (async () => {
    const analysis = await analyzeCase(caseId, runs, options);
    if ((await runsStamp(caseId)) === before) await storeAnalysis(caseId, key, analysis);
    return analysis;
  })();
  inFlight.set(flightKey, computing);
  try {
    return await computing;
  } finally {
    inFlight.delete(flightKey);
  }
}

/** Every ingest run of the case with its last change: any write to a run (progress, state, replacement) alters it. */
async function runsStamp(caseId: string): Promise<string> {
  const runs = await db().ingestRun.findMany({ where: { caseId }, select: { id: true, state: true, updatedAt: true, replacedAt: true }, orderBy: { id: "asc" } });
  return runs.map((r) => `${r.id}:${r.state}:${r.updatedAt.getTime()}:${r.replacedAt?.getTime() ?? ""}`).join(",");
}

/** Replaces the case's stored analysis (one row per case: older keys are of runs or parameters gone by). */
async function storeAnalysis(caseId: string, key: string, analysis: CaseDistillation): Promise<void> {
  const { runs: _runs, ...rest } = analysis;
  const result = JSON.stringify(rest satisfies StoredAnalysis);
  try {
    await db().$transaction(async (tx) => {
      await tx.distillationCache.deleteMany({ where: { caseId } });
      await tx.distillationCache.create({ data: { caseId, key, result } });
    });
  } catch (e) {
    // Another instance stored the same analysis at the same moment: theirs is as good.
    if ((e as { code?: string } | null)?.code !== "P2002") throw e;
  }
}

/** A stored analysis with the accounts' current external ids and display names. */
async function withCurrentNames(analysis: CaseDistillation): Promise<CaseDistillation> {
  const names = await loadAccountNames(analysis.accounts.map((a) => a.accountId));
  return {
    ...analysis,
    accounts: analysis.accounts.map((a) => ({ ...a, externalId: names.get(a.accountId)?.externalId ?? a.accountId, displayName: names.get(a.accountId)?.displayName ?? "" })),
  };
}
