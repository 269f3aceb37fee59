"use server";
import type { ActionState } from "@/components/action-state";
import { defineFormAction, defineFormSubmit } from "@/components/form-action";
import { updateWebhookSettings } from "@/lib/webhooks/update-webhook-settings";
import { redeliverWebhook, sendTestWebhook } from "@/lib/webhooks/webhook-deliveries";

export const saveWebhookSettingsAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    await updateWebhookSettings(ctx, {
      url: String(form.get("url") ?? ""),
      secret: String(form.get("secret") ?? ""),
      clearSecret: form.get("clearSecret") === "on",
    });
    return { ok: true, message: "Webhook settings saved" };
  },
  { echo: { omit: ["secret"] } },
);

export const sendTestWebhookAction = defineFormSubmit((ctx) => sendTestWebhook(ctx));

export const redeliverWebhookAction = defineFormSubmit((ctx, form) => redeliverWebhook(ctx, String(form.get("deliveryId") ?? "")));
