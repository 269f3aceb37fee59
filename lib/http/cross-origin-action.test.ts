// The proxy's copy of Next's server-action origin check: exactly the requests Next would refuse
// (with a 500) are refused, with 403 in the API's error shape; everything else passes untouched.
import { describe, expect, it } from "vitest";
import { refuseCrossOriginAction } from "@/lib/http/cross-origin-action";

const action = (headers: Record<string, string>, method = "POST") =>
  refuseCrossOriginAction(method, new Headers({ host: "lantern.example:3000", "next-action": "abc123", "content-type": "text/plain;charset=UTF-8", ...headers }));

describe("refuseCrossOriginAction", () => {
  it("refuses a server action from another origin with 403 in the error shape", async () => {
    const res = action({ origin: "http://evil.example" });
    expect(res?.status).toBe(403);
    expect(await res!.json()).toEqual({ error: { code: "FORBIDDEN", message: expect.any(String), details: null } });
  });

  it.each([
    ["another port", "http://lantern.example:4000"],
    ["an opaque origin", "null"],
    ["a malformed origin", "not a url"],
  ])("refuses %s", (_, origin) => {
    expect(action({ origin })?.status).toBe(403);
  });

  it("refuses a multipart form post from another origin even without the Next-Action header", () => {
    const res = refuseCrossOriginAction("POST", new Headers({ host: "lantern.example:3000", origin: "http://evil.example", "content-type": "multipart/form-data; boundary=x" }));
    expect(res?.status).toBe(403);
  });

  it("compares with X-Forwarded-Host (its first value) when present, as Next does", () => {
    expect(action({ origin: "https://lantern.example.org", "x-forwarded-host": "lantern.example.org, proxy.internal" })).toBeUndefined();
    expect(action({ origin: "https://lantern.example:3000", "x-forwarded-host": "lantern.example.org" })?.status).toBe(403);
  });

  it("lets through a same-origin action, one without an Origin header, and what is not an action", () => {
    expect(action({ origin: "http://lantern.example:3000" })).toBeUndefined();
    expect(action({})).toBeUndefined();
    expect(action({ origin: "http://evil.example" }, "GET")).toBeUndefined();
    const plainPost = new Headers({ host: "lantern.example:3000", origin: "http://evil.example", "content-type": "application/json" });
    expect(refuseCrossOriginAction("POST", plainPost)).toBeUndefined();
    const urlEncoded = new Headers({ host: "lantern.example:3000", origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" });
    expect(refuseCrossOriginAction("POST", urlEncoded)).toBeUndefined(); // Next turns these away itself
  });
});
