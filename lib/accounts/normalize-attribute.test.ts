import { describe, expect, it } from "vitest";
import { normalizeAttribute } from "@/lib/accounts/normalize-attribute";

const ok = (type: Parameters<typeof normalizeAttribute>[0], raw: string) => {
  const r = normalizeAttribute(type, raw);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe("attribute normalization", () => {
  it("shows IPv4-mapped IPv6 as IPv4, in every spelling", () => {
    expect(ok("IP", "::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ok("IP", "::FFFF:203.0.113.7")).toBe("203.0.113.7");
    expect(ok("IP", "0:0:0:0:0:ffff:cb00:7107")).toBe("203.0.113.7");
    expect(ok("IP", "[::ffff:cb00:7107]")).toBe("203.0.113.7");
  });

  it("trims IPv4 and writes IPv6 in its canonical short form", () => {
    expect(ok("IP", "  198.51.100.4 ")).toBe("198.51.100.4");
    expect(ok("IP", "2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(ok("IP", "2001:db8:0:1:0:0:0:1")).toBe("2001:db8:0:1::1");
    expect(ok("IP", "::1")).toBe("::1");
    expect(ok("IP", "::")).toBe("::");
  });

  it("refuses what is not an IP address", () => {
    expect(normalizeAttribute("IP", "999.1.1.1")).toEqual({ ok: false, reason: '"999.1.1.1" is not an IP address' });
    expect(normalizeAttribute("IP", "example.com").ok).toBe(false);
  });

  it("lower-cases email domains and drops a leading @ and trailing dot", () => {
    expect(ok("EMAIL_DOMAIN", " @Example.COM. ")).toBe("example.com");
    expect(normalizeAttribute("EMAIL_DOMAIN", "not a domain").ok).toBe(false);
  });

  it("trims other values, keeps their case, and refuses empty or over-long ones", () => {
    expect(ok("API_KEY", "  sk-AbC  ")).toBe("sk-AbC");
    expect(ok("USER_AGENT", " python-requests/2.31   (x) ")).toBe("python-requests/2.31 (x)");
    expect(normalizeAttribute("DEVICE_ID", "   ")).toEqual({ ok: false, reason: "is empty" });
    expect(normalizeAttribute("PAYMENT_FINGERPRINT", "x".repeat(501)).ok).toBe(false);
  });
});
