import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { previewEvidence } from "@/lib/evidence/preview-evidence";

// ?page=&pageSize= for CSV, JSON Lines and text. Not cached: each preview is a custody event.
export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) =>
  json(await previewEvidence(ctx, id, searchParamsObject(req)), 200, { "cache-control": "private, no-store" }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
