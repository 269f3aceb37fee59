import { apiRoute, json, readJson, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { createAccount } from "@/lib/accounts/create-account";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { exportAccountsCsv } from "@/lib/list-exports/export-accounts";
import { wantsCsv } from "@/lib/list-exports/list-format";

/** A page of JSON, or with format=csv every matching account as a streamed CSV (audited). */
export const GET = apiRoute(async (req, ctx) => {
  const query = searchParamsObject(req);
  return wantsCsv(query) ? exportAccountsCsv(ctx, query) : json(await listAccounts(ctx.actor, query));
});

export const POST = apiRoute(async (req, ctx) => json(await createAccount(ctx, await readJson(req)), 201));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
