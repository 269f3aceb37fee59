import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const GET = apiRoute(async (req, ctx) => json(await listAuditEvents(ctx.actor, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
