import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { checkpointForReader } from "@/lib/audit/checkpoints";

// A signed checkpoint of the audit chain's head (a new one when the head moved since the last).
export const GET = apiRoute(async (_req, ctx) => json(await checkpointForReader(ctx.actor)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
