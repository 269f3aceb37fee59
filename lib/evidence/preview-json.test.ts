import { describe, expect, it } from "vitest";
import { prettyJson } from "@/lib/evidence/preview-json";

describe("prettyJson", () => {
  it("prints what JSON.stringify(v, null, 2) prints", () => {
    const value = JSON.parse('{"a":[1,-0,2.5e-7,{"b":null,"c":[],"d":{}}],"é \\"q\\"":"line\\nbreak 😀","2":true,"__proto__":{"x":false}}') as unknown;
    expect(prettyJson(value, 10_000)).toEqual({ text: JSON.stringify(value, null, 2), truncated: false });
    for (const scalar of [null, 0, "s", false]) expect(prettyJson(scalar, 100)?.text).toBe(JSON.stringify(scalar));
  });

  it("stops at maxChars and says so", () => {
    const value = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const full = JSON.stringify(value, null, 2);
    expect(prettyJson(value, 50)).toEqual({ text: full.slice(0, 50), truncated: true });
    expect(prettyJson(value, full.length)).toEqual({ text: full, truncated: false });
  });

  it("refuses nesting deeper than maxDepth instead of printing quadratic indentation", () => {
    const deep = JSON.parse("[".repeat(5000) + "]".repeat(5000)) as unknown;
    expect(prettyJson(deep, 1_000_000)).toBeNull();
    expect(prettyJson([[[1]]], 100, 3)).toEqual({ text: JSON.stringify([[[1]]], null, 2), truncated: false });
    expect(prettyJson([[[[1]]]], 100, 3)).toBeNull();
  });
});
