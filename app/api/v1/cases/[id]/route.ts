import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { editCase } from "@/lib/cases/edit-case";
import { getCase } from "@/lib/cases/get-case";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, ctx, { id }) => json(await getCase(ctx.actor, id)));

export const PATCH = apiRoute<Params>(async (req, ctx, { id }) => json(await editCase(ctx, id, await readJson(req))));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
