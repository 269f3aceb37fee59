// Where deliveries go: LANTERN_WEBHOOK_URL / LANTERN_WEBHOOK_SECRET when set (the operator's
// environment wins, so a deployment can pin it), otherwise what an admin saved on Admin → Webhook.
import { env } from "@/lib/env";
import { readSettings } from "@/lib/settings/settings";

export const WEBHOOK_URL_KEY = "webhook.url";
export const WEBHOOK_SECRET_KEY = "webhook.secret";

export type WebhookConfig = {
  url: string | null;
  secret: string | null;
  urlSource: "env" | "settings" | null;
  secretSource: "env" | "settings" | null;
};

export async function webhookConfig(): Promise<WebhookConfig> {
  const e = env();
  const saved = await readSettings([WEBHOOK_URL_KEY, WEBHOOK_SECRET_KEY]);
  const url = e.LANTERN_WEBHOOK_URL ?? saved[WEBHOOK_URL_KEY] ?? null;
  const secret = e.LANTERN_WEBHOOK_SECRET ?? saved[WEBHOOK_SECRET_KEY] ?? null;
  return {
    url,
    secret,
    urlSource: e.LANTERN_WEBHOOK_URL ? "env" : saved[WEBHOOK_URL_KEY] ? "settings" : null,
    secretSource: e.LANTERN_WEBHOOK_SECRET ? "env" : saved[WEBHOOK_SECRET_KEY] ? "settings" : null,
  };
}
