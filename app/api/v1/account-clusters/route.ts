import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { listClusters } from "@/lib/links/clusters";

export const GET = apiRoute(async (req, ctx) => json(await listClusters(ctx.actor, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
