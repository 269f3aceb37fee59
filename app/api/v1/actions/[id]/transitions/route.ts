import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { transitionAction } from "@/lib/actions/transition-action";

export const POST = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await transitionAction(ctx, id, await readJson(req))));

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethods({ POST });
