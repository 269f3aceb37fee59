import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "@/lib/webhooks/webhook-signature";

const SECRET = "whsec-test-0123456789";
const BODY = '{"id":"c1","event":"action.executed","data":{"actionId":"a1"}}';

describe("webhook signature", () => {
  it("is t=<unix>,v1=<hex HMAC-SHA256 of t.body> (known answer)", () => {
    const expected = createHmac("sha256", SECRET).update(`1700000000.${BODY}`).digest("hex");
    expect(signWebhook(SECRET, BODY, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies within the 5-minute window and refuses outside it", () => {
    const header = signWebhook(SECRET, BODY, 1_700_000_000);
    expect(verifyWebhookSignature(SECRET, header, BODY, 1_700_000_000 + 300)).toEqual({ ok: true });
    expect(verifyWebhookSignature(SECRET, header, BODY, 1_700_000_000 - 300)).toEqual({ ok: true });
    expect(verifyWebhookSignature(SECRET, header, BODY, 1_700_000_000 + 301)).toEqual({ ok: false, reason: "timestamp outside the 5-minute window" });
  });

  it("refuses a changed body, another secret, a moved timestamp and junk", () => {
    const now = 1_700_000_000;
    const header = signWebhook(SECRET, BODY, now);
    const v1 = header.split("v1=")[1];
    expect(verifyWebhookSignature(SECRET, header, BODY.replace("a1", "a2"), now).ok).toBe(false);
    expect(verifyWebhookSignature("another-secret-123456", header, BODY, now).ok).toBe(false);
    expect(verifyWebhookSignature(SECRET, `t=${now + 1},v1=${v1}`, BODY, now).ok).toBe(false);
    expect(verifyWebhookSignature(SECRET, undefined, BODY, now)).toEqual({ ok: false, reason: "no signature header" });
    expect(verifyWebhookSignature(SECRET, "v1=abc", BODY, now)).toEqual({ ok: false, reason: "malformed signature header" });
  });
});
