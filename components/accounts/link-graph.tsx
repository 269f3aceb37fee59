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
import { runGraphLayout, type Positions } from "@/components/accounts/run-graph-layout";
import { SelectedLink } from "@/components/accounts/selected-link";

type Props = GraphData & {
  /** The server action deciding a suggestion; absent for those who may not decide (AUDITOR). */
  decide?: FormAction;
  height?: number;
};

type LayoutState = "pending" | "done" | "fallback";

// Sizes are computed here rather than with mapData() in the stylesheet: cheaper for cytoscape's
// style pass, which dominates the creation of a 10,000-edge graph.
const nodeData = (n: GraphNode) => ({
  id: n.id,
  label: n.label,
  externalId: n.externalId ?? "",
  status: n.status,
  risk: n.risk,
  size: 14 + (Math.min(100, Math.max(0, n.risk)) / 100) * 32,
  onCase: !!n.onCase,
});
const edgeData = (e: GraphEdge) => ({ ...e, width: 1 + Math.min(1, Math.max(0, e.confidence)) * 3 });

const DEFAULT_STATES: ReadonlySet<LinkState> = new Set<LinkState>(["SUGGESTED", "ACCEPTED"]);
const SEARCH_DEBOUNCE_MS = 150;
/** Edges added to the graph per task while it is built. */
const EDGE_CHUNK = 2000;

/** The elements, placed where the layout put them (a grid when there is no layout), with the edges
 *  the default filter hides already hidden, so the first draw is the only one. */
function elementsOf(nodes: GraphNode[], edges: GraphEdge[], positions: Positions | null): cytoscape.ElementDefinition[] {
  const cols = Math.max(1, Math.ceil(Math.sqrt(nodes.length)));
  const ids = new Set(nodes.map((n) => n.id));
  return [
    ...nodes.map((n, i) => ({
      group: "nodes" as const,
      data: nodeData(n),
      position: positions?.get(n.id) ?? { x: (i % cols) * 70, y: Math.floor(i / cols) * 70 },
    })),
    ...edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ group: "edges" as const, data: edgeData(e), classes: DEFAULT_STATES.has(e.state) ? "" : "hidden" })),
  ];
}

export function LinkGraph({ nodes, edges, decide, height = 560 }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const initial = useRef({ nodes, edges });
  const router = useRouter();
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);
  const [layout, setLayout] = useState<LayoutState>("pending");
  const [query, setQuery] = useState("");
  const [states, setStates] = useState<ReadonlySet<LinkState>>(DEFAULT_STATES);
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

  // Lay out first (in the worker), then create the graph once, drawn where the layout put it.
  // Later prop changes are applied in place by the sync effect below.
  useEffect(() => {
    const { nodes: n0, edges: e0 } = initial.current;
    const bigAtStart = isBigGraph(n0.length, e0.length);
    const layoutRun = runGraphLayout({ nodes: n0, edges: e0 });
    let cy: cytoscape.Core | null = null;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void layoutRun.result.then((positions) => {
      if (cancelled || !containerRef.current) return;
      const els = elementsOf(n0, e0, positions);
      const nodeEls = els.filter((el) => el.group === "nodes");
      const edgeEls = els.filter((el) => el.group === "edges");
      const graph = cytoscape({
        container: containerRef.current,
        elements: [...nodeEls, ...edgeEls.slice(0, EDGE_CHUNK)],
        style: graphStyle(bigAtStart),
        layout: { name: "preset" },
        minZoom: 0.02,
        maxZoom: 4,
        boxSelectionEnabled: false,
        textureOnViewport: bigAtStart,
        hideEdgesOnViewport: bigAtStart,
        pixelRatio: bigAtStart ? 1 : "auto",
      });
      cy = graph;
      graph.on("tap", "node", (e) => routerRef.current.push(`/accounts/${encodeURIComponent(e.target.id())}`));
      graph.on("tap", "edge", (e) => setSelectedId(e.target.id()));
      graph.on("tap", (e) => {
        if (e.target === graph) setSelectedId(null);
      });
      fitGraph(graph);
      const finish = () => {
        if (!positions) {
          graph.layout(bigAtStart ? { name: "grid" } : { name: "cose", animate: false }).run();
          fitGraph(graph);
        }
        cyRef.current = graph;
        setVisibleEdges(graph.edges().not(".hidden").length);
        setLayout(positions ? "done" : "fallback");
      };
      // The rest of the edges in slices, so no single task blocks the page for long.
      const addFrom = (from: number) => {
        if (cancelled) return;
        if (from >= edgeEls.length) return finish();
        graph.add(edgeEls.slice(from, from + EDGE_CHUNK));
        timer = setTimeout(() => addFrom(from + EDGE_CHUNK), 0);
      };
      addFrom(EDGE_CHUNK);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      layoutRun.cancel();
      cy?.destroy();
      cyRef.current = null;
    };
  }, []);
  const ready = layout !== "pending";

  /** Shows and hides edges by state and reason, touching only those whose visibility changes. */
  const applyFilters = useCallback(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const visible = (e: cytoscape.SingularElementArgument) => states.has(e.data("state")) && (!reason || e.data("reason") === reason);
    cy.batch(() => {
      cy.edges(".hidden").filter((e) => visible(e)).removeClass("hidden");
      cy.edges().not(".hidden").filter((e) => !visible(e)).addClass("hidden");
    });
    setVisibleEdges(cy.edges().not(".hidden").length);
  }, [states, reason]);

  // New props (after a decision or a refresh): update, add and remove elements in place, keeping positions.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    if (initial.current.nodes !== nodes || initial.current.edges !== edges) syncElements(cy, nodes, edges);
    setLocalStates({});
  }, [nodes, edges, ready]);

  useEffect(applyFilters, [applyFilters, nodes, edges, ready]);

  // Search: highlight the matches and fade the rest, a moment after typing stops.
  const highlighted = useRef<{ match: Set<string>; faded: boolean }>({ match: new Set(), faded: false });
  useEffect(() => {
    const timer = setTimeout(() => {
      const cy = cyRef.current;
      if (!cy) return;
      const next = new Set(matches);
      const fade = next.size > 0;
      const prev = highlighted.current;
      cy.batch(() => {
        for (const id of prev.match) if (!next.has(id)) cy.getElementById(id).removeClass("match");
        for (const id of next) if (!prev.match.has(id)) cy.getElementById(id).addClass("match");
        if (fade) {
          cy.nodes(".match.faded").removeClass("faded");
          cy.nodes().not(".match").not(".faded").addClass("faded");
        } else if (prev.faded) {
          cy.nodes(".faded").removeClass("faded");
        }
      });
      highlighted.current = { match: next, faded: fade };
      matchCursor.current = 0;
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [matches, ready]);

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
        onFit={() => cyRef.current && fitGraph(cyRef.current)}
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

/** Fits the graph in view, without blowing a handful of nodes up to the maximum zoom. */
function fitGraph(cy: cytoscape.Core) {
  cy.fit(undefined, 30);
  if (cy.zoom() > 1.5) {
    cy.zoom(1.5);
    cy.center();
  }
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
