import { describe, expect, it } from "vitest";
import { computeLayout, FULL_LAYOUT_MAX_NODES } from "@/components/accounts/graph-layout";

function positionsOf(nodeIds: string[], edges: [number, number][]) {
  const p = computeLayout({ nodeIds, edges });
  return nodeIds.map((_, i) => ({ x: p[i * 2], y: p[i * 2 + 1] }));
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe("link graph layout (the worker's computation)", () => {
  it("draws links at about their ideal length and keeps accounts from overlapping", () => {
    // Two triangles, no link between them.
    const ids = ["a1", "a2", "a3", "b1", "b2", "b3"];
    const links: [number, number][] = [[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 3]];
    const pos = positionsOf(ids, links);
    for (const p of pos) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    for (const [s, t] of links) {
      expect(distance(pos[s], pos[t])).toBeGreaterThan(40);
      expect(distance(pos[s], pos[t])).toBeLessThan(160);
    }
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) expect(distance(pos[i], pos[j])).toBeGreaterThan(30);
  });

  it("lays out a graph above the full-quality size with the quick pass, every node placed apart", () => {
    const n = FULL_LAYOUT_MAX_NODES + 100;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const edges = ids.map((_, i) => [i, (i + 1) % n] as [number, number]);
    const pos = positionsOf(ids, edges);
    expect(pos.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(new Set(pos.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`)).size).toBeGreaterThan(n * 0.9);
  });
});
