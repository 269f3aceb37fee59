// The answer of GET /api/v1/cases/{id}/distillation as zod schemas: the OpenAPI description is
// generated from them (lib/api/openapi-distillation.ts) and the tests parse answers with them.
import { z } from "zod";

const ZFactor = z.object({
  key: z.string().describe("reasoningShare, outputRatio, nightShare, regularity, templateSweep, promptReuse, volume, or cluster"),
  label: z.string(),
  points: z.number().describe("points this factor added to the score"),
  strength: z.number().nullable().describe("0..1; null for the cluster factor"),
  detail: z.string(),
});

const ZIndicator = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable().describe("null when there is too little data (or the prompt text is withheld)"),
  typical: z.number().nullable().describe("the median over the case's accounts"),
  unit: z.string(),
  sentence: z.string().describe("the indicator in plain words"),
});

export const ZDistillationAccount = z.object({
  accountId: z.string(),
  externalId: z.string(),
  displayName: z.string(),
  score: z.number().int().min(0).max(100),
  ownScore: z.number().int().min(0).max(100).describe("the score from the account's own requests, before cluster evidence"),
  flagged: z.boolean().describe("score >= threshold"),
  clusterId: z.string().nullable(),
  requests: z.number().int(),
  factors: z.array(ZFactor).describe("what drove the score, largest first"),
  indicators: z.array(ZIndicator),
});

const ZJoin = z.object({ type: z.enum(["IP", "API_KEY", "USER_AGENT", "PROMPTS"]), value: z.string(), accountIds: z.array(z.string()) });

export const ZDistillationCluster = z.object({
  id: z.string(),
  size: z.number().int(),
  accountIds: z.array(z.string()),
  score: z.number().int().describe("the score of the pooled requests of its core: the members with at least half the threshold on their own (all members when fewer than two)"),
  flaggedMembers: z.number().int(),
  joins: z.array(ZJoin).describe("what joins the members (at most 50 listed)"),
  factors: z.array(ZFactor),
});

export const ZDistillationRun = z.object({
  id: z.string(),
  evidenceId: z.string(),
  evidenceTitle: z.string(),
  evidenceSha256: z.string(),
  linesTotal: z.number().int(),
  linesOk: z.number().int(),
  linesFailed: z.number().int(),
  finishedAt: z.string().nullable(),
});

export const ZCaseDistillation = z.object({
  caseId: z.string(),
  computedAt: z.string().describe("when the analysis was computed; it is stored and read back until the completed runs or the parameters change (decision 0016)"),
  threshold: z.number(),
  parameters: z.object({
    reasoningPhrases: z.array(z.string()),
    weights: z.record(z.string(), z.number()),
    minBasis: z.number(),
    joinLimits: z.record(z.string(), z.number()),
  }),
  runs: z.array(ZDistillationRun).describe("the COMPLETED, not replaced ingest runs whose rows were analysed"),
  totals: z.object({ accounts: z.number().int(), requests: z.number().int(), flagged: z.number().int(), clusters: z.number().int() }),
  accounts: z.array(ZDistillationAccount).describe("highest score first"),
  clusters: z.array(ZDistillationCluster),
  durationMs: z.number(),
});
