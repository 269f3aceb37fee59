// The distillation report part of the OpenAPI description: the request and the report document,
// from the zod schemas that validate and specify them (decision 0017).
import type { OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { ZDistillationReport, ZGenerateReportInput } from "@/lib/distillation-report/report-schema";

type Json = Record<string, unknown>;

export function distillationReportSchemas({ schema }: OpenApiHelpers): Json {
  return {
    GenerateDistillationReport: schema(ZGenerateReportInput),
    DistillationReport: {
      ...schema(ZDistillationReport),
      description:
        "The JSON document of a DISTILLATION_REPORT evidence item, embedded in its HTML rendering as <script type=\"application/json\" " +
        "id=\"lantern-distillation-report\">: the sources (each log's SHA-256 and ingest run), parameters and threshold, flagged accounts with " +
        "factors and indicators, and the clusters with a flagged member",
    },
  };
}

export function distillationReportPaths({ ref, ok, errors, idParam }: OpenApiHelpers): Json {
  return {
    "/cases/{id}/distillation/report": {
      post: {
        summary:
          "Generate a distillation report over the case's COMPLETED ingest runs: a DISTILLATION_REPORT evidence item (one HTML page embedding the JSON " +
          "document DistillationReport), stored, hashed and with an UPLOAD custody event like any evidence. The body is optional. 409 when the case has " +
          "no completed ingest run (or is closed)",
        parameters: [idParam],
        requestBody: { required: false, content: { "application/json": { schema: ref("GenerateDistillationReport") } } },
        responses: { 201: ok("The new evidence item", ref("Evidence")), ...errors(400, 401, 403, 404, 409, 415) },
      },
    },
  };
}
