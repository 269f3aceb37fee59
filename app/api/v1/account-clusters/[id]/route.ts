import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getCluster } from "@/lib/links/clusters";

export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await getCluster(ctx.actor, id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
