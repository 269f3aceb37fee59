import { describe, expect, it } from "vitest";
import { startHeapGuard } from "@/lib/jobs/heap-guard";

describe("the ingest heap guard", () => {
  it("collects once the heap has grown past its slack, and not before", () => {
    const guard = startHeapGuard(8 * 1024 * 1024);
    guard.check();
    expect(guard.collections).toBe(0);
    let keep: string[] = [];
    for (let i = 0; i < 200_000; i++) keep.push(`garbage ${i} `.repeat(4));
    guard.check();
    expect(guard.collections).toBe(1);
    keep = [];
    expect(keep).toHaveLength(0);
  });
});
