// Force-directed positions for the link graph, computed with a headless cytoscape and fcose. Runs
// in a Web Worker (graph-layout.worker.ts) so the page stays responsive; small graphs get the full
// fcose pass, large ones the spectral ("draft") pass only, which takes about a second for 2,000
// nodes and 10,000 edges where the full pass takes tens of seconds.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

export type LayoutRequest = { nodeIds: string[]; edges: [number, number][] };

/** Full-quality layouts up to this many nodes. */
export const FULL_LAYOUT_MAX_NODES = 400;

let registered = false;

/** Positions as [x0, y0, x1, y1, …] in the order of `nodeIds`. */
export function computeLayout({ nodeIds, edges }: LayoutRequest): Float64Array {
  if (!registered) {
    cytoscape.use(fcose);
    registered = true;
  }
  const elements: cytoscape.ElementDefinition[] = nodeIds.map((id) => ({ data: { id } }));
  edges.forEach(([s, t], i) => elements.push({ data: { id: `e${i}`, source: nodeIds[s], target: nodeIds[t] } }));
  const cy = cytoscape({ headless: true, elements, style: [{ selector: "node", style: { width: 30, height: 30 } }] });
  const full = nodeIds.length <= FULL_LAYOUT_MAX_NODES;
  cy.layout({
    name: "fcose",
    quality: full ? "default" : "draft",
    randomize: true,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    numIter: 1500,
    idealEdgeLength: () => 80,
    nodeRepulsion: () => 6000,
  } as cytoscape.LayoutOptions).run();
  const out = new Float64Array(nodeIds.length * 2);
  nodeIds.forEach((id, i) => {
    const p = cy.getElementById(id).position();
    out[i * 2] = p.x;
    out[i * 2 + 1] = p.y;
  });
  cy.destroy();
  return out;
}
