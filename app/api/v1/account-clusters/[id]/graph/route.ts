import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getClusterGraph } from "@/lib/links/link-graph";

export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await getClusterGraph(ctx.actor, id, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
