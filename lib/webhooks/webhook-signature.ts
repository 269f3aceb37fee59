// The webhook signature (decision 0014): X-Lantern-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256
// of "<t>.<raw body>" with the shared secret>. A receiver recomputes it over the raw bytes it got,
// compares in constant time, and refuses a t more than 5 minutes from its own clock (replays).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Lantern-Signature";
export const DELIVERY_HEADER = "X-Lantern-Delivery";
export const EVENT_HEADER = "X-Lantern-Event";
export const REPLAY_WINDOW_SECONDS = 300;

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

export type Verification = { ok: true } | { ok: false; reason: string };

/** What a receiver does; here for our tests and as the reference the README describes. */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, body: string, nowSeconds = Math.floor(Date.now() / 1000)): Verification {
  if (!header) return { ok: false, reason: "no signature header" };
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return { ok: false, reason: "malformed signature header" };
  if (Math.abs(nowSeconds - t) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: "timestamp outside the 5-minute window" };
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature does not match" };
  return { ok: true };
}
