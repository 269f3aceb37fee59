// Admin → Webhook: the URL and secret kept in settings (used when the environment sets none).
import { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { writeSettings } from "@/lib/settings/settings";
import { parseInput } from "@/lib/validation";
import { WEBHOOK_SECRET_KEY, WEBHOOK_URL_KEY } from "@/lib/webhooks/webhook-config";

export const ZWebhookSettingsInput = z.object({
  // Empty clears it.
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "must be an http:// or https:// URL"),
  // Empty keeps the saved secret; clearSecret removes it.
  secret: z
    .string()
    .max(500)
    .refine((v) => v === "" || v.length >= 16, "must be at least 16 characters"),
  clearSecret: z.boolean().default(false),
});
export type TWebhookSettingsInput = z.input<typeof ZWebhookSettingsInput>;

export async function updateWebhookSettings(ctx: RequestContext, input: unknown): Promise<void> {
  const data = parseInput(ZWebhookSettingsInput, input);
  const values: Record<string, string | null> = { [WEBHOOK_URL_KEY]: data.url === "" ? null : data.url };
  if (data.clearSecret) values[WEBHOOK_SECRET_KEY] = null;
  else if (data.secret !== "") values[WEBHOOK_SECRET_KEY] = data.secret;
  await writeSettings(ctx, values, [WEBHOOK_SECRET_KEY]);
}
