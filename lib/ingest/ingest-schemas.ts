// The ingest API's query and answers as zod schemas: the routes validate with them and the OpenAPI
// document is generated from them (lib/api/openapi-ingest.ts).
import { z } from "zod";
import { MAX_STORED_ERRORS } from "@/lib/ingest/ingest-run-view";

export const ZIngestRunQuery = z.object({
  errorsPage: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(1),
  errorsPageSize: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_STORED_ERRORS, `must be at most ${MAX_STORED_ERRORS}`)
    .default(100),
});

const ZTime = z.string().describe("ISO 8601 time");

export const ZIngestRun = z
  .object({
    id: z.string(),
    caseId: z.string(),
    evidenceId: z.string(),
    state: z.enum(["QUEUED", "RUNNING", "FAILED", "COMPLETED"]),
    format: z.enum(["jsonl", "csv"]).nullable().describe("detected from the content; null until the run has looked"),
    compressed: z.boolean().describe("gzip, detected from the content"),
    bytesTotal: z.number().int().describe("size of the stored file"),
    bytesDone: z.number().int().describe("stored bytes consumed up to the last committed batch"),
    linesTotal: z.number().int().describe("lines with a request or an error so far (blank lines are not counted)"),
    linesOk: z.number().int(),
    linesFailed: z.number().int(),
    lastLine: z.number().int().describe("the last source line whose outcome is committed"),
    error: z.string().nullable().describe("why the run failed, or why its last attempt did (it is retried)"),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: ZTime,
    startedAt: ZTime.nullable(),
    finishedAt: ZTime.nullable(),
    updatedAt: ZTime,
    replacedAt: ZTime.nullable().describe("set when a later run of the same evidence replaced this one (its rows are deleted)"),
  })
  .describe("An ingest run of an API_LOG evidence item");

export const ZIngestRunDetail = ZIngestRun.extend({
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })).describe(`a page of the malformed lines kept (the first ${MAX_STORED_ERRORS} of the run), by line`),
  errorsPage: z.object({ page: z.number().int(), pageSize: z.number().int(), stored: z.number().int().describe("malformed lines kept") }),
});
