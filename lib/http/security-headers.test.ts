import { describe, expect, it } from "vitest";
import { trustedProxyList } from "@/lib/http/client-address";
import { contentSecurityPolicy, createNonce, isHttpsRequest } from "@/lib/http/security-headers";

const PROXY = trustedProxyList(["10.0.0.5"]);
const NONE = trustedProxyList([]);
const h = (x: Record<string, string>) => new Headers(x);

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy("abc123==", { dev: false, https: false });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("allows eval in development only, and upgrades requests under https", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});

describe("isHttpsRequest", () => {
  it("is true when the public URL is https", () => {
    expect(isHttpsRequest(h({ "x-forwarded-for": "203.0.113.9" }), "https://lantern.example.org", NONE)).toBe(true);
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const fromProxy = h({ "x-forwarded-for": "198.51.100.7, 10.0.0.5", "x-forwarded-proto": "https" });
    expect(isHttpsRequest(fromProxy, undefined, PROXY)).toBe(true);
    expect(isHttpsRequest(fromProxy, undefined, NONE)).toBe(false);
    const forged = h({ "x-forwarded-for": "10.0.0.5, 203.0.113.9", "x-forwarded-proto": "https" });
    expect(isHttpsRequest(forged, undefined, PROXY)).toBe(false);
    expect(isHttpsRequest(h({ "x-forwarded-for": "10.0.0.5", "x-forwarded-proto": "http" }), "http://x", PROXY)).toBe(false);
    expect(isHttpsRequest(h({ "x-forwarded-for": "10.0.0.5", "x-forwarded-proto": "http, https" }), undefined, PROXY)).toBe(true);
  });
});
