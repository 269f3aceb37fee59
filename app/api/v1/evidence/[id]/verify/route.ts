import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { verifyEvidence } from "@/lib/evidence/verify-evidence";

export const POST = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await verifyEvidence(ctx, id)));

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethods({ POST });
