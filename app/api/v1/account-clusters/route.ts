import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { listClusters } from "@/lib/links/clusters";

export const GET = apiRoute(async (req, ctx) => json(await listClusters(ctx.actor, searchParamsObject(req))));
