import { apiRoute, json } from "@/lib/api/api-handler";
import { getCluster } from "@/lib/links/clusters";

export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await getCluster(ctx.actor, id)));
