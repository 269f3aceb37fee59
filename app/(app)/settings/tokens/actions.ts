"use server";
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction } from "@/components/form-action";
import type { TokenState } from "@/components/tokens/create-token-form";
import { auditContextOf } from "@/lib/audit/audit-context";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";

export const createTokenAction = defineFormAction<TokenState>(
  async (ctx, form) => {
    const { token, view } = await createApiToken(ctx.actor.id, auditContextOf(ctx), pickFields(form, ["name", "expiresAt", "readOnly"]));
    return { ok: true, message: `Token “${view.name}” created`, token, name: view.name };
  },
  { echo: true },
);

export const revokeTokenAction = defineFormAction<ActionState>(async (ctx, form) => {
  await revokeApiToken(ctx.actor, auditContextOf(ctx), String(form.get("tokenId") ?? ""));
  return { ok: true, message: "Token revoked" };
});
