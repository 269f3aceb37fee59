import { apiRoute, json, readJson } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { attachAccounts, listCaseAccounts } from "@/lib/accounts/case-accounts";

type Params = { id: string };

export const GET = apiRoute<Params>(async (_req, ctx, { id }) => {
  const items = await listCaseAccounts(ctx.actor, id);
  return json({ items, total: items.length, page: 1, pageSize: items.length });
});

/** {accountId, role} answers the attached account; {accounts: [...]} answers {items}. */
export const POST = apiRoute<Params>(async (req, ctx, { id }) => {
  const input = await readJson(req);
  const items = await attachAccounts(ctx, id, input);
  const many = typeof input === "object" && input !== null && "accounts" in input;
  return json(many ? { items } : items[0], 201);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
