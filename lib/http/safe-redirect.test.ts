import { describe, expect, it } from "vitest";
import { safeAuthRedirect, safeLocalPath, signInPathFor } from "@/lib/http/safe-redirect";
import { HOSTILE_REDIRECTS, LOCAL_REDIRECTS } from "@/test/support/redirect-candidates";

const ORIGIN = "https://lantern.example.org";

/** Where a browser on ORIGIN goes when sent to `path`. */
const landing = (path: string) => new URL(path, `${ORIGIN}/login?x=1`);

describe("safeLocalPath", () => {
  it.each(LOCAL_REDIRECTS)("keeps the local path %s", (p) => {
    expect(safeLocalPath(p)).toBe(p);
  });

  it.each(["/cases/../audit", "/./cases", "/a/%2e%2e/cases"])("keeps %j as the path it resolves to", (p) => {
    expect(safeLocalPath(p)).toBe(landing(p).pathname);
  });

  it.each([...HOSTILE_REDIRECTS, undefined, null])("sends %j to the default page", (p) => {
    expect(safeLocalPath(p)).toBe("/");
  });

  it("never answers a path a browser would take off this origin", () => {
    const prefixes = ["", "/", "/cases", "/cases/x", "/a/b"];
    const middles = ["", ".", "..", "%2e", "%2e%2e", ".%2e", "%2E.", "\\", "%5c", "%2f", ";", "?", "#"];
    const tails = ["//evil.example", "/\\evil.example", "///evil.example", "//evil.example/p?q#h"];
    let tried = 0;
    for (const pre of prefixes)
      for (const mid of middles)
        for (const tail of tails) {
          const candidate = `${pre}/${mid}${tail}`;
          const out = safeLocalPath(candidate);
          tried += 1;
          expect(out.startsWith("//"), candidate).toBe(false);
          expect(landing(out).origin, candidate).toBe(ORIGIN);
        }
    expect(tried).toBe(prefixes.length * middles.length * tails.length);
  });
});

describe("safeAuthRedirect (next-auth's redirect callback)", () => {
  it.each([
    ["/login", "https://l.example/login"],
    ["https://l.example/cases/LAN-2026-0001", "https://l.example/cases/LAN-2026-0001"],
    ["https://l.example/.//evil.example/phish", "https://l.example/"],
    ["/..//evil.example", "https://l.example/"],
    ["https://l.example.evil.example/x", "https://l.example/"],
    ["https://l.example@evil.example/x", "https://l.example/"],
    ["https://evil.example/", "https://l.example/"],
  ])("%s -> %s", (url, expected) => {
    expect(safeAuthRedirect(url, "https://l.example")).toBe(expected);
  });
});

describe("safeAuthRedirect with a base URL that ends in slashes", () => {
  it.each(["https://l.example/", "https://l.example//"])("joins %s and the path with one slash", (base) => {
    expect(safeAuthRedirect("/cases/LAN-2026-0001", base)).toBe("https://l.example/cases/LAN-2026-0001");
    expect(safeAuthRedirect("https://l.example/audit", base)).toBe("https://l.example/audit");
    expect(safeAuthRedirect("https://evil.example/", base)).toBe("https://l.example/");
  });
});

describe("signInPathFor (a signed-out visitor keeps their place)", () => {
  it("carries a local path and its query to the sign-in page", () => {
    expect(signInPathFor("/cases/LAN-2026-0003?notesPage=2")).toBe(`/login?callbackUrl=${encodeURIComponent("/cases/LAN-2026-0003?notesPage=2")}`);
  });

  it("carries nothing for the home page, the sign-in page itself, no path, or anything off this origin", () => {
    for (const p of [null, undefined, "", "/", "/login", "/login?callbackUrl=%2Fcases", "//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      expect(signInPathFor(p), String(p)).toBe("/login");
    }
  });
});
