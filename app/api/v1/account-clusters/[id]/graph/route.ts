import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { getClusterGraph } from "@/lib/links/link-graph";

export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await getClusterGraph(ctx.actor, id, searchParamsObject(req))));
