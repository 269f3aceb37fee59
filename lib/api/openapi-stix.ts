// The STIX indicator-sharing part of the OpenAPI description (decision 0022).
import type { OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { TLP_LEVELS } from "@/lib/stix/tlp";

type Json = Record<string, unknown>;

export function stixPaths({ errors, idParam }: OpenApiHelpers): Json {
  return {
    "/cases/{id}/stix": {
      get: {
        operationId: "exportCaseStix",
        summary:
          "The case's accounts (user-account), their attributes (ipv4-addr, ipv6-addr, domain-name and Lantern's custom observables), accepted links, " +
          "the accounts the distillation analysis flags (indicators of one attack-pattern) and a report tying them to the case, as a STIX 2.1 bundle. " +
          "Every object carries the chosen TLP marking. An audit event",
        parameters: [
          idParam,
          { name: "tlp", in: "query", required: false, schema: { type: "string", enum: [...TLP_LEVELS] }, description: "TLP marking; default RED for a restricted case, AMBER otherwise" },
        ],
        responses: {
          200: {
            description: "The bundle (attachment)",
            content: { "application/stix+json;version=2.1": { schema: { type: "object", required: ["type", "id", "objects"], properties: { type: { const: "bundle" }, id: { type: "string" }, objects: { type: "array", items: { type: "object" } } } } } },
          },
          ...errors(400, 401, 404),
        },
      },
    },
  };
}
