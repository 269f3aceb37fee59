import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/jobs/backoff";

describe("retryDelayMs", () => {
  const b = { baseMs: 1_000, capMs: 60_000 };
  it("doubles per attempt within [half, whole) of base·2^(n-1)", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, b, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, b, () => 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });
  it("caps the wait", () => {
    expect(retryDelayMs(30, b, () => 0.999999)).toBe(60_000);
    expect(retryDelayMs(30, b, () => 0)).toBe(30_000);
  });
  it("spreads workers that failed together", () => {
    const waits = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, b)));
    expect(waits.size).toBeGreaterThan(10);
  });
});
