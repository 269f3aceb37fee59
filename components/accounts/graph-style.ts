// The link graph's cytoscape stylesheet: nodes coloured by status and sized by risk, edges styled
// by state (suggested dashed, accepted solid, dismissed faint). Big graphs draw cheaper edges.
import type cytoscape from "cytoscape";
import { STATUS_COLORS } from "@/components/accounts/graph-types";

export function graphStyle(big: boolean): cytoscape.StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        "background-color": "#64748b",
        width: "data(size)",
        height: "data(size)",
        label: "data(label)",
        "font-size": 10,
        color: "#0f172a",
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.7,
        // Labels disappear when they would be drawn smaller than this on screen (zoomed out).
        "min-zoomed-font-size": big ? 9 : 6,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    ...Object.entries(STATUS_COLORS).map(([status, color]) => ({
      selector: `node[status = "${status}"]`,
      style: { "background-color": color },
    })),
    { selector: "node[?onCase]", style: { "border-width": 3, "border-color": "#0f172a" } },
    {
      selector: "edge",
      style: {
        "curve-style": big ? "haystack" : "bezier",
        "haystack-radius": 0,
        width: "data(width)",
        "line-color": "#334155",
        opacity: 0.8,
        ...(big
          ? {}
          : {
              label: "data(reason)",
              "font-size": 8,
              color: "#475569",
              "text-rotation": "autorotate",
              "text-background-color": "#ffffff",
              "text-background-opacity": 0.8,
              "min-zoomed-font-size": 7,
            }),
      },
    },
    { selector: 'edge[state = "SUGGESTED"]', style: { "line-style": "dashed", "line-color": "#2563eb" } },
    { selector: 'edge[state = "DISMISSED"]', style: { "line-style": "dotted", "line-color": "#cbd5e1", opacity: 0.5 } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: ".faded", style: { opacity: 0.15 } },
    {
      selector: "node.match",
      style: { "border-width": 4, "border-color": "#7c3aed", "z-index": 10, "min-zoomed-font-size": 0 },
    },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#0f172a" } },
    { selector: "edge:selected", style: { width: 5, "line-color": "#7c3aed", label: "data(reason)", "font-size": 10 } },
  ];
}
