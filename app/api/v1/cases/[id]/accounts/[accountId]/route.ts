import { apiRoute } from "@/lib/api/api-handler";
import { detachAccount } from "@/lib/accounts/case-accounts";

export const DELETE = apiRoute<{ id: string; accountId: string }>(async (_req, ctx, { id, accountId }) => {
  await detachAccount(ctx, id, accountId);
  return new Response(null, { status: 204 });
});
