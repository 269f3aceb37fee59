import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { listAccountHistory } from "@/lib/accounts/get-account";

export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await listAccountHistory(ctx.actor, id, searchParamsObject(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
