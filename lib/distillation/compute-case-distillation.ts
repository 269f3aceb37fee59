// The distillation analysis of one case (issue 11 point 2): indicators per account, a score with the
// factors behind it, a flag above the threshold, and clusters of accounts joined by what they share.
// Reads only the rows of the case's COMPLETED, not replaced ingest runs. No access check here: the
// API goes through getCaseDistillation (get-case-distillation.ts). The app's readers (views, API,
// report, STIX, case file) go through readCaseDistillation (distillation-cache.ts), which stores
// the result per set of runs and parameters; the bench times this fresh computation.
import { db } from "@/lib/db/client";
import { loadCaseAggregates, type AccountAggregate } from "@/lib/distillation/account-aggregates";
import { buildClusters, findJoins, joinLimits, poolAggregates, type ClusterJoin } from "@/lib/distillation/cluster-evidence";
import { resolveDistillationOptions, type DistillationOptions } from "@/lib/distillation/distillation-settings";
import { describeIndicators, measure, median, MIN_TIMING_REQUESTS, typicalValues, type Indicator, type Measures } from "@/lib/distillation/indicators";
import { MIN_BASIS, scoreMeasures, type Factor } from "@/lib/distillation/score";

export type DistillationRun = {
  id: string;
  evidenceId: string;
  evidenceTitle: string;
  evidenceSha256: string;
  linesTotal: number;
  linesOk: number;
  linesFailed: number;
  finishedAt: string | null;
};

export type DistillationAccount = {
  accountId: string;
  externalId: string;
  displayName: string;
  score: number;
  /** The score from the account's own rows, before any cluster evidence. */
  ownScore: number;
  flagged: boolean;
  clusterId: string | null;
  requests: number;
  factors: Factor[];
  indicators: Indicator[];
};

export type DistillationCluster = {
  id: string;
  size: number;
  accountIds: string[];
  /** The score of the pooled rows of its core (members with half the threshold on their own, when
   *  two or more), else of all members. */
  score: number;
  flaggedMembers: number;
  joins: ClusterJoin[];
  factors: Factor[];
};

export type CaseDistillation = {
  caseId: string;
  computedAt: string;
  threshold: number;
  parameters: { reasoningPhrases: string[]; weights: Record<string, number>; minBasis: number; joinLimits: ReturnType<typeof joinLimits> };
  runs: DistillationRun[];
  totals: { accounts: number; requests: number; flagged: number; clusters: number };
  accounts: DistillationAccount[];
  clusters: DistillationCluster[];
  durationMs: number;
};

/** The case's runs whose rows count: COMPLETED and not replaced. */
export async function listCompletedRuns(caseId: string): Promise<DistillationRun[]> {
  const runs = await db().ingestRun.findMany({
    where: { caseId, state: "COMPLETED", replacedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, evidenceId: true, linesTotal: true, linesOk: true, linesFailed: true, finishedAt: true, evidence: { select: { title: true, sha256: true } } },
  });
  return runs.map((r) => ({
    id: r.id, evidenceId: r.evidenceId, evidenceTitle: r.evidence.title, evidenceSha256: r.evidence.sha256,
    linesTotal: r.linesTotal, linesOk: r.linesOk, linesFailed: r.linesFailed, finishedAt: r.finishedAt?.toISOString() ?? null,
  }));
}

/** True when no run of the case outside `runIds` (running, failed, replaced) has rows left (a primary-key probe per run). */
async function noOtherRunHasRows(caseId: string, runIds: readonly string[]): Promise<boolean> {
  const others = await db().ingestRun.findMany({ where: { caseId, id: { notIn: [...runIds] } }, select: { id: true } });
  for (const o of others) {
    if (await db().apiRequest.findFirst({ where: { runId: o.id }, select: { line: true } })) return false;
  }
  return true;
}

export async function loadAccountNames(ids: readonly string[]): Promise<Map<string, { externalId: string; displayName: string }>> {
  const out = new Map<string, { externalId: string; displayName: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db().account.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: { id: true, externalId: true, displayName: true } });
    for (const r of rows) out.set(r.id, { externalId: r.externalId, displayName: r.displayName });
  }
  return out;
}

/** The whole analysis of a case, computed afresh. `options` override the stored settings and
 *  defaults. The app reads it through readCaseDistillation (distillation-cache.ts), which stores it. */
export async function computeCaseDistillation(caseId: string, overrides: Partial<DistillationOptions> = {}): Promise<CaseDistillation> {
  const started = Date.now();
  const options = await resolveDistillationOptions(overrides);
  return analyzeCase(caseId, await listCompletedRuns(caseId), options, started);
}

/** The analysis of the rows of `runs` (the case's completed runs, listed by the caller). */
export async function analyzeCase(caseId: string, runs: DistillationRun[], options: DistillationOptions, started = Date.now()): Promise<CaseDistillation> {
  const runIds = runs.map((r) => r.id);
  // When every run of the case counts, the case id alone selects the rows (and an index serves the timing).
  const allRunsOfCase = await noOtherRunHasRows(caseId, runIds);
  const { aggregates, shared, overlaps } = await loadCaseAggregates(caseId, runIds, options.reasoningPhrases, allRunsOfCase, (n) => joinLimits(n).promptMaxAccounts);
  const limits = joinLimits(aggregates.length);
  const names = await loadAccountNames(aggregates.map((a) => a.accountId));
  const analysis = analyzeAggregates(aggregates, shared, overlaps, options);
  const accounts = analysis.accounts.map((a) => ({ ...a, externalId: names.get(a.accountId)?.externalId ?? a.accountId, displayName: names.get(a.accountId)?.displayName ?? "" }));
  return {
    caseId,
    computedAt: new Date().toISOString(),
    threshold: options.threshold,
    parameters: { reasoningPhrases: [...options.reasoningPhrases], weights: { ...options.weights }, minBasis: MIN_BASIS, joinLimits: limits },
    runs,
    totals: { accounts: accounts.length, requests: aggregates.reduce((s, a) => s + a.requests, 0), flagged: accounts.filter((a) => a.flagged).length, clusters: analysis.clusters.length },
    accounts,
    clusters: analysis.clusters,
    durationMs: Date.now() - started,
  };
}

/**
 * An account with fewer requests than it takes to see a daily rhythm is not flagged on its own rows:
 * a handful of homework questions can look like harvesting. Its score stays below the threshold
 * unless cluster evidence lifts it.
 */
function capFewRequests(a: AccountAggregate, scored: ReturnType<typeof scoreMeasures>, threshold: number): ReturnType<typeof scoreMeasures> {
  if (a.requests >= MIN_TIMING_REQUESTS || scored.score < threshold) return scored;
  const cut = scored.score - (Math.ceil(threshold) - 1);
  return {
    score: scored.score - cut,
    factors: [...scored.factors, { key: "fewRequests", label: "too few requests to judge alone", points: -cut, strength: null, detail: `${a.requests} requests (fewer than ${MIN_TIMING_REQUESTS}): not flagged without cluster evidence` }],
  };
}

type Analysis = { accounts: Omit<DistillationAccount, "externalId" | "displayName">[]; clusters: DistillationCluster[] };

/** The pure part: scores, flags and clusters from the per-account sums (unit-tested directly). */
export function analyzeAggregates(
  aggregates: readonly AccountAggregate[],
  shared: Parameters<typeof findJoins>[1],
  overlaps: Parameters<typeof findJoins>[2],
  options: DistillationOptions,
): Analysis {
  const measures = new Map<string, Measures>(aggregates.map((a) => [a.accountId, measure(a)]));
  const typical = typicalValues([...measures.values()]);
  const { joins, sharedWith } = findJoins(aggregates, shared, overlaps);
  const typicalShared = median(aggregates.map((a) => new Set((sharedWith.get(a.accountId) ?? []).flatMap((s) => s.accountIds)).size));
  const own = new Map(aggregates.map((a) => [a.accountId, capFewRequests(a, scoreMeasures(measures.get(a.accountId)!, typical.requests, options), options.threshold)]));
  const byId = new Map(aggregates.map((a) => [a.accountId, a]));
  const rawClusters = buildClusters(joins);
  const clusterOf = new Map<string, string>();
  const clusterScores = new Map<string, ReturnType<typeof scoreMeasures>>();
  for (const c of rawClusters) {
    // The cluster is scored on its suspicious core, the members with half the threshold on their
    // own, when there are two or more: a bystander on a shared address does not dilute it.
    const core = c.accountIds.filter((id) => own.get(id)!.score >= options.threshold / 2);
    const pooled = poolAggregates(c.id, (core.length >= 2 ? core : c.accountIds).map((id) => byId.get(id)!));
    // Pooled volume says nothing (a cluster is many accounts); the other factors are the evidence.
    clusterScores.set(c.id, scoreMeasures(measure(pooled), null, options));
    for (const id of c.accountIds) clusterOf.set(id, c.id);
  }
  const accounts = aggregates.map((a) => {
    const mine = own.get(a.accountId)!;
    const clusterId = clusterOf.get(a.accountId) ?? null;
    const cluster = clusterId ? clusterScores.get(clusterId)! : null;
    let score = mine.score;
    const factors = [...mine.factors];
    // Cluster evidence lifts a member that has at least half the threshold on its own.
    if (cluster && cluster.score >= options.threshold && mine.score >= options.threshold / 2 && cluster.score > mine.score) {
      const size = rawClusters.find((c) => c.id === clusterId)!.accountIds.length;
      factors.unshift({
        key: "cluster", label: "cluster evidence", points: cluster.score - mine.score, strength: null,
        detail: `member of a cluster of ${size} accounts whose pooled requests score ${cluster.score} (${cluster.factors.slice(0, 3).map((f) => f.label).join(", ")})`,
      });
      score = cluster.score;
    }
    return {
      accountId: a.accountId,
      score,
      ownScore: mine.score,
      flagged: score >= options.threshold,
      clusterId,
      requests: a.requests,
      factors,
      indicators: describeIndicators(measures.get(a.accountId)!, typical, a, sharedWith.get(a.accountId) ?? [], typicalShared),
    };
  });
  accounts.sort((x, y) => y.score - x.score || y.requests - x.requests || x.accountId.localeCompare(y.accountId));
  const flagged = new Set(accounts.filter((a) => a.flagged).map((a) => a.accountId));
  const clusters = rawClusters
    .map((c) => ({
      id: c.id,
      size: c.accountIds.length,
      accountIds: c.accountIds,
      score: clusterScores.get(c.id)!.score,
      flaggedMembers: c.accountIds.filter((id) => flagged.has(id)).length,
      joins: c.joins.slice(0, 50),
      factors: clusterScores.get(c.id)!.factors,
    }))
    .sort((x, y) => y.score - x.score || y.size - x.size);
  return { accounts, clusters };
}
