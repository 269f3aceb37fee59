import { apiRoute, json } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getAction } from "@/lib/actions/get-action";

export const GET = apiRoute<{ id: string }>(async (_req, ctx, { id }) => json(await getAction(ctx.actor, id)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
