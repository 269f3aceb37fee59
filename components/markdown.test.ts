// The safe markdown of notes and case summaries, rendered as the server renders it.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, null, source));

describe("Markdown", () => {
  it("renders GitHub-flavoured tables, in a box that scrolls on its own", () => {
    const out = html("| account | requests |\n| --- | ---: |\n| acct-1 | 1200 |\n");
    expect(out).toMatch(/<div class="my-2 overflow-x-auto"><table[^>]*><thead><tr><th[^>]*>account<\/th><th[^>]*>requests<\/th>/);
    expect(out).toContain(">acct-1</td>");
    expect(out).toContain("text-align:right");
  });

  it("shows a refused link as its plain text, not as a dead link", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"]) {
      const out = html(`[click me](${href})`);
      expect(out, href).not.toContain("<a");
      expect(out, href).toContain('<span data-refused-link="">click me</span>');
    }
  });

  it("keeps http(s), mailto and relative links, with rel set", () => {
    expect(html("[docs](https://example.test/x)")).toContain('<a href="https://example.test/x" rel="noopener noreferrer nofollow">docs</a>');
    expect(html("[case](/cases/LAN-2026-0001)")).toContain('href="/cases/LAN-2026-0001"');
  });

  it("still skips raw HTML and shows images as links", () => {
    const out = html('<script>alert(1)</script><img src=x onerror=alert(1)>\n\n![chart](https://example.test/c.png)');
    expect(out).not.toMatch(/<script|<img|onerror/);
    expect(out).toContain(">Image: chart</a>");
  });

  it("lets long unbroken words wrap anywhere", () => {
    expect(html("x".repeat(500))).toContain("[overflow-wrap:anywhere]");
  });
});
