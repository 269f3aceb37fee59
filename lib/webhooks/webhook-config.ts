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
  return resolveWebhookConfig({ url: e.LANTERN_WEBHOOK_URL, secret: e.LANTERN_WEBHOOK_SECRET }, { url: saved[WEBHOOK_URL_KEY], secret: saved[WEBHOOK_SECRET_KEY] });
}

type Pair = { url?: string; secret?: string };

/** Each of URL and secret from the environment when set there, otherwise from the settings. */
export function resolveWebhookConfig(fromEnv: Pair, saved: Pair): WebhookConfig {
  return {
    url: fromEnv.url ?? saved.url ?? null,
    secret: fromEnv.secret ?? saved.secret ?? null,
    urlSource: fromEnv.url ? "env" : saved.url ? "settings" : null,
    secretSource: fromEnv.secret ? "env" : saved.secret ? "settings" : null,
  };
}
