import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const GET = apiRoute(async (req, ctx) => json(await listAuditEvents(ctx.actor, searchParamsObject(req))));
