"use server";
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, formValues } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { updateWebhookSettings } from "@/lib/webhooks/update-webhook-settings";
import { redeliverWebhook, sendTestWebhook } from "@/lib/webhooks/webhook-deliveries";

export async function saveWebhookSettingsAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    await updateWebhookSettings(ctx, {
      url: String(form.get("url") ?? ""),
      secret: String(form.get("secret") ?? ""),
      clearSecret: form.get("clearSecret") === "on",
    });
    refresh();
    return { ok: true, message: "Webhook settings saved" };
  } catch (e) {
    return failure(e, formValues(form, ["secret"]));
  }
}

export async function sendTestWebhookAction(): Promise<void> {
  const ctx = await requireRequestContext();
  await sendTestWebhook(ctx);
  refresh();
}

export async function redeliverWebhookAction(form: FormData): Promise<void> {
  const ctx = await requireRequestContext();
  await redeliverWebhook(ctx, String(form.get("deliveryId") ?? ""));
  refresh();
}
