// The distillation report's JSON document, version 1 (decision 0017). The zod schema is the
// specification: the OpenAPI document publishes it and the tests check generated reports against it.
// A change that would break a reader gets a new version, not an edit of this one.
import { z } from "zod";

export const REPORT_SCHEMA_ID = "lantern.distillation-report";
export const REPORT_SCHEMA_VERSION = 1;

const ZFactor = z.object({
  key: z.string(),
  label: z.string(),
  points: z.number(),
  strength: z.number().nullable(),
  detail: z.string(),
});

const ZIndicator = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  typical: z.number().nullable(),
  unit: z.string(),
  sentence: z.string(),
});

export const ZDistillationReport = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: z.iso.datetime(),
  generatedBy: z.object({ id: z.string(), email: z.string() }),
  case: z.object({ id: z.string(), number: z.string(), title: z.string() }),
  /** The logs the analysis read: one per COMPLETED, non-replaced ingest run. */
  sources: z.array(
    z.object({
      ingestRunId: z.string(),
      evidenceId: z.string(),
      title: z.string(),
      fileName: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      linesTotal: z.number().int(),
      linesOk: z.number().int(),
      linesFailed: z.number().int(),
      finishedAt: z.string().nullable(),
    }),
  ),
  parameters: z.object({
    threshold: z.number(),
    reasoningPhrases: z.array(z.string()),
    weights: z.record(z.string(), z.number()),
    minBasis: z.number(),
    joinLimits: z.record(z.string(), z.number()),
    method: z.string(),
  }),
  totals: z.object({ accounts: z.number().int(), requests: z.number().int(), flagged: z.number().int(), clusters: z.number().int() }),
  /** Highest score first. */
  flaggedAccounts: z.array(
    z.object({
      accountId: z.string(),
      externalId: z.string(),
      displayName: z.string(),
      score: z.number(),
      ownScore: z.number(),
      requests: z.number().int(),
      clusterId: z.string().nullable(),
      factors: z.array(ZFactor),
      indicators: z.array(ZIndicator),
    }),
  ),
  /** The clusters with at least one flagged member: accounts joined by what they share. */
  clusters: z.array(
    z.object({
      id: z.string(),
      size: z.number().int(),
      score: z.number(),
      flaggedMembers: z.number().int(),
      members: z.array(z.object({ accountId: z.string(), externalId: z.string(), flagged: z.boolean() })),
      joins: z.array(z.object({ type: z.string(), value: z.string(), accountIds: z.array(z.string()) })),
      factors: z.array(ZFactor),
    }),
  ),
});
export type DistillationReport = z.infer<typeof ZDistillationReport>;

/** The request: an optional title for the evidence item (default: "Distillation report <case> <time>"). */
export const ZGenerateReportInput = z.object({
  title: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(200, "must be at most 200 characters").optional()),
});
export type TGenerateReportInput = z.infer<typeof ZGenerateReportInput>;
