import { describe, expect, it } from "vitest";
import { isSameOriginWrite } from "@/lib/http/same-origin";

const headers = (h: Record<string, string>) => new Headers(h);

describe("isSameOriginWrite", () => {
  it("lets reads through whatever their origin", () => {
    expect(isSameOriginWrite("GET", headers({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBe(true);
  });

  it("accepts a write from our own page", () => {
    expect(isSameOriginWrite("POST", headers({ origin: "http://lantern.local:3000", host: "lantern.local:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("refuses a cross-site or same-site (sibling host) write", () => {
    expect(isSameOriginWrite("POST", headers({ origin: "https://evil.example", host: "lantern.local", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginWrite("POST", headers({ origin: "https://other.lantern.local", host: "lantern.local", "sec-fetch-site": "same-site" }))).toBe(false);
  });

  it("refuses an origin that differs from the host even without fetch metadata", () => {
    expect(isSameOriginWrite("DELETE", headers({ origin: "https://evil.example", host: "lantern.local" }))).toBe(false);
    expect(isSameOriginWrite("PATCH", headers({ origin: "null", host: "lantern.local" }))).toBe(false);
  });

  it("refuses a write that proves no origin at all", () => {
    expect(isSameOriginWrite("POST", headers({ host: "lantern.local" }))).toBe(false);
  });

  it("honours the forwarded host behind a proxy", () => {
    expect(isSameOriginWrite("POST", headers({ origin: "https://cases.example", host: "127.0.0.1:3000", "x-forwarded-host": "cases.example" }))).toBe(true);
  });
});
