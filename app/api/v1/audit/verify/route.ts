import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { verifyAudit } from "@/lib/audit/verify-audit";

export const GET = apiRoute(async (_req, ctx) => json(await verifyAudit(ctx.actor)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
