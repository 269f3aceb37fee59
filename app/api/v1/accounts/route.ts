import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { createAccount } from "@/lib/accounts/create-account";
import { listAccounts } from "@/lib/accounts/list-accounts";

export const GET = apiRoute(async (req, ctx) => json(await listAccounts(ctx.actor, searchParamsObject(req))));

export const POST = apiRoute(async (req, ctx) => json(await createAccount(ctx, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
