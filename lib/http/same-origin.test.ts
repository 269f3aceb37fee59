import { describe, expect, it } from "vitest";
import { isCrossSiteNavigation, isSameOriginRequest } from "@/lib/http/same-origin";

const headers = (h: Record<string, string>) => new Headers(h);

describe("isSameOriginRequest", () => {
  it("accepts requests from our own pages, whatever the method", () => {
    expect(isSameOriginRequest("POST", headers({ origin: "http://lantern.local:3000", host: "lantern.local:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest("GET", headers({ "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("trusts the browser's same-origin verdict behind a proxy that rewrites Host", () => {
    expect(isSameOriginRequest("POST", headers({ origin: "https://cases.example", host: "127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("refuses cross-site and same-site (sibling host) requests, reads included", () => {
    expect(isSameOriginRequest("POST", headers({ origin: "https://evil.example", host: "lantern.local", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest("POST", headers({ origin: "https://other.lantern.local", host: "lantern.local", "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginRequest("GET", headers({ host: "lantern.local", "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("lets a typed or bookmarked read through (no fetch metadata, or 'none')", () => {
    expect(isSameOriginRequest("GET", headers({ host: "lantern.local" }))).toBe(true);
    expect(isSameOriginRequest("GET", headers({ host: "lantern.local", "sec-fetch-site": "none" }))).toBe(true);
  });

  it("without fetch metadata, needs an Origin naming this host for a write", () => {
    expect(isSameOriginRequest("POST", headers({ origin: "http://lantern.local", host: "lantern.local" }))).toBe(true);
    expect(isSameOriginRequest("DELETE", headers({ origin: "https://evil.example", host: "lantern.local" }))).toBe(false);
    expect(isSameOriginRequest("PATCH", headers({ origin: "null", host: "lantern.local" }))).toBe(false);
    expect(isSameOriginRequest("POST", headers({ host: "lantern.local" }))).toBe(false);
    expect(isSameOriginRequest("POST", headers({ host: "lantern.local", "sec-fetch-site": "none" }))).toBe(false);
  });

  it("honours the forwarded host a proxy sets (a page cannot set it cross-origin without a preflight we never allow)", () => {
    expect(isSameOriginRequest("POST", headers({ origin: "https://cases.example", host: "127.0.0.1:3000", "x-forwarded-host": "cases.example" }))).toBe(true);
  });
});

describe("isCrossSiteNavigation", () => {
  it("is true only for arrivals from another site", () => {
    expect(isCrossSiteNavigation(headers({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteNavigation(headers({ "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteNavigation(headers({ "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteNavigation(headers({ "sec-fetch-site": "none" }))).toBe(false);
    expect(isCrossSiteNavigation(headers({}))).toBe(false);
  });
});
