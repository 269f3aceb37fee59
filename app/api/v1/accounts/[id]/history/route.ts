import { apiRoute, json, searchParamsObject } from "@/lib/api/api-handler";
import { listAccountHistory } from "@/lib/accounts/get-account";

export const GET = apiRoute<{ id: string }>(async (req, ctx, { id }) => json(await listAccountHistory(ctx.actor, id, searchParamsObject(req))));
