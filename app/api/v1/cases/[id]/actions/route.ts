import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { createAction } from "@/lib/actions/create-action";
import { listCaseActions } from "@/lib/actions/list-actions";

type Params = { id: string };

export const GET = apiRoute<Params>(async (req, ctx, { id }) => json(await listCaseActions(ctx.actor, id, searchParamsObject(req))));

export const POST = apiRoute<Params>(async (req, ctx, { id }) => json(await createAction(ctx, id, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
