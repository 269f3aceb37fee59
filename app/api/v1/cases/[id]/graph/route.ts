import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { getCaseGraph } from "@/lib/links/link-graph";

export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await getCaseGraph(ctx.actor, id, searchParamsObject(req))));
