import { apiRoute, json } from "@/lib/api/api-handler";
import { verifyAudit } from "@/lib/audit/verify-audit";

export const GET = apiRoute(async (_req, ctx) => json(await verifyAudit(ctx.actor)));
