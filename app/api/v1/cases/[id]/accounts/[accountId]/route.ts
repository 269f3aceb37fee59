import { apiRoute } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { detachAccount } from "@/lib/accounts/case-accounts";

export const DELETE = apiRoute<{ id: string; accountId: string }>(async (_req, ctx, { id, accountId }) => {
  await detachAccount(ctx, id, accountId);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, HEAD, OPTIONS } = otherMethods({ DELETE });
