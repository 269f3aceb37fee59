"use server";
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import type { TokenState } from "@/components/tokens/create-token-form";
import { auditContextOf } from "@/lib/audit/audit-context";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { requireRequestContext } from "@/lib/auth/current-user";

export async function createTokenAction(_state: TokenState, form: FormData): Promise<TokenState> {
  const ctx = await requireRequestContext();
  try {
    const { token, view } = await createApiToken(ctx.actor.id, auditContextOf(ctx), pickFields(form, ["name", "expiresAt", "readOnly"]));
    refresh();
    return { ok: true, message: `Token “${view.name}” created`, token, name: view.name };
  } catch (e) {
    return failure(e, formValues(form));
  }
}

export async function revokeTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    await revokeApiToken(ctx.actor, auditContextOf(ctx), String(form.get("tokenId") ?? ""));
    refresh();
    return { ok: true, message: "Token revoked" };
  } catch (e) {
    return failure(e);
  }
}
