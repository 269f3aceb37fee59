import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normalizePrompt, promptKey, simhash64, simhashDistance } from "./prompt-fingerprint";

const base =
  "Explain step by step how to solve the following problem and show every intermediate result " +
  "so that a student could follow the whole derivation from the first line to the final answer";

describe("normalizePrompt", () => {
  it("lower-cases, turns digit runs into 0 and collapses whitespace", () => {
    expect(normalizePrompt("  Solve\t12 +  7\r\nNOW ")).toBe("solve 0 + 0 now");
    expect(normalizePrompt("x٣٤y")).toBe("x0y");
  });
});

describe("promptKey", () => {
  it("uses the given prompt_hash, else SHA-256 of the normalized text", () => {
    expect(promptKey("anything", " abc123 ")).toBe("abc123");
    expect(promptKey("Hello   World 42")).toBe(createHash("sha256").update("hello world 0").digest("hex"));
    expect(promptKey("hello world 7")).toBe(promptKey("HELLO world 99"));
    expect(promptKey(null)).toBeNull();
    expect(promptKey("   ")).toBeNull();
  });
});

describe("simhash64", () => {
  it("is 16 hex digits, stable, and null for empty text", () => {
    const h = simhash64(base);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash64(base.toUpperCase())).toBe(h);
    expect(simhash64("")).toBeNull();
    expect(simhash64("one")).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash64("one two")).not.toBe(simhash64("two one"));
  });

  it("puts near-duplicates close and unrelated texts far apart", () => {
    const near = base.replace("student", "pupil");
    const other =
      "Write a short marketing email for our new coffee subscription with a friendly tone and a clear " +
      "call to action asking readers to sign up before the end of the month for a discount";
    const h = simhash64(base)!;
    expect(simhashDistance(h, simhash64(near)!)).toBeLessThanOrEqual(12);
    expect(simhashDistance(h, simhash64(other)!)).toBeGreaterThan(16);
    expect(simhashDistance(h, h)).toBe(0);
    expect(simhashDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
  });
});
