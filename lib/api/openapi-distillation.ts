// The distillation part of the OpenAPI description, from the zod schemas of the answers.
import type { OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { ZCaseDistillation } from "@/lib/distillation/distillation-schemas";

type Json = Record<string, unknown>;

export function distillationSchemas({ schema }: OpenApiHelpers): Json {
  return { CaseDistillation: schema(ZCaseDistillation) };
}

export function distillationPaths({ ref, ok, errors, idParam }: OpenApiHelpers): Json {
  return {
    "/cases/{id}/distillation": {
      get: {
        summary:
          "Distillation indicators, scores (0-100, with the factors behind them), flags (score >= threshold) and clusters of accounts joined by shared " +
          "IPs, API keys, rare user agents or identical prompts, over the case's COMPLETED ingest runs (decision 0016)",
        description:
          "Always answers with the analysis: the stored one when it is current (usually, since a background job computes it after each ingest " +
          "run ends or the parameters change), else computed within the request, which can take seconds at 100,000 rows and tens of seconds at " +
          "1,000,000. The web page shows a 'being computed' state instead of waiting.",
        parameters: [idParam],
        responses: { 200: ok("The analysis", ref("CaseDistillation")), ...errors(401, 404) },
      },
    },
  };
}
