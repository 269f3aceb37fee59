// The ingest part of the OpenAPI description, from the zod schemas of the query and answers.
import type { OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { ZIngestRun, ZIngestRunDetail, ZIngestRunQuery } from "@/lib/ingest/ingest-schemas";

type Json = Record<string, unknown>;

export function ingestSchemas({ schema }: OpenApiHelpers): Json {
  return { IngestRun: schema(ZIngestRun), IngestRunDetail: schema(ZIngestRunDetail) };
}

const pathParam = (description: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description });

export function ingestPaths({ ref, ok, errors, queryParameters }: OpenApiHelpers): Json {
  return {
    "/evidence/{id}/ingest": {
      post: {
        summary:
          "Ingest an API_LOG item (JSON Lines or CSV, gzip or not, detected from the content) into per-request rows, as a background job. " +
          "Allowed to whoever may add evidence to the case. A finished earlier run of the item is replaced (its rows deleted), never added to; " +
          "409 for other kinds, removed items, or while a run of the item is QUEUED or RUNNING (details.runId)",
        parameters: [pathParam("evidence id")],
        responses: { 202: ok("The run, QUEUED", ref("IngestRun")), ...errors(401, 403, 404, 409) },
      },
    },
    "/ingest-runs/{id}": {
      get: {
        summary: "An ingest run: state, progress and a page of its malformed lines (poll it while QUEUED or RUNNING)",
        parameters: [pathParam("ingest run id"), ...queryParameters(ZIngestRunQuery)],
        responses: { 200: ok("The run", ref("IngestRunDetail")), ...errors(400, 401, 404) },
      },
    },
  };
}
