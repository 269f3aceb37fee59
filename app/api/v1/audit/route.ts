import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { exportAuditCsv } from "@/lib/list-exports/export-audit";
import { wantsCsv } from "@/lib/list-exports/list-format";

/** A page of JSON, or with format=csv every matching event as a streamed CSV (audited). */
export const GET = apiRoute(async (req, ctx) => {
  const query = searchParamsObject(req);
  return wantsCsv(query) ? exportAuditCsv(ctx, query) : json(await listAuditEvents(ctx.actor, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
