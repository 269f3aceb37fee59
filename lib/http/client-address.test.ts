import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { clientAddress, clientAddressFromRecord, normalizeAddress, trustedProxyList } from "@/lib/http/client-address";

const NONE = trustedProxyList([]);
const PROXIES = trustedProxyList(["10.0.0.5", "192.168.0.0/16", "fd00::/8"]);
const headers = (h: Record<string, string>) => new Headers(h);

describe("clientAddress with no trusted proxies (the default)", () => {
  it.each([
    // The right-most hop is the socket's peer, appended by the server (or set by next start).
    ["203.0.113.9", "203.0.113.9"],
    ["1.2.3.4, 203.0.113.9", "203.0.113.9"],
    ["1.2.3.4, 5.6.7.8, 127.0.0.1", "127.0.0.1"],
    ["<script>, 127.0.0.1", "127.0.0.1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::1", "::1"],
  ])("X-Forwarded-For %j is the client %s", (xff, expected) => {
    expect(clientAddress(headers({ "x-forwarded-for": xff }), NONE)).toBe(expected);
  });

  it("ignores X-Real-IP from an untrusted peer", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "1.2.3.4" }), NONE)).toBe("203.0.113.9");
  });

  it("answers null when there is no address at all, or only garbage", () => {
    expect(clientAddress(headers({}), NONE)).toBeNull();
    expect(clientAddress(headers({ "x-real-ip": "1.2.3.4" }), NONE)).toBeNull();
    expect(clientAddress(headers({ "x-forwarded-for": "not-an-address" }), NONE)).toBeNull();
  });
});

describe("clientAddress behind trusted proxies", () => {
  it.each([
    // proxy -> us: the proxy's view of the client counts.
    ["198.51.100.7, 10.0.0.5", "198.51.100.7"],
    // A client's own header to the left of what the proxy appended does not.
    ["6.6.6.6, 198.51.100.7, 10.0.0.5", "198.51.100.7"],
    // Two trusted hops (an inner load balancer in 192.168/16).
    ["6.6.6.6, 198.51.100.7, 192.168.4.4, 10.0.0.5", "198.51.100.7"],
    ["2001:db8::1, fd12::3", "2001:db8::1"],
    // An untrusted peer cannot claim anything, even with a trusted proxy's address in the header.
    ["198.51.100.7, 10.0.0.5, 203.0.113.9", "203.0.113.9"],
    // Garbage left of a trusted hop: the trusted hop stands.
    ["bogus, 10.0.0.5", "10.0.0.5"],
    ["[2001:db8::2]:443, 10.0.0.5", "2001:db8::2"],
    ["198.51.100.7:51234, 10.0.0.5", "198.51.100.7"],
  ])("X-Forwarded-For %j is the client %s", (xff, expected) => {
    expect(clientAddress(headers({ "x-forwarded-for": xff }), PROXIES)).toBe(expected);
  });

  it("believes X-Real-IP only when every hop is a trusted proxy", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.5", "x-real-ip": "198.51.100.7" }), PROXIES)).toBe("198.51.100.7");
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.5", "x-real-ip": "junk" }), PROXIES)).toBe("10.0.0.5");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "198.51.100.7" }), PROXIES)).toBe("203.0.113.9");
  });

  it("reads a Node header record (next-auth's request) the same way", () => {
    expect(clientAddressFromRecord({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.5" }, PROXIES)).toBe("198.51.100.7");
    expect(clientAddressFromRecord({ "x-forwarded-for": "6.6.6.6, 127.0.0.1" }, NONE)).toBe("127.0.0.1");
    expect(clientAddressFromRecord(undefined, NONE)).toBeNull();
  });
});

describe("normalizeAddress", () => {
  it.each([
    [" 1.2.3.4 ", "1.2.3.4"],
    ["::FFFF:10.1.2.3", "10.1.2.3"],
    ["[::1]", "::1"],
    ["FD00::1", "fd00::1"],
    ["1.2.3.4.5", null],
    ["<b>hi</b>", null],
    ["", null],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe("LANTERN_TRUSTED_PROXIES", () => {
  it("defaults to none and takes addresses and CIDR ranges", () => {
    expect(parseEnv({}).LANTERN_TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ LANTERN_TRUSTED_PROXIES: " 10.0.0.5, 192.168.0.0/16 ,fd00::/8" }).LANTERN_TRUSTED_PROXIES).toEqual([
      "10.0.0.5",
      "192.168.0.0/16",
      "fd00::/8",
    ]);
  });

  it.each(["localhost", "10.0.0.0/33", "10.0.0.1, nginx"])("refuses %j naming the variable", (value) => {
    expect(() => parseEnv({ LANTERN_TRUSTED_PROXIES: value })).toThrow(EnvError);
    expect(() => parseEnv({ LANTERN_TRUSTED_PROXIES: value })).toThrow(/LANTERN_TRUSTED_PROXIES/);
  });
});
