import { describe, expect, it } from "vitest";
import { formatAddress } from "@/components/format";

describe("formatAddress", () => {
  it("shows an IPv4 address mapped into IPv6 as plain IPv4 and leaves every other address alone", () => {
    expect(formatAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(formatAddress("::FFFF:203.0.113.7")).toBe("203.0.113.7");
    expect(formatAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(formatAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(formatAddress("::ffff:7f00:1")).toBe("::ffff:7f00:1");
    expect(formatAddress(null)).toBeNull();
  });
});
