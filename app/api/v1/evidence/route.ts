import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { findEvidence } from "@/lib/evidence/find-evidence";

/** Evidence across the cases the caller may see: ?q= title, filename or SHA-256 prefix; ?kind=. */
export const GET = apiRoute(async (req, ctx) => json(await findEvidence(ctx.actor, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
