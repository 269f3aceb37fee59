import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { decideLink } from "@/lib/links/decide-link";
import { getLink } from "@/lib/links/list-links";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, ctx, { id }) => json(await getLink(ctx.actor, id)));

export const PATCH = apiRoute<Params>(async (req, ctx, { id }) => json(await decideLink(ctx, id, await readJson(req))));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
