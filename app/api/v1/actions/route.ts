import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { listActions } from "@/lib/actions/list-actions";

export const GET = apiRoute(async (req, ctx) => json(await listActions(ctx.actor, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
