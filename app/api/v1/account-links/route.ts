import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { createLink } from "@/lib/links/create-link";
import { listLinks } from "@/lib/links/list-links";

export const GET = apiRoute(async (req, ctx) => json(await listLinks(ctx.actor, searchParamsObject(req))));

export const POST = apiRoute(async (req, ctx) => json(await createLink(ctx, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
