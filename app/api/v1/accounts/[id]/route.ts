import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { getAccount } from "@/lib/accounts/get-account";
import { updateAccount } from "@/lib/accounts/update-account";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, ctx, { id }) => json(await getAccount(ctx.actor, id)));

export const PATCH = apiRoute<Params>(async (req, ctx, { id }) => json(await updateAccount(ctx, id, await readJson(req))));

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
