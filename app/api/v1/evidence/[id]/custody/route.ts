import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { listCustody } from "@/lib/evidence/get-evidence";

/** The whole chain of custody, newest first, a page at a time (?page=&pageSize=). */
export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await listCustody(ctx.actor, id, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
