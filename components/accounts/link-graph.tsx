"use client";
// The account link graph (cytoscape.js on a canvas). Nodes are accounts, coloured by status and
// sized by risk; edges are links, labelled with their reason and styled by state. Pan and zoom with
// the mouse or the buttons, search by external id or name, filter by reason and state, click a node
// to open the account, click a suggested link to accept or dismiss it. Positions are computed in a
// Web Worker; big graphs (isBigGraph) draw cheaper edges without labels. Load it through
// link-graph-loader.tsx so only pages that show a graph download this code.
import cytoscape from "cytoscape";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FormAction } from "@/components/action-state";
import { GraphLegend } from "@/components/accounts/graph-legend";
import { GraphListView } from "@/components/accounts/graph-list-view";
import { graphStyle } from "@/components/accounts/graph-style";
import { GraphToolbar } from "@/components/accounts/graph-toolbar";
import { isBigGraph, type GraphData, type GraphEdge, type GraphNode, type LinkState } from "@/components/accounts/graph-types";
import { SelectedLink } from "@/components/accounts/selected-link";

type Props = GraphData & {
  /** The server action deciding a suggestion; absent for those who may not decide (AUDITOR). */
  decide?: FormAction;
  height?: number;
};

type LayoutState = "pending" | "done" | "fallback";

const nodeData = (n: GraphNode) => ({ id: n.id, label: n.label, externalId: n.externalId ?? "", status: n.status, risk: n.risk, onCase: !!n.onCase });
const edgeData = (e: GraphEdge) => ({ ...e });

/** Cheap first positions (a grid) so the graph shows at once while the real layout is computed. */
function elementsOf(nodes: GraphNode[], edges: GraphEdge[]): cytoscape.ElementDefinition[] {
  const cols = Math.max(1, Math.ceil(Math.sqrt(nodes.length)));
  const ids = new Set(nodes.map((n) => n.id));
  return [
    ...nodes.map((n, i) => ({ group: "nodes" as const, data: nodeData(n), position: { x: (i % cols) * 70, y: Math.floor(i / cols) * 70 } })),
    ...edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ group: "edges" as const, data: edgeData(e) })),
  ];
}

export function LinkGraph({ nodes, edges, decide, height = 560 }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const initial = useRef({ nodes, edges });
  const router = useRouter();
  const routerRef = useRef(router);
  routerRef.current = router;
  const [layout, setLayout] = useState<LayoutState>("pending");
  const [query, setQuery] = useState("");
  const [states, setStates] = useState<ReadonlySet<LinkState>>(() => new Set<LinkState>(["SUGGESTED", "ACCEPTED"]));
  const [reason, setReason] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [visibleEdges, setVisibleEdges] = useState(0);
  const [localStates, setLocalStates] = useState<Record<string, LinkState>>({});
  const matchCursor = useRef(0);
  const big = isBigGraph(nodes.length, edges.length);

  const reasons = useMemo(() => [...new Set(edges.map((e) => e.reason))].sort(), [edges]);
  const nodeById = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return nodes.filter((n) => n.label.toLowerCase().includes(q) || (n.externalId ?? "").toLowerCase().includes(q)).map((n) => n.id);
  }, [nodes, query]);

  // Create the graph once; later prop changes are applied by the sync effect below.
  useEffect(() => {
    const { nodes: n0, edges: e0 } = initial.current;
    const bigAtStart = isBigGraph(n0.length, e0.length);
    const cy = cytoscape({
      container: containerRef.current,
      elements: elementsOf(n0, e0),
      style: graphStyle(bigAtStart),
      layout: { name: "preset" },
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      textureOnViewport: bigAtStart,
      hideEdgesOnViewport: bigAtStart,
      pixelRatio: bigAtStart ? 1 : "auto",
    });
    cyRef.current = cy;
    cy.on("tap", "node", (e) => routerRef.current.push(`/accounts/${encodeURIComponent(e.target.id())}`));
    cy.on("tap", "edge", (e) => setSelectedId(e.target.id()));
    cy.on("tap", (e) => {
      if (e.target === cy) setSelectedId(null);
    });
    cy.fit(undefined, 30);
    const stop = startLayout(cy, setLayout);
    return () => {
      stop();
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  const applyFilters = useCallback(() => {
    const cy = cyRef.current;
    if (!cy) return;
    let shown = 0;
    cy.batch(() =>
      cy.edges().forEach((e) => {
        const visible = states.has(e.data("state")) && (!reason || e.data("reason") === reason);
        if (visible) shown++;
        e.toggleClass("hidden", !visible);
      }),
    );
    setVisibleEdges(shown);
  }, [states, reason]);

  // New props (after a decision or a refresh): update, add and remove elements in place, keeping positions.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    if (initial.current.nodes !== nodes || initial.current.edges !== edges) syncElements(cy, nodes, edges);
    setLocalStates({});
    applyFilters();
  }, [nodes, edges, applyFilters]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const set = new Set(matches);
    const searching = query.trim() !== "";
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.toggleClass("match", set.has(n.id()));
        n.toggleClass("faded", searching && set.size > 0 && !set.has(n.id()));
      });
    });
    matchCursor.current = 0;
  }, [matches, query]);

  const focusMatch = useCallback(() => {
    const cy = cyRef.current;
    if (!cy || matches.length === 0) return;
    const id = matches[matchCursor.current % matches.length];
    matchCursor.current += 1;
    const node = cy.getElementById(id);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
  }, [matches]);

  const onDecided = useCallback((id: string, status: LinkState) => {
    cyRef.current?.getElementById(id).data("state", status);
    setLocalStates((s) => ({ ...s, [id]: status }));
    applyFilters();
  }, [applyFilters]);

  const selected = selectedId ? edges.find((e) => e.id === selectedId) : undefined;
  return (
    <div className="rounded-md border border-slate-200 bg-white shadow-sm">
      <GraphToolbar
        query={query}
        onQuery={setQuery}
        onFocusMatch={focusMatch}
        matchCount={matches.length}
        states={states}
        onToggleState={(s) => setStates((prev) => toggled(prev, s))}
        reasons={reasons}
        reason={reason}
        onReason={setReason}
        onFit={() => cyRef.current?.fit(undefined, 30)}
        onZoom={(f) => zoomBy(cyRef.current, f)}
      />
      <div className="relative">
        <div
          ref={containerRef}
          data-testid="link-graph"
          data-node-count={nodes.length}
          data-edge-count={visibleEdges}
          data-layout={layout}
          role="img"
          aria-label={`Link graph of ${nodes.length} accounts and ${visibleEdges} links shown. The list view below has the same content.`}
          style={{ height }}
          className="w-full bg-slate-50"
        />
        {layout === "pending" && (
          <p className="absolute top-2 left-2 rounded bg-white/90 px-2 py-1 text-xs text-slate-600 shadow" aria-live="polite">
            Laying out {nodes.length.toLocaleString("en-US")} accounts…
          </p>
        )}
        {selected && (
          <SelectedLink
            edge={{ ...selected, state: localStates[selected.id] ?? selected.state }}
            source={nodeById.get(selected.source)}
            target={nodeById.get(selected.target)}
            decide={decide}
            onDecided={onDecided}
            onClose={() => setSelectedId(null)}
          />
        )}
      </div>
      <GraphLegend big={big} onCase={nodes.some((n) => n.onCase)} />
      <GraphListView nodes={nodes} edges={edges} localStates={localStates} decide={decide} onDecided={onDecided} />
    </div>
  );
}

function toggled<T>(set: ReadonlySet<T>, v: T): Set<T> {
  const next = new Set(set);
  if (next.has(v)) next.delete(v);
  else next.add(v);
  return next;
}

function zoomBy(cy: cytoscape.Core | null, factor: number) {
  if (!cy) return;
  cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

function syncElements(cy: cytoscape.Core, nodes: GraphNode[], edges: GraphEdge[]) {
  cy.batch(() => {
    const nodeIds = new Set(nodes.map((n) => n.id));
    const edgeIds = new Set(edges.map((e) => e.id));
    cy.edges().filter((e) => !edgeIds.has(e.id())).remove();
    cy.nodes().filter((n) => !nodeIds.has(n.id())).remove();
    const extent = cy.extent();
    for (const n of nodes) {
      const el = cy.getElementById(n.id);
      if (el.nonempty()) el.data(nodeData(n));
      else cy.add({ group: "nodes", data: nodeData(n), position: { x: extent.x1 + Math.random() * extent.w, y: extent.y1 + Math.random() * extent.h } });
    }
    for (const e of edges) {
      const el = cy.getElementById(e.id);
      if (el.nonempty()) el.data(edgeData(e));
      else if (nodeIds.has(e.source) && nodeIds.has(e.target)) cy.add({ group: "edges", data: edgeData(e) });
    }
  });
}

/** Runs the layout in a worker and moves the nodes when it answers; falls back to a built-in
 *  layout on the main thread (cose when small, grid when big) if workers are unavailable. */
function startLayout(cy: cytoscape.Core, report: (s: LayoutState) => void): () => void {
  const nodeIds = cy.nodes().map((n) => n.id());
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const edges = cy
    .edges()
    .filter((e) => e.data("state") !== "DISMISSED")
    .map((e) => [index.get(e.data("source")) ?? 0, index.get(e.data("target")) ?? 0] as [number, number]);
  const fallback = () => {
    if (cy.destroyed()) return;
    const big = isBigGraph(nodeIds.length, edges.length);
    cy.layout(big ? { name: "grid" } : { name: "cose", animate: false }).run();
    cy.fit(undefined, 30);
    report("fallback");
  };
  if (nodeIds.length < 2) {
    report("done");
    return () => {};
  }
  let worker: Worker;
  try {
    worker = new Worker(new URL("./graph-layout.worker.ts", import.meta.url));
  } catch {
    fallback();
    return () => {};
  }
  worker.onmessage = (event: MessageEvent<{ positions?: Float64Array; error?: string }>) => {
    worker.terminate();
    const p = event.data.positions;
    if (!p || cy.destroyed()) return fallback();
    cy.batch(() => nodeIds.forEach((id, i) => cy.getElementById(id).position({ x: p[i * 2], y: p[i * 2 + 1] })));
    cy.fit(undefined, 30);
    report("done");
  };
  worker.onerror = () => {
    worker.terminate();
    fallback();
  };
  worker.postMessage({ seq: 1, nodeIds, edges });
  return () => worker.terminate();
}
