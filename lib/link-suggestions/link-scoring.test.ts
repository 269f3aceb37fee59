import { describe, expect, it } from "vitest";
import { evidenceFingerprint, explainLink, linkConfidence, linkReason, MIN_SUGGESTION_CONFIDENCE } from "@/lib/link-suggestions/link-scoring";

describe("link scoring", () => {
  it("weighs payment, API key, device and IP far above email domain and user agent", () => {
    for (const type of ["PAYMENT_FINGERPRINT", "API_KEY", "DEVICE_ID", "IP"] as const) {
      expect(linkConfidence([{ type, value: "x" }])).toBeGreaterThanOrEqual(MIN_SUGGESTION_CONFIDENCE);
    }
    expect(linkConfidence([{ type: "EMAIL_DOMAIN", value: "a.test" }])).toBeLessThan(MIN_SUGGESTION_CONFIDENCE);
    expect(linkConfidence([{ type: "EMAIL_DOMAIN", value: "a.test" }, { type: "USER_AGENT", value: "ua" }])).toBeLessThan(MIN_SUGGESTION_CONFIDENCE);
    expect(linkConfidence([{ type: "IP", value: "1" }, { type: "IP", value: "2" }])).toBeCloseTo(0.84, 3);
  });

  it("explains in plain words, strongest kind first, and names noise", () => {
    expect(
      explainLink([
        { type: "IP", value: "203.0.113.9" },
        { type: "PAYMENT_FINGERPRINT", value: "pf_91a8c2d4e5f6" },
        { type: "IP", value: "203.0.113.7" },
        { type: "IP", value: "203.0.113.8" },
      ]),
    ).toBe("share payment fingerprint pf_91a… and 3 IP addresses");
    expect(explainLink([{ type: "DEVICE_ID", value: "d1" }, { type: "API_KEY", value: "k1" }, { type: "EMAIL_DOMAIN", value: "x.test" }])).toBe(
      "share API key k1, device id d1 and email domain x.test",
    );
    expect(explainLink([{ type: "IP", value: "10.0.0.1" }], [{ type: "EMAIL_DOMAIN", value: "gmail.com", accounts: 4000 }])).toBe(
      "share IP address 10.0.0.1; not counted, shared too widely to mean anything (noise): email domain gmail.com (on 4000 accounts)",
    );
    expect(linkReason([{ type: "IP", value: "1" }, { type: "DEVICE_ID", value: "d" }])).toBe("shared device id");
  });

  it("fingerprints the set of shared values regardless of order", () => {
    const a = [{ type: "IP" as const, value: "1" }, { type: "API_KEY" as const, value: "k" }];
    expect(evidenceFingerprint(a)).toBe(evidenceFingerprint([...a].reverse()));
    expect(evidenceFingerprint(a)).not.toBe(evidenceFingerprint(a.slice(1)));
  });
});
