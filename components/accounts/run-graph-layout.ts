// Positions for the link graph from the layout worker (graph-layout.worker.ts), before the graph is
// drawn, so the page draws the graph once, where it belongs. Without workers (or if the worker
// fails) it answers null and the graph uses a built-in layout on the main thread instead.
import type { GraphData } from "@/components/accounts/graph-types";

export type Positions = Map<string, { x: number; y: number }>;

export function runGraphLayout({ nodes, edges }: Pick<GraphData, "nodes" | "edges">): { result: Promise<Positions | null>; cancel: () => void } {
  const nodeIds = nodes.map((n) => n.id);
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const pairs: [number, number][] = [];
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (e.state !== "DISMISSED" && s !== undefined && t !== undefined) pairs.push([s, t]);
  }
  if (nodeIds.length < 2) return { result: Promise.resolve(new Map(nodeIds.map((id) => [id, { x: 0, y: 0 }]))), cancel: () => {} };
  let worker: Worker;
  try {
    worker = new Worker(new URL("./graph-layout.worker.ts", import.meta.url));
  } catch {
    return { result: Promise.resolve(null), cancel: () => {} };
  }
  const result = new Promise<Positions | null>((resolve) => {
    worker.onmessage = (event: MessageEvent<{ positions?: Float64Array; error?: string }>) => {
      worker.terminate();
      const p = event.data.positions;
      resolve(p ? new Map(nodeIds.map((id, i) => [id, { x: p[i * 2], y: p[i * 2 + 1] }])) : null);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve(null);
    };
    worker.postMessage({ seq: 1, nodeIds, edges: pairs });
  });
  return { result, cancel: () => worker.terminate() };
}
